package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.Gap;
import org.activerecorder.rtp.api.GapCause;
import org.activerecorder.rtp.api.StreamTimeline;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.PACKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The completeness records start small and grow on a gap: a stream that loses a packet in three, which keeps
 * many holes in the window at once, still has every one of them recorded, at its place and with its cause, up to the
 * list's bound, and only those past the bound are counted instead.
 */
class StreamPipelineManyGapsTest {

    @Test
    void everyLostPacketIsAGapOfItsOwnUpToTheBound() throws IOException {
        StreamTimeline timeline = loseEveryThirdPacket(900); // 300 holes, ~17 of them in the window at once

        assertEquals(expectedGaps(300), timeline.gaps());
        assertEquals(0, timeline.gapsOmitted());
    }

    @Test
    void pastTheBoundTheGapsAreCountedAndTheFirstOnesKept() throws IOException {
        int holes = GapList.CAPACITY + 88;

        StreamTimeline timeline = loseEveryThirdPacket(3 * holes);

        assertEquals(expectedGaps(GapList.CAPACITY), timeline.gaps());
        assertEquals(88, timeline.gapsOmitted());
    }

    @Test
    void aBurstOfHolesInsideTheWindowIsRecordedWhole() throws IOException {
        // every other packet of a second lost, then a steady stream: 25 holes in the window at once, then none
        StreamHarness stream = new StreamHarness();
        for (int seq = 0; seq < 50; seq += 2) {
            stream.audio(seq, seq, 20.0 * seq);
        }
        stream.talk(50, 200, 50, 1_000);
        stream.finish(5_000);

        List<Gap> gaps = stream.gaps();
        assertEquals(25, gaps.size(), "one per lost packet");
        for (int i = 0; i < gaps.size(); i++) {
            assertEquals(new Gap((2L * i + 1) * PACKET, PACKET, GapCause.NETWORK_LOSS), gaps.get(i));
        }
        assertTrue(stream.pipeline.diagnostics().contains("gapsOmitted=0"), stream.pipeline.diagnostics());
        stream.expectPacketAt(48L * PACKET, 48);
        stream.expectSilence(49L * PACKET, 50L * PACKET);
        stream.expectPacketAt(50L * PACKET, 50);
    }

    /** Packets {@code 0..packets-1}, 20 ms apart, every third one (2, 5, 8, ...) never sent. */
    private static StreamTimeline loseEveryThirdPacket(int packets) throws IOException {
        StreamHarness stream = new StreamHarness();
        for (int seq = 0; seq < packets; seq++) {
            if (seq % 3 != 2) {
                stream.audio(seq, seq, 20.0 * seq);
            }
        }
        stream.audio(packets, packets, 20.0 * packets); // the last hole is between two packets too
        stream.finish(20.0 * packets + 40);
        assertEquals(packets - packets / 3 + 1, stream.pipeline.statistics().packetsReceived());
        return stream.pipeline.timeline();
    }

    /** The first {@code count} holes of {@link #loseEveryThirdPacket}: one packet of network loss each. */
    private static List<Gap> expectedGaps(int count) {
        List<Gap> gaps = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            gaps.add(new Gap((3L * k + 2) * PACKET, PACKET, GapCause.NETWORK_LOSS));
        }
        return gaps;
    }
}
