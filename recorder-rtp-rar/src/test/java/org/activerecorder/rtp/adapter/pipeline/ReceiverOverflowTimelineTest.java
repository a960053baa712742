package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.Gap;
import org.activerecorder.rtp.api.GapCause;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Holes the kernel made on the recorder's socket against holes the network made, judged by a drop counter the test
 * sets as a reader would (the count, and when the reading began), at 20 ms packets of 160 samples.
 */
class ReceiverOverflowTimelineTest {

    private static final long MS = 1_000_000L;

    /** A counter as the periodic reader leaves it. */
    private static final class Counter implements SocketDrops {
        long drops = -1;
        long readAt;

        void reading(long count, long atNanos) {
            drops = count;
            readAt = atNanos;
        }

        @Override
        public long drops() {
            return drops;
        }

        @Override
        public long readAtNanos() {
            return readAt;
        }
    }

    private final Counter counter = new Counter();
    private final ReceiverOverflow overflow = new ReceiverOverflow(counter);
    private final GapTimeline timeline = new GapTimeline(new PauseSpans(), overflow);

    @Test
    void aHoleTheKernelDroppedIsTheReceiversAndWaitsForAReadingAfterIt() {
        counter.reading(0, 0);
        timeline.covered(0, 160, 0, 10 * MS);
        timeline.covered(800, 160, 5, 100 * MS); // 4 missing, closed by a packet read at 100 ms
        counter.reading(4, 50 * MS);              // began before that packet: it may not hold the drops yet
        timeline.settle(960, 200 * MS);
        assertEquals(List.of(), timeline.gaps(), "judged only after a reading that began after the hole closed");

        counter.reading(4, 1_050 * MS);
        timeline.settle(960, 1_100 * MS);

        assertEquals(List.of(new Gap(160, 640, GapCause.RECEIVER_OVERFLOW)), timeline.gaps());
        assertEquals(4, overflow.drops());
    }

    @Test
    void fewerDropsThanMissingPacketsLeaveTheHoleToTheNetworkButCountThem() {
        counter.reading(0, 0);
        timeline.covered(0, 160, 0, 10 * MS);
        timeline.covered(800, 160, 5, 100 * MS);  // 4 missing
        timeline.covered(1_600, 160, 8, 200 * MS); // 2 missing
        counter.reading(3, 1_000 * MS);           // 3 dropped by the kernel over both
        timeline.settle(1_760, 1_100 * MS);

        assertEquals(List.of(new Gap(160, 640, GapCause.NETWORK_LOSS), new Gap(960, 320, GapCause.NETWORK_LOSS),
                new Gap(1_280, 320, GapCause.QUIET_SENDER)), timeline.gaps(),
                "3 drops cover neither 4 missing nor, once the first hole took them, 2");
        assertEquals(3, overflow.drops(), "the stream still counts what the kernel dropped");
    }

    @Test
    void eachHoleDrawsOnTheDropsInTurn() {
        counter.reading(0, 0);
        timeline.covered(0, 160, 0, 10 * MS);
        timeline.covered(480, 160, 3, 100 * MS);   // 2 missing: the kernel's
        timeline.covered(1_120, 160, 7, 200 * MS); // 3 missing: the kernel's
        timeline.covered(1_760, 160, 11, 300 * MS); // 3 missing: the network's, the drops are used up
        counter.reading(5, 1_000 * MS);
        timeline.finish(1_920);

        assertEquals(List.of(new Gap(160, 320, GapCause.RECEIVER_OVERFLOW),
                new Gap(640, 480, GapCause.RECEIVER_OVERFLOW), new Gap(1_280, 480, GapCause.NETWORK_LOSS)),
                timeline.gaps());
        assertEquals(5, overflow.drops());
    }

    @Test
    void dropsNoHoleTookAreTheStreamsLastPacketsAGapAfterItsEnd() {
        counter.reading(0, 0);
        timeline.covered(0, 160, 0, 10 * MS);
        timeline.covered(480, 160, 3, 100 * MS);   // 2 missing: the kernel's
        timeline.covered(640, 160, 4, 120 * MS);   // the last packet read; 3 more were sent and dropped
        counter.reading(5, 1_000 * MS);

        assertEquals(800 + 3 * 160, timeline.finish(800, true), "the file ends where the dropped packets would have");
        assertEquals(List.of(new Gap(160, 320, GapCause.RECEIVER_OVERFLOW),
                new Gap(800, 480, GapCause.RECEIVER_OVERFLOW)), timeline.gaps());
    }

    @Test
    void withoutDropsLeftOrWhenNotAskedTheFileKeepsItsEnd() {
        counter.reading(0, 0);
        timeline.covered(0, 160, 0, 10 * MS);
        timeline.covered(480, 160, 3, 100 * MS);   // 2 missing: the kernel's, and no more dropped
        counter.reading(2, 1_000 * MS);
        assertEquals(640, timeline.finish(640, true));
        assertEquals(List.of(new Gap(160, 320, GapCause.RECEIVER_OVERFLOW)), timeline.gaps());

        GapTimeline paused = new GapTimeline(new PauseSpans(), new ReceiverOverflow(counter));
        paused.covered(0, 160, 0, 10 * MS);
        counter.reading(5, 2_000 * MS);
        assertEquals(160, paused.finish(160, false), "a stream ending paused is silent to its end anyway");
        assertEquals(List.of(), paused.gaps());
    }

    @Test
    void anUnknownCounterLeavesEveryHoleToTheNetworkWithoutWaiting() {
        GapTimeline unknown = new GapTimeline(new PauseSpans(), new ReceiverOverflow(SocketDrops.UNKNOWN));
        unknown.covered(0, 160, 0, 10 * MS);
        unknown.covered(480, 160, 3, 100 * MS);
        unknown.settle(640, 100 * MS);

        assertEquals(List.of(new Gap(160, 320, GapCause.NETWORK_LOSS)), unknown.gaps());
    }

    @Test
    void aStalledReaderIsNotWaitedForLong() {
        counter.reading(0, 0);
        timeline.covered(0, 160, 0, 10 * MS);
        timeline.covered(480, 160, 3, 100 * MS);
        timeline.settle(640, 100 * MS + ReceiverOverflow.WAIT_NANOS);
        assertEquals(List.of(), timeline.gaps());

        timeline.settle(640, 101 * MS + ReceiverOverflow.WAIT_NANOS);

        assertEquals(List.of(new Gap(160, 320, GapCause.NETWORK_LOSS)), timeline.gaps());
    }
}
