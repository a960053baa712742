package org.activerecorder.application.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sweep's hashing of files stored without their SHA-256 gives way to the completions (series BH). */
class BackgroundHashingTest {

    private static final Instant NOW = Instant.parse("2026-12-06T16:00:00Z");

    private final AtomicLong clock = new AtomicLong();
    private final BackgroundHashing hashing =
            new BackgroundHashing(Duration.ofSeconds(8), Duration.ofMinutes(5), 2000, clock::get);
    private final AtomicReference<Instant> askedFor = new AtomicReference<>();
    private final List<Long> hashed = new ArrayList<>();

    private BackgroundHashing.Due due(long... ids) {
        return (storedBy, max) -> {
            askedFor.set(storedBy);
            assertEquals(2000, max);
            List<Long> list = new ArrayList<>();
            for (long id : ids) {
                list.add(id);
            }
            return list;
        };
    }

    @Test
    void whileRecordingsAreBeingFinishedOnlyFilesStoredFiveMinutesAgoAreHashed() {
        assertEquals(3, hashing.run(NOW, () -> false, due(1, 2, 3), hashed::add));
        assertEquals(NOW.minus(Duration.ofMinutes(5)), askedFor.get());
        assertEquals(List.of(1L, 2L, 3L), hashed, "those are hashed whatever goes on");
    }

    @Test
    void onceTheFinishesPauseEveryFileStoredByNowIsHashed() {
        assertEquals(3, hashing.run(NOW, () -> true, due(1, 2, 3), hashed::add));
        assertEquals(NOW, askedFor.get());
        assertEquals(List.of(1L, 2L, 3L), hashed);
    }

    @Test
    void aFinishStopsTheHashingAtTheNextFile() {
        AtomicBoolean quiet = new AtomicBoolean(true);
        int done = hashing.run(NOW, quiet::get, due(1, 2, 3, 4), id -> {
            hashed.add(id);
            if (id == 2) {
                quiet.set(false); // a recording was finished while file 2 was being read
            }
        });
        assertEquals(2, done);
        assertEquals(List.of(1L, 2L), hashed, "files 3 and 4 are left for a later sweep");
    }

    @Test
    void aSweepHashesForEightSecondsAtMost() {
        int done = hashing.run(NOW, () -> true, due(1, 2, 3, 4, 5), id -> {
            hashed.add(id);
            clock.addAndGet(TimeUnit.SECONDS.toNanos(3)); // each file takes 3 s to read
        });
        assertEquals(3, done, "after 9 s the sweep's share is spent");
        assertEquals(List.of(1L, 2L, 3L), hashed);
    }

    @Test
    void theBudgetHoldsForOldFilesToo() {
        int done = hashing.run(NOW, () -> false, due(1, 2, 3), id -> {
            hashed.add(id);
            clock.addAndGet(TimeUnit.SECONDS.toNanos(9));
        });
        assertEquals(1, done);
    }
}
