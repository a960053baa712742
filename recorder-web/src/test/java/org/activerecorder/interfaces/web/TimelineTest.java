package org.activerecorder.interfaces.web;

import org.activerecorder.application.RecordingView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A 10 s recording whose customer joined 1 s after the agent, lost 500 ms of the network at 2 s into its own audio,
 * and was paused on request from 4 s to 6 s: every mark at its place on the one axis.
 */
class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void streamsGapsAndPausesArePlacedOnTheRecordingsAxis() {
        RecordingView.StreamView agent = stream("1001", "a", T0, 10 * 8000, List.of());
        RecordingView.StreamView customer = stream("5551234", "b", T0.plusSeconds(1), 9 * 8000,
                List.of(new RecordingView.GapView(2000, 500, 16000, 4000, "NETWORK_LOSS")));
        RecordingView.PauseView pause = new RecordingView.PauseView(T0.plusSeconds(4), T0.plusSeconds(6), "sup",
                "sup", false, 2000L);

        Timeline timeline = Timeline.of(recording(10_000L, List.of(agent, customer), List.of(pause)));

        assertEquals(10_000, timeline.getTotalMillis());
        assertEquals(List.of("1001 (a)", "5551234 (b)", "pauses"),
                timeline.getBars().stream().map(Timeline.Bar::label).toList());
        assertEquals(List.of(new Timeline.Mark(0, 100, "AUDIO", "audio")), timeline.getBars().get(0).marks());
        List<Timeline.Mark> customerMarks = timeline.getBars().get(1).marks();
        assertEquals(new Timeline.Mark(10, 90, "AUDIO", "audio"), customerMarks.get(0));
        assertEquals(new Timeline.Mark(30, 5, "NETWORK_LOSS", "NETWORK_LOSS: 500 ms at 3000 ms"), customerMarks.get(1),
                "the gap counts from its stream's first sample, 1 s into the recording");
        Timeline.Mark paused = timeline.getBars().get(2).marks().get(0);
        assertEquals(40, paused.left(), 1e-9);
        assertEquals(20, paused.width(), 1e-9);
        assertEquals("left: 40.000%; width: 20.000%", paused.style());
    }

    @Test
    void aPauseStillOpenRunsToTheEndAndNothingLeavesTheAxis() {
        RecordingView.StreamView agent = stream("1001", "a", T0, 5 * 8000,
                List.of(new RecordingView.GapView(4000, 9000, 32000, 72000, "QUIET_SENDER")));
        RecordingView.PauseView open = new RecordingView.PauseView(T0.plusSeconds(3), null, "sup", null, false, null);

        Timeline timeline = Timeline.of(recording(null, List.of(agent), List.of(open)));

        assertEquals(5000, timeline.getTotalMillis(), "no duration yet: the longest stream's audio");
        Timeline.Mark gap = timeline.getBars().get(0).marks().get(1);
        assertEquals(80, gap.left(), 1e-9);
        assertEquals(20, gap.width(), 1e-9, "clamped to the axis");
        Timeline.Mark paused = timeline.getBars().get(1).marks().get(0);
        assertEquals(60, paused.left(), 1e-9);
        assertEquals(40, paused.width(), 1e-9);
    }

    private static RecordingView.StreamView stream(String dn, String side, Instant firstSample, long samples,
                                                   List<RecordingView.GapView> gaps) {
        return new RecordingView.StreamView(dn + "-s", dn, side, "ENDED", "sip", "PCMU", "127.0.0.1:4000", null, T0,
                firstSample, null, "REQUESTED", 0, 0, 0, 0, 0, 0, samples, firstSample, 8000, 0, 0, 0, 0, 0, 0, 0, gaps,
                0, List.of(), 0, 0);
    }

    private static RecordingView recording(Long durationMillis, List<RecordingView.StreamView> streams,
                                           List<RecordingView.PauseView> pauses) {
        return new RecordingView(1, "CALL", "rec-CALL", "1001", "COMPLETED", T0, null, durationMillis, null, null,
                null, Map.of(), streams, false, List.of(), null, 1, "RECORDING", null, null, Map.of(), null, null, null,
                null, null, pauses, null, null, null, null);
    }
}
