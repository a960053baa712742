/**
 * The per-stream media path, one small stage per class, none of which knows about sockets or threads:
 * receive &rarr; validate and follow the source ({@link org.activerecorder.rtp.adapter.pipeline.AllowedPeers},
 * {@link org.activerecorder.rtp.adapter.pipeline.SourceLatch},
 * {@link org.activerecorder.rtp.adapter.pipeline.SourceRelatch}) &rarr; order
 * ({@link org.activerecorder.rtp.adapter.pipeline.SequenceTracker}) &rarr; comfort noise and telephone events
 * aside ({@link org.activerecorder.rtp.adapter.pipeline.TelephoneEvents}) &rarr; position
 * ({@link org.activerecorder.rtp.adapter.pipeline.TimestampPositioner},
 * {@link org.activerecorder.rtp.adapter.pipeline.TimestampJumpRule},
 * {@link org.activerecorder.rtp.adapter.pipeline.ArrivalClock}) &rarr; decode
 * ({@link org.activerecorder.rtp.adapter.pipeline.AudioDecoder}: on the loop, or for Opus off it, through the
 * {@code decode} package) &rarr; pause and window
 * ({@link org.activerecorder.rtp.adapter.pipeline.AudioWindow}) &rarr; write
 * ({@link org.activerecorder.rtp.adapter.pipeline.WavFile}), with the silent stretches and their causes in the
 * {@link org.activerecorder.rtp.adapter.pipeline.GapTimeline}.
 *
 * <p>{@link org.activerecorder.rtp.adapter.pipeline.StreamPipeline} chains them for one stream. Every stage
 * works on reused buffers and plain fields, so a packet costs no allocation on any path it can take
 * ({@code PipelineAllocationTest} measures each), and every stage is unit-tested by feeding it bytes.
 */
package org.activerecorder.rtp.adapter.pipeline;
