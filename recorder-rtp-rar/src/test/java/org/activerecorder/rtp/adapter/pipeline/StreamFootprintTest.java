package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamSpec;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one stream's pipeline holds on the heap while it records (issue 14: at most 64 KiB per two-party call, both
 * streams and everything else included). Measured with JOL as the growth of the object graph when a second stream
 * is added, so what all streams share (codec tables, the sink, the allowed peers) is not counted.
 */
class StreamFootprintTest {

    private static final int PACKET = 160;
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40_000);
    private static final AllowedPeers PEERS = AllowedPeers.parse("127.0.0.1");
    private static final SampleSink NOWHERE = new PipelineAllocationTest.NullSink();

    /**
     * The ring (16 KiB at 8 kHz: a second of audio) and under 2 KiB besides: the stages' objects and their records at
     * their initial sizes, and 64 bytes for the ring's second view, which a flush that wraps the ring writes its
     * second part from in the same system call (series AX; the test measured 18,488 bytes with it), and 32 bytes for
     * what a stream on a shared port needs to tell its dropped end (docs/port-groups.md, rule 5; 18,520 with it).
     * (Before issue 14: 40,960 bytes, a 32 KiB ring and 6 KiB of gap records sized for the worst stream.)
     */
    private static final long STEADY_G711_BUDGET = 16 * 1024 + 2 * 1024 + 64 + 32;

    @Test
    void aSteadyG711StreamHoldsAboutItsOneSecondRing() {
        long bytes = footprintAfter(PACKET_EVERY_20_MS);

        System.out.printf("steady G.711 stream: %,d bytes%n", bytes);
        assertTrue(bytes <= STEADY_G711_BUDGET, "a steady stream holds " + bytes + " bytes");
    }

    @Test
    void aStreamWithManyGapsGrowsItsRecordsButStaysBounded() {
        long steady = footprintAfter(PACKET_EVERY_20_MS);
        long lossy = footprintAfter(EVERY_THIRD_LOST);

        System.out.printf("G.711 stream losing every third packet: %,d bytes%n", lossy);
        assertTrue(lossy > steady, "the gap records grew: " + lossy + " against " + steady);
        // at their bounds (128 intervals, 512 gaps) the records hold under 16 KiB
        assertTrue(lossy <= steady + 16 * 1024, "bounded: " + lossy);
    }

    @Test
    void aStreamThatReadALongQueueAfterAQuietSpellGivesBackWhatItKeptForIt() {
        // a quiet spell the loop saw, then the loop reads 200 packets from the socket's queue behind the first one
        // back (QuietReturn keeps up to 256 for that); decided, the stream records on, steady, and holds no more
        // than a steady stream does: on an overbooked server every stream may have read such a queue once
        long steady = footprintAfter(PACKET_EVERY_20_MS);
        StreamPipeline one = feedAfterALateQueue(pipeline());
        StreamPipeline two = feedAfterALateQueue(pipeline());
        long bytes = GraphLayout.parseInstance(one, two).totalSize() - GraphLayout.parseInstance(one).totalSize();

        System.out.printf("G.711 stream after a late read of 200 queued packets: %,d bytes%n", bytes);
        // what any stream keeps once it came back from a quiet spell: QuietReturn's four copies of 512 bytes
        assertTrue(bytes <= steady + 3 * 1024, "holds " + bytes + " bytes against a steady stream's " + steady);
    }

    /**
     * 100 packets, a quiet spell of a second that the loop saw, then 200 packets read at once from the queue, late
     * (the sender caught up), then 200 more paced.
     */
    private static StreamPipeline feedAfterALateQueue(StreamPipeline pipeline) {
        short[] scratch = new short[65_536];
        byte[] payload = new byte[PACKET];
        long start = 1_000_000_000_000L;
        long milli = 1_000_000L;
        for (int i = 0; i < 500; i++) {
            ByteBuffer packet = rtp().payloadType(0).sequence(i).timestamp(i * PACKET).ssrc(7).payload(payload)
                    .buffer();
            if (i < 100) {
                pipeline.accept(packet, SENDER, start + i * 20 * milli, scratch);
            } else if (i < 300) {
                // read right behind each other at 6 s, the socket last seen empty at 3 s (a second after packet 99)
                pipeline.readingLate(i > 100);
                pipeline.accept(packet, SENDER, start + 6_000 * milli + i * 1_000L, start + 3_000 * milli, scratch);
            } else {
                pipeline.readingLate(false);
                pipeline.accept(packet, SENDER, start + 6_000 * milli + (i - 300) * 20 * milli, scratch);
            }
        }
        return pipeline;
    }

    /** Which of the packets of a 10 s stream are sent. */
    private interface Sending {
        boolean sends(int packet);
    }

    private static final Sending PACKET_EVERY_20_MS = packet -> true;
    private static final Sending EVERY_THIRD_LOST = packet -> packet % 3 != 2;

    /** The heap one more stream costs after 10 s of packets sent as {@code sending} says. */
    private static long footprintAfter(Sending sending) {
        StreamPipeline one = feed(pipeline(), sending);
        StreamPipeline two = feed(pipeline(), sending);
        return GraphLayout.parseInstance(one, two).totalSize() - GraphLayout.parseInstance(one).totalSize();
    }

    private static StreamPipeline pipeline() {
        return new StreamPipeline(new StreamSpec("s", AudioCodec.PCMU, 0, 101, null, Path.of("unused.wav")), PEERS,
                NOWHERE);
    }

    private static StreamPipeline feed(StreamPipeline pipeline, Sending sending) {
        short[] scratch = new short[65_536];
        byte[] payload = new byte[PACKET];
        long start = 1_000_000_000_000L;
        for (int i = 0; i < 500; i++) {
            if (sending.sends(i)) {
                ByteBuffer packet = rtp().payloadType(0).sequence(i).timestamp(i * PACKET).ssrc(7).payload(payload)
                        .buffer();
                pipeline.accept(packet, SENDER, start + i * 20_000_000L, scratch);
            }
        }
        return pipeline;
    }
}
