package org.activerecorder.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends every stream's packets on time from a few threads (a thread per stream would measure the load tool's
 * scheduler, not the recorder): each thread owns a share of the streams and wakes on a 1 ms tick (absolute, so
 * ticks do not drift), sends every packet that is due, and sleeps until the next tick, as the anchors' paced C
 * sender does. Waking for each packet instead would scan every stream for every packet: at 1,000 calls the tool
 * then used more CPU than the recorder. Streams start when their call's sessions are answered, so their 20 ms
 * phases are spread as the call starts are. How late the sends were is kept: a run whose sender fell behind did
 * not offer the load it claims.
 */
public final class RtpPacer implements AutoCloseable {

    private static final long TICK_NANOS = 1_000_000L;
    /** A send this late (5 ms) counts as late. */
    private static final long LATE_NANOS = 5_000_000L;

    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong maxLateNanos = new AtomicLong();
    private final AtomicLong lateSends = new AtomicLong();
    private volatile boolean running = true;

    public RtpPacer(int threads) {
        for (int i = 0; i < threads; i++) {
            Lane lane = new Lane();
            Thread thread = new Thread(lane, "rtp-pacer-" + i);
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            lanes.add(lane);
            lane.thread = thread;
            thread.start();
        }
    }

    /** Starts the stream now: its first packet goes at once. */
    public void start(PacedStream stream) {
        stream.startAt(System.nanoTime());
        Lane lane = lanes.get(Math.floorMod(next.getAndIncrement(), lanes.size()));
        lane.arriving.add(stream);
        LockSupport.unpark(lane.thread);
    }

    /** The latest any packet was sent after it was due. */
    public long maxLateNanos() {
        return maxLateNanos.get();
    }

    /** Packets sent more than 5 ms after they were due. */
    public long lateSends() {
        return lateSends.get();
    }

    @Override
    public void close() {
        running = false;
        lanes.forEach(lane -> LockSupport.unpark(lane.thread));
    }

    /** One pacing thread and its streams. */
    private final class Lane implements Runnable {
        final Queue<PacedStream> arriving = new ConcurrentLinkedQueue<>();
        final List<PacedStream> streams = new ArrayList<>();
        Thread thread;

        @Override
        public void run() {
            long worstLate = 0;
            long tick = System.nanoTime();
            while (running) {
                for (PacedStream arrived; (arrived = arriving.poll()) != null; ) {
                    streams.add(arrived);
                }
                long now = System.nanoTime();
                for (int i = streams.size() - 1; i >= 0; i--) {
                    PacedStream stream = streams.get(i);
                    long due;
                    while (!stream.done() && (due = stream.due()) <= now) {
                        long late = now - due;
                        if (late > LATE_NANOS) {
                            lateSends.incrementAndGet();
                        }
                        worstLate = Math.max(worstLate, late);
                        stream.late(late);
                        stream.sendNext();
                    }
                    if (stream.done()) {
                        streams.set(i, streams.get(streams.size() - 1));
                        streams.remove(streams.size() - 1);
                        stream.finish();
                    }
                }
                if (worstLate > maxLateNanos.get()) {
                    maxLateNanos.accumulateAndGet(worstLate, Math::max);
                }
                tick = Math.max(tick + TICK_NANOS, now);
                long sleep = tick - System.nanoTime();
                if (sleep > 0 && arriving.isEmpty()) {
                    LockSupport.parkNanos(sleep);
                }
            }
        }
    }
}
