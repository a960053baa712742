package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.adapter.pipeline.SequenceTracker.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker();

    @Test
    void inOrderPacketsLoseNothing() {
        for (int seq = 100; seq < 200; seq++) {
            assertEquals(Verdict.NEXT, tracker.offer(seq));
        }
        assertEquals(0, tracker.lost());
    }

    @Test
    void aGapIsLostUntilItsPacketArrives() {
        offer(1, 2, 5, 6);
        assertEquals(2, tracker.lost());

        assertEquals(Verdict.REORDERED, tracker.offer(4));
        assertEquals(1, tracker.lost());
    }

    @Test
    void spotsDuplicatesOfTheNewestAndOfOlderPackets() {
        offer(10, 11, 12);

        assertEquals(Verdict.DUPLICATE, tracker.offer(12));
        assertEquals(Verdict.DUPLICATE, tracker.offer(10));
        assertEquals(0, tracker.lost());
    }

    @Test
    void remembersAcrossBitmapWordsAfterAnAdvance() {
        offer(0);
        assertEquals(Verdict.NEXT, tracker.offer(70));    // shifts seq 0 into the second word
        assertEquals(Verdict.DUPLICATE, tracker.offer(0));
        assertEquals(Verdict.REORDERED, tracker.offer(1));
        assertEquals(Verdict.DUPLICATE, tracker.offer(1));
        assertEquals(Verdict.NEXT, tracker.offer(200));   // seq 0 now 200 back, in the fourth word
        assertEquals(Verdict.DUPLICATE, tracker.offer(0));
        assertEquals(Verdict.REORDERED, tracker.offer(2));
        assertEquals(201 - 5, tracker.lost());
    }

    @Test
    void extendsAcrossTheSequenceWrap() {
        offer(65534, 65535, 0, 1);
        assertEquals(0, tracker.lost());

        assertEquals(Verdict.DUPLICATE, tracker.offer(65535));
        assertEquals(Verdict.NEXT, tracker.offer(3));
        assertEquals(1, tracker.lost());
    }

    @Test
    void aPacketBeyondTheHorizonIsOnProbationAndTheNextInOrderPacketEndsIt() {
        offer(0, 1, 2);
        assertEquals(Verdict.NEXT, tracker.offer(1000));   // a jump below MAX_DROPOUT is loss, and forgets the bitmap

        assertEquals(Verdict.PROBATION, tracker.offer(2));
        assertTrue(tracker.probationBehind(), "a very late packet");
        assertEquals(Verdict.NEXT, tracker.offer(1001));
        assertFalse(tracker.onProbation());
        assertEquals(Verdict.PROBATION, tracker.offer(1000 - SequenceTracker.HORIZON));
        assertEquals(Verdict.REORDERED, tracker.offer(1000 - SequenceTracker.HORIZON + 2));
        assertEquals(1002 - 6, tracker.lost(), "the packets on probation were never counted as received");
    }

    @Test
    void aRestartWithTheSameSourceIsConfirmedByTheSuccessorOfTheJump() {
        for (int seq = 40_000; seq < 40_050; seq++) {
            tracker.offer(seq);
        }
        long before = tracker.streamSequence();

        assertEquals(Verdict.PROBATION, tracker.offer(7));
        assertFalse(tracker.probationBehind());
        assertEquals(Verdict.RESTART, tracker.offer(8));

        assertEquals(before + 2, tracker.streamSequence(), "the packet on probation is number before + 1");
        assertTrue(tracker.continuous());
        assertEquals(1, tracker.restarts());
        assertEquals(Verdict.NEXT, tracker.offer(9));
        assertEquals(Verdict.DUPLICATE, tracker.offer(7), "the packet on probation is the new run's first");
        assertEquals(53, tracker.expected(), "50 in the first run, 3 in the second");
        assertEquals(0, tracker.lost());
    }

    @Test
    void aRestartToALowerNumberIsConfirmedToo() {
        offer(30_000, 30_001, 30_002);

        assertEquals(Verdict.PROBATION, tracker.offer(1));
        assertTrue(tracker.probationBehind());
        assertEquals(Verdict.RESTART, tracker.offer(2));
        assertEquals(Verdict.NEXT, tracker.offer(4));

        assertEquals(3 + 4, tracker.expected());
        assertEquals(1, tracker.lost(), "3, in the second run");
    }

    @Test
    void aReorderedPacketBetweenTheTwoPacketsOfARestartDoesNotHideIt() {
        offer(1000, 1002);

        assertEquals(Verdict.PROBATION, tracker.offer(0));
        assertEquals(Verdict.REORDERED, tracker.offer(1001)); // the old numbering, late
        assertEquals(Verdict.RESTART, tracker.offer(1));
    }

    @Test
    void aStrayJumpIsForgottenWhenTheNumberingGoesOn() {
        offer(100, 101);

        assertEquals(Verdict.PROBATION, tracker.offer(20_000));
        assertEquals(Verdict.NEXT, tracker.offer(102));
        assertEquals(Verdict.PROBATION, tracker.offer(20_001), "its successor alone confirms nothing");
        assertEquals(Verdict.NEXT, tracker.offer(103));

        assertEquals(0, tracker.restarts());
        assertEquals(4, tracker.expected());
    }

    @Test
    void aJumpJustBelowMaxDropoutIsLossNotARestart() {
        offer(10);

        assertEquals(Verdict.NEXT, tracker.offer(10 + SequenceTracker.MAX_DROPOUT - 1));
        assertFalse(tracker.continuous());
        assertEquals(SequenceTracker.MAX_DROPOUT - 2, tracker.lost());
        assertEquals(Verdict.PROBATION, tracker.offer(10 + 2 * SequenceTracker.MAX_DROPOUT));
    }

    @Test
    void theWrapIsNeitherARestartNorLoss() {
        offer(65_533, 65_534, 65_535);
        long before = tracker.streamSequence();

        assertEquals(Verdict.NEXT, tracker.offer(0));
        assertTrue(tracker.continuous());
        assertEquals(before + 1, tracker.streamSequence());
        assertEquals(Verdict.REORDERED, tracker.offer(65_532));
        assertEquals(0, tracker.restarts());
        assertEquals(5, tracker.expected());
    }

    @Test
    void continuousMeansTheNextNumber() {
        offer(5);
        assertTrue(tracker.continuous(), "the first of a run");
        offer(6);
        assertTrue(tracker.continuous());
        offer(8);
        assertFalse(tracker.continuous());
        offer(7);
        assertFalse(tracker.continuous(), "reordered");
    }

    @Test
    void aNewRunKeepsTheCountsAndContinuesTheStreamWideNumbers() {
        offer(1, 5);
        long before = tracker.streamSequence();
        tracker.newRun();

        assertEquals(Verdict.NEXT, tracker.offer(60_000));
        assertEquals(before + 1, tracker.streamSequence());
        assertTrue(tracker.continuous());
        assertEquals(Verdict.NEXT, tracker.offer(60_001));
        assertEquals(3, tracker.lost(), "2, 3 and 4 of the first run");
        assertEquals(5 + 2, tracker.expected());
    }

    private void offer(int... sequenceNumbers) {
        for (int seq : sequenceNumbers) {
            tracker.offer(seq);
        }
    }
}
