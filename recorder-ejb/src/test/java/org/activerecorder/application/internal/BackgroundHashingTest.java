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
import java.util.function.LongConsumer;

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

    /** Hashes, except recording 2's file while {@code unreadable} holds. */
    private void hashUnless(AtomicBoolean unreadable, long id) {
        if (id == 2 && unreadable.get()) {
            throw new IllegalStateException(new java.io.UncheckedIOException("no such file",
                    new java.io.IOException("2.wav")));
        }
        hashed.add(id);
    }

    @Test
    void aFileThatCannotBeReadWaitsForItsNextTryWhileTheOthersGoOn() {
        AtomicBoolean unreadable = new AtomicBoolean(true);
        LongConsumer hash = id -> hashUnless(unreadable, id);
        assertEquals(2, hashing.run(NOW, () -> true, due(1, 2, 3), hash));
        assertEquals(List.of(1L, 3L), hashed, "the next went on");

        hashed.clear();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(50));
        assertEquals(1, hashing.run(NOW, () -> true, due(2, 4), hash));
        assertEquals(List.of(4L), hashed, "not tried again within the minute (before: every sweep, every 10 s)");

        clock.addAndGet(TimeUnit.SECONDS.toNanos(11));
        assertEquals(0, hashing.run(NOW, () -> true, due(2), hash), "tried after a minute, and failed again");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(119));
        assertEquals(0, hashing.run(NOW, () -> true, due(2), hash), "the second wait is two minutes");
        assertEquals(List.of(4L), hashed);

        unreadable.set(false);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertEquals(1, hashing.run(NOW, () -> true, due(2), hash), "read at last");
        assertEquals(List.of(4L, 2L), hashed);
    }

    @Test
    void theWaitDoublesUpToAnHour() {
        AtomicLong tries = new AtomicLong();
        LongConsumer hash = id -> {
            tries.incrementAndGet();
            throw new IllegalStateException("unreadable");
        };
        hashing.run(NOW, () -> true, due(2), hash); // the first try
        List<Long> waitsMinutes = new ArrayList<>();
        long last = clock.get();
        while (waitsMinutes.size() < 8) {
            long before = tries.get();
            clock.addAndGet(TimeUnit.MINUTES.toNanos(1)); // a sweep a minute, to see when it is tried again
            hashing.run(NOW, () -> true, due(2), hash);
            if (tries.get() > before) {
                waitsMinutes.add(TimeUnit.NANOSECONDS.toMinutes(clock.get() - last));
                last = clock.get();
            }
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L), waitsMinutes);
    }

    @Test
    void aFailureIsForgottenOnceTheRecordingIsNoLongerDue() {
        AtomicBoolean unreadable = new AtomicBoolean(true);
        LongConsumer hash = id -> hashUnless(unreadable, id);
        hashing.run(NOW, () -> true, due(2), hash);
        hashing.run(NOW, () -> true, due(), hash); // purged, or hashed through another server: gone from the list
        unreadable.set(false);
        assertEquals(1, hashing.run(NOW, () -> true, due(2), hash), "due again: tried at once, no wait left over");
    }
}
