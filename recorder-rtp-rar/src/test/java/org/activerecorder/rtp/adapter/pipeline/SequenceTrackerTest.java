package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.adapter.pipeline.SequenceTracker.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void packetsBeyondTheHorizonAreTooOld() {
        offer(0, 1, 2);
        assertEquals(Verdict.NEXT, tracker.offer(1000));   // a jump larger than the horizon forgets the bitmap

        assertEquals(Verdict.TOO_OLD, tracker.offer(2));
        assertEquals(Verdict.TOO_OLD, tracker.offer(1000 - SequenceTracker.HORIZON));
        assertEquals(Verdict.REORDERED, tracker.offer(1000 - SequenceTracker.HORIZON + 1));
    }

    @Test
    void aReorderedPacketBeforeTheFirstCountsTowardsTheExpectedRange() {
        offer(50, 51);
        assertEquals(Verdict.REORDERED, tracker.offer(48));

        assertEquals(1, tracker.lost(), "49 was never seen");
    }

    @Test
    void resetStartsAfresh() {
        offer(1, 5);
        tracker.reset();

        assertEquals(0, tracker.lost());
        assertEquals(Verdict.NEXT, tracker.offer(5));
        assertEquals(Verdict.NEXT, tracker.offer(6));
        assertEquals(0, tracker.lost());
    }

    private void offer(int... sequenceNumbers) {
        for (int seq : sequenceNumbers) {
            tracker.offer(seq);
        }
    }
}
