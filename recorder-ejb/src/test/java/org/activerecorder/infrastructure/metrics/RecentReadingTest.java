package org.activerecorder.infrastructure.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One reading serves the meters of a scrape; a failed reading is unknown now but keeps the last known. */
class RecentReadingTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void readsAgainOnlyWhenOlderThanItsAge() {
        RecentReading<Integer> reading = new RecentReading<>(() -> Optional.of(reads.incrementAndGet()),
                Duration.ofMillis(500), nanos::get);
        assertEquals(Optional.of(1), reading.latest());
        nanos.addAndGet(499_000_000L);
        assertEquals(Optional.of(1), reading.lastKnown());
        nanos.addAndGet(1_000_000L);
        assertEquals(Optional.of(2), reading.latest());
        assertEquals(2, reads.get());
    }

    @Test
    void aFailedReadingIsUnknownButTheLastKnownStays() {
        AtomicInteger calls = new AtomicInteger();
        RecentReading<String> reading = new RecentReading<>(() -> {
            int call = calls.incrementAndGet();
            if (call == 2) {
                throw new IllegalStateException("adapter stopping");
            }
            return call == 3 ? Optional.empty() : Optional.of("reading " + call);
        }, Duration.ZERO, nanos::get);
        assertEquals(Optional.of("reading 1"), reading.latest());
        assertEquals(Optional.empty(), reading.latest());             // call 2 threw
        assertEquals(Optional.of("reading 1"), reading.lastKnown());  // call 3 found nothing
        assertEquals(Optional.of("reading 4"), reading.latest());
    }
}
