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
    private static class Counter implements SocketDrops {
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

    /**
     * Rule 5 of docs/port-groups.md: two streams on one socket. Each judges its holes by the socket's whole count, but
     * what their records count comes out of one budget: together they never count more than the socket dropped, and
     * an end takes only drops no record took, at most what the caller lets it have sent.
     */
    @Test
    void streamsSharingASocketCountItsDropsOnceBetweenThem() {
        DropShares shares = new DropShares();
        Counter shared = new Counter() {
            @Override
            public DropShares shares() {
                return shares;
            }
        };
        shared.reading(0, 0);
        ReceiverOverflow agent = new ReceiverOverflow(shared);
        ReceiverOverflow customer = new ReceiverOverflow(shared);
        GapTimeline agentTimeline = new GapTimeline(new PauseSpans(), agent);
        GapTimeline customerTimeline = new GapTimeline(new PauseSpans(), customer);
        agentTimeline.covered(0, 160, 0, 10 * MS);
        agentTimeline.covered(800, 160, 5, 100 * MS);       // 4 missing
        customerTimeline.covered(0, 160, 0, 10 * MS);
        customerTimeline.covered(480, 160, 3, 100 * MS);    // 2 missing
        shared.reading(7, 1_000 * MS);                      // 7 dropped on the socket: 1 more than the holes
        agentTimeline.settle(960, 1_100 * MS);
        customerTimeline.settle(640, 1_100 * MS);

        assertEquals(List.of(new Gap(160, 640, GapCause.RECEIVER_OVERFLOW)), agentTimeline.gaps());
        assertEquals(List.of(new Gap(160, 320, GapCause.RECEIVER_OVERFLOW)), customerTimeline.gaps());
        assertEquals(4, agent.drops());
        assertEquals(2, customer.drops());

        assertEquals(640, customerTimeline.finish(640, true, 0), "an end that cannot have been dropped keeps it");
        assertEquals(2, customer.drops());
        assertEquals(960 + 160, agentTimeline.finish(960, true, 10 * 160), "the one drop left is the agent's end");
        assertEquals(5, agent.drops());
        assertEquals(7, shares.taken(), "the socket's seven drops, each counted once");

        ReceiverOverflow late = new ReceiverOverflow(shared);
        GapTimeline lateTimeline = new GapTimeline(new PauseSpans(), late);
        lateTimeline.covered(0, 160, 0, 1_200 * MS);
        shared.reading(9, 2_000 * MS);
        assertEquals(160 + 160, lateTimeline.finish(160, true, 160), "at most one packet's worth, of the two left");
        assertEquals(1, late.drops());
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
