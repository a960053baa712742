package org.activerecorder.infrastructure.health;

import org.activerecorder.rtp.api.MediaPlaneFigures;
import org.activerecorder.rtp.api.StreamStatistics;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The RTP check is up exactly while the adapter runs a receive loop, and its data is the media plane's load as the
 * adapter counted it, a full port range included (ready: SIP refuses what it cannot place).
 */
class RtpAdapterProbeTest {

    @Test
    void upWithTheLoadWhileReceiveLoopsRun() {
        HealthCheckResponse answer = RtpAdapterProbe.of(figures(List.of(3, 1), 4, 96, 8));

        assertEquals("recorder-rtp", answer.getName());
        assertEquals(HealthCheckResponse.Status.UP, answer.getStatus());
        assertEquals(Map.of("receiveLoops", 2L, "streamsOpen", 4L, "portPairsInUse", 4L, "portPairsFree", 96L,
                "eventsPending", 8L), answer.getData().orElseThrow());
    }

    @Test
    void downWhenNoReceiveLoopRuns() {
        HealthCheckResponse answer = RtpAdapterProbe.of(figures(List.of(), 0, 100, 0));

        assertEquals(HealthCheckResponse.Status.DOWN, answer.getStatus());
        assertEquals(0L, answer.getData().orElseThrow().get("receiveLoops"));
    }

    @Test
    void aFullPortRangeIsStillReadyAndSaysSo() {
        HealthCheckResponse answer = RtpAdapterProbe.of(figures(List.of(500, 500), 1000, 0, 0));

        assertEquals(HealthCheckResponse.Status.UP, answer.getStatus());
        assertEquals(0L, answer.getData().orElseThrow().get("portPairsFree"));
    }

    private static MediaPlaneFigures figures(List<Integer> perLoop, int inUse, int free, long eventsPending) {
        int open = perLoop.stream().mapToInt(Integer::intValue).sum();
        return new MediaPlaneFigures(open, perLoop, inUse, free, StreamStatistics.NONE, 0, Map.of(), eventsPending,
                0, 0, -1, -1);
    }
}
