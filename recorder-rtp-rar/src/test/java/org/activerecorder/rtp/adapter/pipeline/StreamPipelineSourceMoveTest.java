package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.StreamStatistics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;

import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.FIRST_TS;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.PACKET;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.SSRC;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.audioPacket;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A sender that moves to another port or address of an allowed peer, fed as bytes through a {@link StreamPipeline}. */
class StreamPipelineSourceMoveTest {

    private final InetSocketAddress moved = new InetSocketAddress("127.0.0.1", 40_002);
    private final StreamHarness stream = new StreamHarness();

    @Test
    void aSenderThatMovesIsFollowedAndThePacketsBeforeTheRelatchAreKept() throws IOException {
        stream.talk(0, 50, 0, 0);

        assertEquals(PacketOutcome.HELD, fromMoved(50, 50, SSRC));
        assertEquals(PacketOutcome.HELD, fromMoved(51, 51, SSRC));
        assertEquals(PacketOutcome.ACCEPTED, fromMoved(52, 52, SSRC));
        assertEquals(PacketOutcome.ACCEPTED, fromMoved(53, 53, SSRC));
        stream.finish(1_100);

        assertEquals(moved, stream.pipeline.source());
        StreamStatistics statistics = stream.pipeline.statistics();
        assertEquals(1, statistics.sourceMoves());
        assertEquals(54, statistics.packetsReceived());
        assertEquals(0, statistics.packetsForeign());
        assertEquals(0, statistics.packetsLost());
        assertEquals(54 * PACKET, statistics.samplesWritten());
        for (int seq = 48; seq < 54; seq++) {
            stream.expectPacketAt(seq * PACKET, seq);
        }
    }

    @Test
    void theOldAddressIsACandidateLikeAnyOtherAfterTheMove() throws IOException {
        stream.talk(0, 10, 0, 0);
        for (int seq = 10; seq < 13; seq++) {
            fromMoved(seq, seq, SSRC);
        }

        assertEquals(PacketOutcome.HELD, stream.audio(13, 13, 260));
        assertEquals(PacketOutcome.ACCEPTED, fromMoved(14, 14, SSRC));
        stream.finish(300);

        assertEquals(moved, stream.pipeline.source());
        assertEquals(1, stream.pipeline.statistics().packetsForeign(), "the old address's packet, forgotten");
    }

    @Test
    void aSenderThatMovesWithANewSynchronisationSourceIsFollowedToo() throws IOException {
        stream.talk(0, 10, 0, 0);
        for (int seq = 0; seq < 3; seq++) {
            stream.accept(audioPacket(5_000 + seq, 777 + seq * PACKET, 0xABCDL), moved, 200 + 20 * seq);
        }
        stream.finish(300);

        StreamStatistics statistics = stream.pipeline.statistics();
        assertEquals(1, statistics.sourceMoves());
        assertEquals(1, statistics.ssrcChanges());
        assertEquals(13, statistics.packetsReceived());
        assertEquals(0xABCDL, stream.pipeline.ssrc());
        stream.expectPacketAt(10 * PACKET, 5_000);
        stream.expectPacketAt(12 * PACKET, 5_002);
    }

    @Test
    void aCandidateIsForgottenWhenTheSourceSendsInBetweenAndItsPacketsCountAsForeign() throws IOException {
        stream.talk(0, 10, 0, 0);

        assertEquals(PacketOutcome.HELD, fromMoved(10, 10, SSRC));
        assertEquals(PacketOutcome.HELD, fromMoved(11, 11, SSRC));
        assertEquals(PacketOutcome.ACCEPTED, stream.audio(12, 12, 240));
        assertEquals(PacketOutcome.HELD, fromMoved(13, 13, SSRC), "counting starts again");
        assertEquals(PacketOutcome.ACCEPTED, stream.audio(14, 14, 280));
        stream.finish(300);

        assertEquals(stream.sender, stream.pipeline.source());
        StreamStatistics statistics = stream.pipeline.statistics();
        assertEquals(0, statistics.sourceMoves());
        assertEquals(3, statistics.packetsForeign());
    }

    @Test
    void aSecondCandidateReplacesTheFirst() throws IOException {
        InetSocketAddress other = new InetSocketAddress("127.0.0.1", 40_004);
        stream.talk(0, 10, 0, 0);

        fromMoved(10, 10, SSRC);
        stream.accept(audioPacket(11, FIRST_TS + 11 * PACKET, SSRC), other, 220);
        stream.accept(audioPacket(12, FIRST_TS + 12 * PACKET, SSRC), other, 240);
        assertEquals(PacketOutcome.ACCEPTED,
                stream.accept(audioPacket(13, FIRST_TS + 13 * PACKET, SSRC), other, 260));
        stream.finish(300);

        assertEquals(other, stream.pipeline.source());
        assertEquals(1, stream.pipeline.statistics().packetsForeign());
        assertEquals(13, stream.pipeline.statistics().packetsReceived());
    }

    @Test
    void theAddressTheSdpNamedIsFollowedAtItsFirstPacket() throws IOException {
        StreamHarness preferring = new StreamHarness(moved);
        preferring.talk(0, 10, 0, 0); // latched to what came first

        assertEquals(PacketOutcome.ACCEPTED, preferring.accept(audioPacket(10, FIRST_TS + 10 * PACKET, SSRC), moved, 200));
        preferring.finish(300);

        assertEquals(moved, preferring.pipeline.source());
        assertEquals(1, preferring.pipeline.statistics().sourceMoves());
        assertEquals(11 * PACKET, preferring.pipeline.statistics().samplesWritten());
    }

    @Test
    void aHostNotAllowedIsNeverACandidate() throws IOException {
        stream.talk(0, 10, 0, 0);
        InetSocketAddress stranger = new InetSocketAddress("192.0.2.1", 40_000);

        for (int seq = 10; seq < 14; seq++) {
            assertEquals(PacketOutcome.FOREIGN,
                    stream.accept(audioPacket(seq, FIRST_TS + seq * PACKET, SSRC), stranger, seq * 20));
        }
        stream.finish(300);

        assertEquals(stream.sender, stream.pipeline.source());
        assertEquals(4, stream.pipeline.statistics().packetsForeign());
    }

    @Test
    void packetsHeldForACandidateAtTheEndOfTheStreamCountAsForeign() throws IOException {
        stream.talk(0, 10, 0, 0);
        fromMoved(10, 10, SSRC);
        fromMoved(11, 11, SSRC);

        stream.finish(300);

        assertEquals(2, stream.pipeline.statistics().packetsForeign());
    }

    private PacketOutcome fromMoved(int seq, long tsPackets, long ssrc) {
        return stream.accept(audioPacket(seq, FIRST_TS + tsPackets * PACKET, ssrc), moved, tsPackets * 20);
    }
}
