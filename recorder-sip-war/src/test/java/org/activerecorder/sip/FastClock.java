package org.activerecorder.sip;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler and a clock that both run {@code factor} times faster than real time, and so agree: the session timers
 * ({@code SessionTimers.on(policy, scheduler, clock)}) of a 5-minute interval run in seconds over real sockets. Only
 * the delays of {@code schedule} are shortened (what the session timers use); the clock's nanoseconds are the
 * scheduler's.
 */
final class FastClock implements AutoCloseable {

    private final long factor;
    private final long start = System.nanoTime();
    private final ScheduledThreadPoolExecutor scheduler;

    FastClock(long factor) {
        this.factor = factor;
        this.scheduler = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
                return super.schedule(task, unit.toNanos(delay) / factor, TimeUnit.NANOSECONDS);
            }

            @Override
            public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
                return super.schedule(task, unit.toNanos(delay) / factor, TimeUnit.NANOSECONDS);
            }
        };
    }

    ScheduledThreadPoolExecutor scheduler() {
        return scheduler;
    }

    /** Now, in the scheduler's time. */
    long nanoTime() {
        return start + (System.nanoTime() - start) * factor;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
