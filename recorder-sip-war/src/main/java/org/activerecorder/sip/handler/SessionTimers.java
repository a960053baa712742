package org.activerecorder.sip.handler;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * What the RFC 4028 session timers run with: their rules ({@link SessionTimerPolicy}), the scheduler their waits
 * and refreshes run on, and the clock that says how long is left before a session expires (a refresh that failed is
 * tried again in time for it). In the container that is the managed scheduled executor, which the container owns,
 * and {@link System#nanoTime}; a test or tool without one gets a thread of its own, stopped with the SIP service.
 * A test may give a scheduler and a clock that both run faster than real time, so that a 30-minute session interval
 * passes in seconds: the two must agree.
 *
 * @param policy        our Min-SE
 * @param scheduler     runs the waits and refreshes
 * @param ownsScheduler whether stopping the SIP service stops the scheduler (it is ours, not the caller's)
 * @param nanoTime      a monotonic clock in nanoseconds, in the scheduler's time
 */
public record SessionTimers(SessionTimerPolicy policy, ScheduledExecutorService scheduler, boolean ownsScheduler,
                            LongSupplier nanoTime) {

    public SessionTimers {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** The timers on the caller's scheduler, which the caller stops (never the SIP service). */
    public static SessionTimers on(SessionTimerPolicy policy, ScheduledExecutorService scheduler) {
        return on(policy, scheduler, System::nanoTime);
    }

    /**
     * The timers on the caller's scheduler, in the time of the caller's clock (a test's, faster than real time, that
     * its scheduler follows).
     */
    public static SessionTimers on(SessionTimerPolicy policy, ScheduledExecutorService scheduler, LongSupplier nanoTime) {
        return new SessionTimers(policy, scheduler, false, nanoTime);
    }

    /** The timers on a daemon thread of their own, stopped with the SIP service: outside a container. */
    public static SessionTimers ownThread(SessionTimerPolicy policy) {
        return new SessionTimers(policy, Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "recorder-session-timers");
            thread.setDaemon(true);
            return thread;
        }), true, System::nanoTime);
    }

    /** Stops the scheduler if it is ours. */
    void release() {
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }
}
