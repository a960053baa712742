package org.activerecorder.infrastructure.audio;

import org.activerecorder.application.ports.FileRemovals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The stream files of finished recordings, queued for removal and removed by one thread ({@link #run}) once they are
 * due: when no recording has been queued for {@code quiet}, or when they have waited {@code maxHold}, whichever comes
 * first.
 *
 * <p>Why they wait: a file's removal costs the CPU in proportion to its size (the kernel drops the file's cached
 * pages), and in a burst of call ends that cost fell on the cores the completions were waiting for
 * (docs/performance.md, "Series BH": 17 % of the server's CPU in the ends of 1,000 five-minute calls; "Series BI").
 * Each recording queued is one recording finished, so a burst of ends holds the removals until it is over, or until
 * its first files have waited {@code maxHold}, after which they go in the order they came, as fast as they came. The disk this holds is at most
 * {@code maxHold}'s worth of finished calls' stream files, which were on the disk during the calls anyway.
 *
 * <p>Not a library's: a delay queue (java.util.concurrent's) gives each entry a fixed delay; here the delay of every
 * entry moves with each new one.
 */
final class RemovalQueue implements Runnable {

    private static final Logger LOG = Logger.getLogger(RemovalQueue.class.getName());
    private static final Held STOP = new Held(List.of(), 0);

    private record Held(List<Path> files, long queuedNanos) {
    }

    private final long quietNanos;
    private final long maxHoldNanos;
    private final ToIntFunction<List<Path>> removal;
    private final LinkedBlockingQueue<Held> queue = new LinkedBlockingQueue<>();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong notRemoved = new AtomicLong();
    private volatile long lastQueuedNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private volatile boolean stopping;
    private volatile Thread runner;

    /**
     * @param removal removes one recording's files and returns how many could not be removed
     *                ({@link FileRemovals#removeNow})
     */
    RemovalQueue(long quietMillis, long maxHoldMillis, ToIntFunction<List<Path>> removal) {
        this.quietNanos = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        this.maxHoldNanos = TimeUnit.MILLISECONDS.toNanos(maxHoldMillis);
        this.removal = removal;
    }

    /**
     * When a recording's files queued at {@code queuedNanos} are due, the last recording having come at
     * {@code lastQueuedNanos}.
     */
    static long dueNanos(long queuedNanos, long lastQueuedNanos, long quietNanos, long maxHoldNanos) {
        return Math.min(lastQueuedNanos + quietNanos, queuedNanos + maxHoldNanos);
    }

    void add(List<Path> files) {
        if (!files.isEmpty()) {
            long now = System.nanoTime();
            lastQueuedNanos = now;
            waiting.addAndGet(files.size());
            queue.add(new Held(List.copyOf(files), now));
        }
    }

    /** Files queued and not yet removed. */
    long waiting() {
        return waiting.get();
    }

    /** Files that could not be removed (they stay on the disk). */
    long notRemoved() {
        return notRemoved.get();
    }

    /** Makes everything queued due at once, and {@link #run} return once it is removed. */
    void stop() {
        stopping = true;
        queue.add(STOP);
        Thread thread = runner;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        try {
            Held held;
            while ((held = queue.take()) != STOP) {
                awaitDue(held);
                removeOne(held.files());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitDue(Held held) throws InterruptedException {
        while (!stopping) {
            long wait = dueNanos(held.queuedNanos(), lastQueuedNanos, quietNanos, maxHoldNanos) - System.nanoTime();
            if (wait <= 0) {
                return;
            }
            LockSupport.parkNanos(this, wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** One recording's files: whatever goes wrong with them, the thread goes on with the next recording's. */
    private void removeOne(List<Path> files) {
        int left;
        try {
            left = removal.applyAsInt(files);
        } catch (RuntimeException e) {
            left = files.size();
            LOG.log(Level.SEVERE, "Removing the stream files " + files + " failed", e);
        }
        waiting.addAndGet(-files.size());
        if (left > 0) {
            notRemoved.addAndGet(left);
            LOG.warning(left + " of the stream files " + files + " cannot be removed; they stay on the disk");
        }
    }
}
