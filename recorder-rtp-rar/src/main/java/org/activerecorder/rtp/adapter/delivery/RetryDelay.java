package org.activerecorder.rtp.adapter.delivery;

import java.time.Duration;

/**
 * How long an event that was not taken waits before it is offered again: {@code first} after the first failure,
 * doubling with each further one, never more than {@code max}. Short at first, because the usual cause is brief (a
 * transaction that lost a race, an MDB pool momentarily empty); capped, because a long outage (the database down)
 * must not turn into minutes of delay after it ends.
 *
 * @param first the delay after the first failure
 * @param max   the longest delay
 */
record RetryDelay(Duration first, Duration max) {

    /** 100 ms doubling to 30 s: the 10th attempt comes about 50 s after the first, then one every 30 s. */
    static final RetryDelay DEFAULT = new RetryDelay(Duration.ofMillis(100), Duration.ofSeconds(30));

    RetryDelay {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("retry delay " + first + " up to " + max);
        }
    }

    /** The delay in nanoseconds after the {@code failures}-th failure in a row (1 for the first). */
    long afterNanos(int failures) {
        long firstNanos = first.toNanos();
        long maxNanos = max.toNanos();
        int doublings = Math.min(Math.max(failures - 1, 0), 62);
        if (doublings >= Long.numberOfLeadingZeros(firstNanos) - 1) {
            return maxNanos; // doubling further would overflow; long past the cap anyway
        }
        return Math.min(firstNanos << doublings, maxNanos);
    }
}
