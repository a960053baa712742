package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamStatistics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamPipelineTest {

    private static final int PT = 0;
    private static final long SSRC = 0x1234_5678L;
    private static final long FIRST_TS = 0xFFFF_F000L; // wraps after 26 packets
    private static final long MS = 1_000_000L;

    private final InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 40_000);
    private final MemorySink sink = new MemorySink();
    private final StreamPipeline pipeline =
            new StreamPipeline(PT, AudioCodec.PCMU, AllowedPeers.parse("127.0.0.1"), sink);
    private final short[] scratch = new short[65_536];

    @Test
    void theFirstValidPacketLatchesItsSource() {
        assertTrue(pipeline.awaitingFirstPacket());

        assertEquals(PacketOutcome.FIRST_PACKET, accept(packet(0), sender, 0));

        assertEquals(sender, pipeline.source());
        assertEquals(SSRC, pipeline.ssrc());
        assertEquals(PacketOutcome.ACCEPTED, accept(packet(1), sender, 20 * MS));
    }

    @Test
    void aStrayPacketFromAnotherPortIsForeignOnceTheSourceGoesOn() {
        accept(packet(0), sender, 0);

        assertEquals(PacketOutcome.HELD, accept(packet(1), new InetSocketAddress("127.0.0.1", 40_002), 20 * MS),
                "it could be the sender moving");
        assertEquals(PacketOutcome.ACCEPTED, accept(packet(2), sender, 40 * MS));

        assertEquals(1, pipeline.statistics().packetsForeign());
        assertEquals(0, pipeline.statistics().sourceMoves());
        assertEquals(sender, pipeline.source());
    }

    @Test
    void invalidDatagramsFromAnotherAddressAreForeignAtOnce() {
        accept(packet(0), sender, 0);

        assertEquals(PacketOutcome.FOREIGN,
                accept(ByteBuffer.wrap(new byte[] {1, 2, 3}), new InetSocketAddress("127.0.0.1", 40_002), 20 * MS));
        assertEquals(1, pipeline.statistics().packetsForeign());
        assertEquals(0, pipeline.statistics().packetsMalformed());
    }

    @Test
    void hostsNotAllowedNeverLatch() {
        assertEquals(PacketOutcome.FOREIGN, accept(packet(0), new InetSocketAddress("192.0.2.1", 40_000), 0));

        assertTrue(pipeline.awaitingFirstPacket());
        assertEquals(PacketOutcome.FIRST_PACKET, accept(packet(0), sender, 0));
    }

    @Test
    void malformedDatagramsAndOtherPayloadTypesAreCountedAndDoNotLatch() {
        assertEquals(PacketOutcome.MALFORMED, accept(ByteBuffer.wrap(new byte[] {1, 2, 3}), sender, 0));
        assertEquals(PacketOutcome.MALFORMED, accept(
                rtp().payloadType(101).sequence(0).timestamp(FIRST_TS).ssrc(SSRC).payload(new byte[4]).buffer(),
                sender, 0)); // telephone-event: dropped for now
        assertEquals(PacketOutcome.MALFORMED, accept(
                rtp().payloadType(PT).sequence(0).timestamp(FIRST_TS).ssrc(SSRC).buffer(), sender, 0));

        assertTrue(pipeline.awaitingFirstPacket());
        assertEquals(3, pipeline.statistics().packetsMalformed());
    }

    @Test
    void decodesThePayloadIntoTheFile() throws IOException {
        byte[] codes = new byte[160];
        Arrays.fill(codes, (byte) 0x80);
        codes[0] = 0x00;
        accept(rtp().payloadType(PT).sequence(0).timestamp(FIRST_TS).ssrc(SSRC).payload(codes).buffer(), sender, 0);

        pipeline.finish();

        assertEquals(160, sink.size());
        assertEquals(-32124, sink.sample(0));
        assertEquals(32124, sink.sample(1));
    }

    @Test
    void duplicatesAreDroppedAndALostPacketIsSilence() throws IOException {
        for (int seq = 0; seq < 10; seq++) {
            if (seq != 4) {
                accept(packet(seq), sender, seq * 20 * MS);
            }
        }
        assertEquals(PacketOutcome.DUPLICATE, accept(packet(7), sender, 200 * MS));

        pipeline.finish();
        StreamStatistics statistics = pipeline.statistics();

        assertEquals(9, statistics.packetsReceived());
        assertEquals(1, statistics.packetsLost());
        assertEquals(1600, statistics.samplesWritten(), "ten packets' worth, the lost one as silence");
        assertEquals(1600, sink.size());
        for (int i = 4 * 160; i < 5 * 160; i++) {
            assertEquals(0, sink.sample(i));
        }
        assertTrue(pipeline.diagnostics().contains("duplicates=1"));
    }

    @Test
    void aReorderedPacketIsWrittenInItsPlace() throws IOException {
        accept(packet(0), sender, 0);
        accept(packet(2), sender, 40 * MS);
        assertEquals(PacketOutcome.ACCEPTED, accept(packet(1), sender, 41 * MS));

        pipeline.finish();

        assertEquals(0, pipeline.statistics().packetsLost());
        assertEquals(480, sink.size());
        assertTrue(sink.sample(200) != 0);
    }

    @Test
    void aPacketWhosePlaceIsAlreadyWrittenIsLateNotLost() throws IOException {
        for (int seq = 0; seq < 150; seq++) { // 3 s: the first second is flushed
            if (seq != 10) {
                accept(packet(seq), sender, seq * 20 * MS);
            }
        }

        assertEquals(PacketOutcome.LATE, accept(packet(10), sender, 3_000 * MS));
        pipeline.finish();

        StreamStatistics statistics = pipeline.statistics();
        assertEquals(1, statistics.packetsLate());
        assertEquals(0, statistics.packetsLost());
        assertEquals(149, statistics.packetsReceived());
        assertEquals(150 * 160, statistics.samplesWritten());
    }

    @Test
    void anAbsurdTimestampInSequenceIsPlacedAfterItsPredecessor() throws IOException {
        accept(packet(0), sender, 0);
        ByteBuffer jump = rtp().payloadType(PT).sequence(1).timestamp(FIRST_TS + 61 * 8000 + 160).ssrc(SSRC)
                .payload(tone()).buffer();

        assertEquals(PacketOutcome.ACCEPTED, accept(jump, sender, 20 * MS), "its audio is real, its timestamp is not");
        assertEquals(PacketOutcome.ACCEPTED, accept(packet(2), sender, 40 * MS));
        pipeline.finish();

        assertEquals(0, pipeline.statistics().packetsMalformed());
        assertEquals(2, pipeline.statistics().timestampJumps(), "away from the timestamps, and back");
        assertEquals(480, pipeline.statistics().samplesWritten());
        assertEquals(480, sink.nonZeroSamples());
    }

    @Test
    void anAbsurdTimestampAfterALossIsDroppedInsteadOfBecomingSilence() throws IOException {
        accept(packet(0), sender, 0);
        ByteBuffer jump = rtp().payloadType(PT).sequence(2).timestamp(FIRST_TS + 61 * 8000 + 160).ssrc(SSRC)
                .payload(tone()).buffer();

        assertEquals(PacketOutcome.JUMP, accept(jump, sender, 40 * MS));
        assertEquals(PacketOutcome.ACCEPTED, accept(packet(3), sender, 60 * MS));
        pipeline.finish();

        assertEquals(1, pipeline.statistics().packetsMalformed());
        assertEquals(0, pipeline.statistics().timestampJumps());
        assertEquals(640, pipeline.statistics().samplesWritten(), "packet 3 in its place");
    }

    @Test
    void aLongPauseInRealTimeIsNotAJump() throws IOException {
        accept(packet(0), sender, 0);
        // the sender paused 90 s (hold) with its timestamp clock running, as RFC 3550 asks
        ByteBuffer resumed = rtp().payloadType(PT).sequence(1).timestamp(FIRST_TS + 90 * 8000).ssrc(SSRC)
                .payload(tone()).buffer();

        assertEquals(PacketOutcome.ACCEPTED, accept(resumed, sender, 90_000 * MS));
        pipeline.finish();

        assertEquals(90 * 8000 + 160, pipeline.statistics().samplesWritten());
    }

    @Test
    void aSenderThatResetsItsTimestampsInSequenceIsReanchoredAtOnce() throws IOException {
        for (int seq = 0; seq < 50; seq++) {
            accept(packet(seq), sender, seq * 20 * MS);
        }
        long reset = 0x4000_0000L;
        for (int i = 0; i < 50; i++) {
            int seq = 50 + i;
            ByteBuffer packet = rtp().payloadType(PT).sequence(seq).timestamp(reset + i * 160L).ssrc(SSRC)
                    .payload(tone()).buffer();
            assertEquals(PacketOutcome.ACCEPTED, accept(packet, sender, seq * 20 * MS));
        }
        pipeline.finish();

        assertEquals(100, pipeline.statistics().packetsReceived());
        assertEquals(1, pipeline.statistics().timestampJumps());
        assertEquals(100 * 160, pipeline.statistics().samplesWritten(), "continues after the audio before");
    }

    @Test
    void aSenderThatResetsItsTimestampsWhileLosingPacketsIsReanchoredAfterAShortRun() throws IOException {
        for (int seq = 0; seq < 50; seq++) {
            accept(packet(seq), sender, seq * 20 * MS);
        }
        long reset = 0x4000_0000L;
        int dropped = 0;
        for (int i = 0; i < 25; i++) {
            int seq = 51 + 2 * i; // every other packet lost: none follows its predecessor
            ByteBuffer packet = rtp().payloadType(PT).sequence(seq).timestamp(reset + 2 * i * 160L).ssrc(SSRC)
                    .payload(tone()).buffer();
            if (accept(packet, sender, seq * 20 * MS) != PacketOutcome.ACCEPTED) {
                dropped++;
            }
        }
        pipeline.finish();

        assertEquals(StreamPipeline.REANCHOR_AFTER - 1, dropped);
        assertEquals(50 + 25 - dropped, pipeline.statistics().packetsReceived());
        assertEquals(99 * 160 + 160, pipeline.statistics().samplesWritten(), "continues where the wall clock is");
    }

    @Test
    void aNewSynchronisationSourceContinuesWhereTheWallClockIs() throws IOException {
        for (int seq = 0; seq < 10; seq++) {
            accept(packet(seq), sender, seq * 20 * MS);
        }
        // 1 s later a new SSRC with unrelated sequence and timestamp
        ByteBuffer other = rtp().payloadType(PT).sequence(30_000).timestamp(123).ssrc(0xCAFEL).payload(tone()).buffer();

        assertEquals(PacketOutcome.ACCEPTED, accept(other, sender, 1_200 * MS));
        pipeline.finish();

        assertEquals(0xCAFEL, pipeline.ssrc());
        assertEquals(1_200 * 8 + 160, pipeline.statistics().samplesWritten());
        assertEquals(0, pipeline.statistics().packetsLost());
    }

    @Test
    void aWriteFailureIsReportedNotThrown() {
        sink.failFromNowOn();
        PacketOutcome last = null;
        for (int seq = 0; seq < 200 && last != PacketOutcome.WRITE_FAILED; seq++) {
            last = accept(packet(seq), sender, seq * 20 * MS);
        }

        assertEquals(PacketOutcome.WRITE_FAILED, last);
        assertNotNull(pipeline.failure());
    }

    @Test
    void noFailureWithoutAWriteProblem() {
        accept(packet(0), sender, 0);
        assertNull(pipeline.failure());
    }

    private PacketOutcome accept(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) {
        return pipeline.accept(datagram, from, arrivalNanos, scratch);
    }

    /** Packet {@code seq} of a 20 ms G.711 stream: timestamps advance by 160 and wrap past 2^32 early on. */
    private static ByteBuffer packet(int seq) {
        return rtp().payloadType(PT).sequence(seq).timestamp(FIRST_TS + seq * 160L).ssrc(SSRC).payload(tone()).buffer();
    }

    /** A payload that decodes to non-zero samples. */
    private static byte[] tone() {
        byte[] codes = new byte[160];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) (i % 2 == 0 ? 0x20 : 0xA0);
        }
        return codes;
    }
}
