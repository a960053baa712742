package org.activerecorder.domain.model.recording;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.activerecorder.domain.model.recording.RecordingFixture.AGENT;
import static org.activerecorder.domain.model.recording.RecordingFixture.CUSTOMER;
import static org.activerecorder.domain.model.recording.RecordingFixture.T0;
import static org.activerecorder.domain.model.recording.RecordingFixture.add;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CompletenessTotalsTest {

    @Test
    void addsUpEveryStreamsCountersAndSilencePerCause() {
        Recording recording = RecordingFixture.recording();
        add(recording, "agent", AGENT, "call-a", T0);
        add(recording, "customer", CUSTOMER, "call-b", T0);
        recording.streamEnded("agent", new StreamEnd(T0,
                new StreamStatistics(480, 1, 2, 3, 17, 4, 80_000, 500, 1, 2, 1, 30, 12, 1),
                StreamEndReason.REQUESTED, new StreamTimeline(List.of(
                        new StreamGap(0, 4000, GapCause.QUIET_SENDER),
                        new StreamGap(8000, 160, GapCause.NETWORK_LOSS),
                        new StreamGap(16000, 16000, GapCause.SIGNALLED_PAUSE)), 3, List.of(), 0)), T0);
        recording.streamEnded("customer", new StreamEnd(T0,
                new StreamStatistics(250, 0, 0, 5, 0, 1, 40_000, 255, 0, 1, 0, 0, 0, 0),
                StreamEndReason.REQUESTED, RecordingFixture.gaps(new StreamGap(100, 8000, GapCause.QUIET_SENDER))), T0);

        CompletenessTotals totals = recording.totals();

        assertEquals(755, totals.packetsExpected());
        assertEquals(730, totals.packetsReceived());
        assertEquals(17, totals.packetsLost());
        assertEquals(8, totals.packetsLate());
        assertEquals(5, totals.packetsDuplicate());
        assertEquals(1, totals.ssrcChanges());
        assertEquals(3, totals.sequenceRestarts());
        assertEquals(1, totals.sourceMoves());
        assertEquals(1500, totals.silenceMillis().get(GapCause.QUIET_SENDER));
        assertEquals(20, totals.silenceMillis().get(GapCause.NETWORK_LOSS));
        assertEquals(2000, totals.silenceMillis().get(GapCause.SIGNALLED_PAUSE));
        assertEquals(0, totals.silenceMillis().get(GapCause.SERVER_RESTART));
        assertEquals(100.0 * 25 / 755, totals.networkLossPercent(), 1e-9);
    }

    @Test
    void nothingExpectedIsNoLoss() {
        assertEquals(0, CompletenessTotals.of(List.of()).networkLossPercent());
    }
}
