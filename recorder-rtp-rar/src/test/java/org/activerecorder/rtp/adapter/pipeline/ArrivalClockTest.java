package org.activerecorder.rtp.adapter.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void itIsSettledAtTheFirstPacketAfterTheWindowAndNeverMovesAgain() {
        assertFalse(clock.settled(), "no first packet yet");
        clock.start(T0);
        clock.observe(T0 + 20 * MS, 2 * 160L);                    // the first packet was read 20 ms late
        for (int packet = 3; packet <= 250; packet++) {
            clock.observe(T0 + (packet * 20 - 20) * MS, packet * 160L);
        }
        assertFalse(clock.settled(), "the window is not over before a packet comes after it");

        clock.observe(T0 + 5_001 * MS, 251 * 160L);

        assertTrue(clock.settled());
        assertEquals(20 * MS, clock.correctionNanos());
        clock.observe(T0 + 5_020 * MS, 270 * 160L);                // an offset far below any before: ignored now
        clock.stopEstimating();
        assertTrue(clock.settled());
        assertEquals(20 * MS, clock.correctionNanos());
    }

    @Test
    void aReanchorSettlesItBeforeTheWindowEnds() {
        clock.start(T0);
        clock.observe(T0 + 20 * MS, 160L);
        assertFalse(clock.settled());

        clock.stopEstimating();

        assertTrue(clock.settled());
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

    @Test
    void aDipLateInTheWindowOnlyRefinesTheEstimate() {
        // what a SIPp stream did at 1,000 calls (docs/alignment.md): its packets come up to 3 ms after the first's
        // timeline, one dips 17 ms before it early on, and one 20.5 ms before it 4.5 s in
        clock.start(T0);
        for (int packet = 1; packet <= 251; packet++) {
            double late = packet == 3 ? -17 : packet == 225 ? -20.5 : packet % 4;
            clock.observe(T0 + Math.round((packet * 20 + late) * MS), packet * 160L);
            if (packet == 60) {
                assertEquals(17 * MS, clock.correctionNanos(), "believed after a second");
            }
        }

        assertEquals(20_500_000, clock.correctionNanos(), "refined by the late dip, not thrown away");
    }

    @Test
    void anEstimateStillFallingWhenTheWindowEndsLeavesWhatWasBelieved() {
        clock.start(T0);
        for (int packet = 1; packet <= 120; packet++) {
            clock.observe(T0 + (packet * 20 - 30) * MS, packet * 160L); // the first packet was read 30 ms late
        }
        assertEquals(30 * MS, clock.correctionNanos(), "believed");
        for (int packet = 121; packet <= 150; packet++) {
            clock.observe(T0 + (packet * 20 - 30 - (packet - 120) * 5) * MS, packet * 160L); // then a faster sender
        }
        clock.stopEstimating();

        assertEquals(30 * MS, clock.correctionNanos());
    }

    @Test
    void theStartOfAStreamShorterThanTheWindowIsFinalWhenItEnds() {
        clock.start(T0);
        for (int packet = 1; packet <= 25; packet++) {
            clock.observe(T0 + (packet * 20 - 12 + packet % 3) * MS, packet * 160L); // first read 12 ms late
        }
        assertEquals(0, clock.correctionNanos(), "half a second: not steady yet");

        clock.stopEstimating();

        assertEquals(12 * MS, clock.correctionNanos());
    }

    @Test
    void aRealTimeSenderWithJitterWithinTheStepIsPlacedExactlyWhateverItsFirstDelay() {
        // a sweep: first packet read 0-300 ms late, every packet up to 20 ms late at random
        for (int seed = 0; seed < 2_000; seed++) {
            Random random = new Random(seed);
            ArrivalClock estimate = new ArrivalClock(8000);
            long firstDelay = random.nextInt(300_000) * 1_000L;
            long jitter = random.nextInt(20_001) * 1_000L;
            estimate.start(T0 + firstDelay);
            long leastDelay = Long.MAX_VALUE;
            for (int packet = 1; packet <= 300; packet++) { // past the window: the estimate is final
                long delay = (long) (random.nextDouble() * jitter);
                long arrival = T0 + packet * 20 * MS + delay;
                if (arrival - T0 - firstDelay <= ArrivalClock.ESTIMATE_SECONDS * 1_000 * MS) {
                    leastDelay = Math.min(leastDelay, delay);
                }
                estimate.observe(arrival, packet * 160L);
            }

            assertEquals(Math.max(0, firstDelay - leastDelay), estimate.correctionNanos(),
                    "seed " + seed + ": first delay " + firstDelay + " ns, jitter up to " + jitter + " ns");
        }
    }
}
