package org.activerecorder.infrastructure.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One reading of a source shared by the many meters that show parts of it: a scrape reads every meter in turn, and
 * each would otherwise ask the source again (a round trip to every receive loop, a database query). Read afresh
 * when older than {@code maxAge}.
 *
 * <p>Two views: {@link #latest()} is empty when the last attempt failed (a gauge then shows NaN: unknown now), while
 * {@link #lastKnown()} keeps the last success (a counter must never go back).
 *
 * @param <T> what the source reports
 */
final class RecentReading<T> {

    private final Supplier<Optional<T>> source;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private boolean read;
    private long readAtNanos;
    private Optional<T> latest = Optional.empty();
    private Optional<T> lastKnown = Optional.empty();

    RecentReading(Supplier<Optional<T>> source, Duration maxAge) {
        this(source, maxAge, System::nanoTime);
    }

    RecentReading(Supplier<Optional<T>> source, Duration maxAge, LongSupplier nanoClock) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The reading if the last attempt succeeded. */
    synchronized Optional<T> latest() {
        refreshIfOld();
        return latest;
    }

    /** The last successful reading, however old. */
    synchronized Optional<T> lastKnown() {
        refreshIfOld();
        return lastKnown;
    }

    private void refreshIfOld() {
        long now = nanoClock.getAsLong();
        if (read && now - readAtNanos < maxAgeNanos) {
            return;
        }
        read = true;
        readAtNanos = now;
        Optional<T> fresh;
        try {
            fresh = source.get();
        } catch (RuntimeException e) {
            fresh = Optional.empty();
        }
        latest = fresh;
        if (fresh.isPresent()) {
            lastKnown = fresh;
        }
    }
}
