package org.activerecorder.bench.sharedport;

import org.activerecorder.rtp.adapter.pipeline.AllowedPeers;
import org.activerecorder.rtp.adapter.pipeline.PacketOutcome;
import org.activerecorder.rtp.adapter.pipeline.StreamPipeline;
import org.activerecorder.rtp.adapter.pipeline.WavFile;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamStatistics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Every stream of a shared port through the recorder's own per-packet work: the SSRC picks the stream
 * ({@link SsrcIndex}), whose {@link StreamPipeline} (source latch, sequence and reorder, timestamp position, G.711
 * decode, audio window) writes into the adapter's real {@link WavFile}, as {@code PacketPathBenchmark} drives them,
 * but fed by a socket at the live rate. The pipelines and files are made before the first packet.
 */
final class PipelineStreams implements DatagramConsumer {

    private final SsrcDemux demux;
    private final StreamPipeline[] pipelines;
    private final WavFile[] files;
    private final short[] scratch;
    private long bytes;

    PipelineStreams(int streams, Path folder) throws IOException {
        demux = new SsrcDemux(streams);
        pipelines = new StreamPipeline[streams];
        files = new WavFile[streams];
        int samples = 0;
        for (int i = 0; i < streams; i++) {
            files[i] = WavFile.create(folder.resolve(String.format("s%05d.wav", i)), 8000);
            pipelines[i] = new StreamPipeline(0, AudioCodec.PCMU, AllowedPeers.any(), files[i]);
            samples = Math.max(samples, pipelines[i].maxPacketSamples());
        }
        scratch = new short[samples];
    }

    @Override
    public void accept(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) {
        int start = datagram.position();
        int length = datagram.remaining();
        int stream = demux.streamOf(datagram.get(start), datagram.getInt(start + 8), length);
        if (stream < 0) {
            return;
        }
        bytes += length;
        PacketOutcome outcome = pipelines[stream].accept(datagram, from, arrivalNanos, scratch);
        if (outcome != PacketOutcome.ACCEPTED && outcome != PacketOutcome.FIRST_PACKET) {
            demux.refused();
        }
    }

    @Override
    public Totals finish() throws IOException {
        long expected = 0;
        long lost = 0;
        int seen = 0;
        for (int i = 0; i < pipelines.length; i++) {
            pipelines[i].finish();
            files[i].close();
            StreamStatistics statistics = pipelines[i].statistics();
            if (statistics.packetsReceived() == 0) {
                continue;
            }
            seen++;
            expected += statistics.packetsExpected();
            lost += statistics.packetsLost();
        }
        return new Totals(pipelines.length, seen, demux.received(), bytes, expected, lost, demux.bad(),
                demux.unknownSsrc());
    }
}
