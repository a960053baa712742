package org.activerecorder.sip.handler;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the RFC 4028 session timers run with: their rules ({@link SessionTimerPolicy}) and the scheduler their waits
 * and refreshes run on. In the container that is the managed scheduled executor, which the container owns; a test
 * or tool without one gets a thread of its own, stopped with the SIP service.
 *
 * @param policy        our Min-SE
 * @param scheduler     runs the waits and refreshes
 * @param ownsScheduler whether stopping the SIP service stops the scheduler (it is ours, not the caller's)
 */
public record SessionTimers(SessionTimerPolicy policy, ScheduledExecutorService scheduler, boolean ownsScheduler) {

    public SessionTimers {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The timers on the caller's scheduler, which the caller stops (never the SIP service). */
    public static SessionTimers on(SessionTimerPolicy policy, ScheduledExecutorService scheduler) {
        return new SessionTimers(policy, scheduler, false);
    }

    /** The timers on a daemon thread of their own, stopped with the SIP service: outside a container. */
    public static SessionTimers ownThread(SessionTimerPolicy policy) {
        return new SessionTimers(policy, Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "recorder-session-timers");
            thread.setDaemon(true);
            return thread;
        }), true);
    }

    /** Stops the scheduler if it is ours. */
    void release() {
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }
}
