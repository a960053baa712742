package org.activerecorder.sip.admission;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on the session openings handed to the executor: the container's default managed executor queues
 * without limit, so under a flood every INVITE would wait its turn for ever and the Media Server would time out
 * instead of hearing "busy". A place is taken on the SIP event thread before the 100 Trying ({@link #tryEnter()}),
 * and given back when the opening has run, so that a full gate is answered 503 at once.
 *
 * <p>Only session openings pass through the gate. Work that ends a stream (BYE, CANCEL, a dialog's end) and hold
 * commands go to the executor directly and are never refused here: ending a stream is how its audio gets
 * finished, and there are at most as many of those as there are sessions.
 */
public final class WorkGate {

    private final Executor executor;
    private final int capacity;
    private final AtomicInteger pending = new AtomicInteger();

    /**
     * @param executor where the work runs
     * @param capacity openings running or queued at most (recorder.sip.max-pending-work)
     */
    public WorkGate(Executor executor, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.executor = executor;
        this.capacity = capacity;
    }

    /** A place taken in the gate: run one task with it, or give it back. */
    public final class Place {
        private boolean used;

        private Place() {
        }

        /**
         * Hands the task to the executor; the place is given back when the task ends, or at once when the executor
         * refuses it.
         *
         * @throws RejectedExecutionException when the executor refuses the task (it is stopping)
         */
        public void execute(Runnable task) {
            claim();
            try {
                executor.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        pending.decrementAndGet();
                    }
                });
            } catch (RejectedExecutionException | Error refused) {
                pending.decrementAndGet();
                throw refused;
            }
        }

        /** Gives the place back without running anything (the request was refused after all). */
        public void release() {
            claim();
            pending.decrementAndGet();
        }

        private synchronized void claim() {
            if (used) {
                throw new IllegalStateException("a place in the work gate is used once");
            }
            used = true;
        }
    }

    /**
     * Takes a place if one is free.
     *
     * @return the place, or null when {@code capacity} openings are pending already
     */
    public Place tryEnter() {
        while (true) {
            int now = pending.get();
            if (now >= capacity) {
                return null;
            }
            if (pending.compareAndSet(now, now + 1)) {
                return new Place();
            }
        }
    }

    /** Openings running or queued now. */
    public int pending() {
        return pending.get();
    }

    public int capacity() {
        return capacity;
    }
}
