package org.activerecorder.rtp.adapter.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArrivalClockTest {

    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000_000_000L;

    private final ArrivalClock clock = new ArrivalClock(8000);

    @Test
    void beforeTheFirstPacketEverythingIsSampleZero() {
        assertEquals(0, clock.position(T0));
    }

    @Test
    void theWallClockCountsSamplesFromTheFirstArrival() {
        clock.start(T0);

        assertEquals(8_000, clock.position(T0 + 1_000 * MS));
        assertEquals(-8, clock.position(T0 - MS));
        assertEquals(0, clock.correctionNanos());
    }

    @Test
    void aFirstPacketReadLateIsCorrectedOnceTheEstimateHeldForASecond() {
        clock.start(T0);
        for (int packet = 1; packet < 5; packet++) {
            clock.observe(T0, packet * 160L); // read in the same burst
        }
        for (int packet = 5; packet < 50; packet++) {
            clock.observe(T0 + (packet * 20 - 80) * MS, packet * 160L);
        }
        assertEquals(0, clock.correctionNanos(), "not steady for a second yet");

        for (int packet = 50; packet < 60; packet++) {
            clock.observe(T0 + (packet * 20 - 80 + packet % 3) * MS, packet * 160L); // with some jitter
        }

        assertEquals(80 * MS, clock.correctionNanos());
        assertEquals(8_000 + 640, clock.position(T0 + 1_000 * MS));
    }

    @Test
    void onlyTheFirstSecondsAndNothingAfterAReanchorRefineIt() {
        clock.start(T0);
        for (int packet = 1; packet < 100; packet++) {
            clock.observe(T0 + packet * 20 * MS, packet * 160L);
        }
        clock.observe(T0 + 6_000 * MS, 6_500 * 8);   // after five seconds
        clock.stopEstimating();
        clock.observe(T0 + 2_100 * MS, 3_000 * 8);

        assertEquals(0, clock.correctionNanos());
    }
}
