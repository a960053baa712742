/**
 * The per-stream media path, one small stage per class, none of which knows about sockets or threads:
 * receive &rarr; validate and latch the source ({@link org.activerecorder.rtp.adapter.pipeline.AllowedPeers},
 * {@link org.activerecorder.rtp.adapter.pipeline.SourceLatch}) &rarr; position
 * ({@link org.activerecorder.rtp.adapter.pipeline.SequenceTracker},
 * {@link org.activerecorder.rtp.adapter.pipeline.TimestampPositioner},
 * {@link org.activerecorder.rtp.adapter.pipeline.AudioWindow}) &rarr; decode
 * ({@link org.activerecorder.rtp.adapter.pipeline.G711Decoder}) &rarr; write
 * ({@link org.activerecorder.rtp.adapter.pipeline.WavFile}).
 *
 * <p>{@link org.activerecorder.rtp.adapter.pipeline.StreamPipeline} chains them for one stream. Every stage
 * works on reused buffers and plain fields, so a packet costs no allocation, and every stage is unit-tested
 * by feeding it bytes.
 */
package org.activerecorder.rtp.adapter.pipeline;
