package org.activerecorder.application.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One sweep's turn at hashing files stored without their SHA-256 ({@code recorder.file-sha256=after-completion}), as
 * background work ({@link RecordingSweep} says when and why): while recordings are being finished, only files stored
 * {@code latest} ago or more; once none has been finished for a while ({@code quiet}), every file stored by now,
 * oldest first, stopping as soon as a recording is finished again; never for longer than {@code budget}.
 *
 * <p>A file that cannot be read back (gone, unreadable, a disk error) is tried again after a minute, then after twice
 * as long each time, up to an hour, while the others go on: before, it was tried and warned about with its stack
 * trace in every sweep, every 10 s, for as long as it stayed unreadable. The first failure is a warning, and so is
 * each hourly try once the wait is at its longest; the tries between are logged at {@code FINE}. Until it is read,
 * the recording counts in {@code recorder_recordings_awaiting_file_sha256}.
 */
final class BackgroundHashing {

    private static final Logger LOG = Logger.getLogger(BackgroundHashing.class.getName());
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);

    /** A file that could not be hashed: how many tries in a row failed, and when it may be tried again. */
    private record Failure(int tries, long retryAtNanos) {
    }

    /** The files waiting for their hash: their recordings' ids, oldest first. */
    interface Due {
        List<Long> storedBy(Instant storedBy, int max);
    }

    private final Duration budget;
    private final Duration latest;
    private final int asked;
    private final LongSupplier nanoTime;
    /** By recording id; the sweeps run one at a time, but not always on the same thread. */
    private final Map<Long, Failure> failures = new ConcurrentHashMap<>();

    BackgroundHashing(Duration budget, Duration latest, int asked, LongSupplier nanoTime) {
        this.budget = budget;
        this.latest = latest;
        this.asked = asked;
        this.nanoTime = nanoTime;
    }

    /**
     * Hashes what is due now.
     *
     * @param quiet whether no recording has been finished for the quiet time; asked again before each file
     * @param hash  hashes one recording's file; one that throws is tried again later ({@link #FIRST_RETRY}, doubling
     *              up to {@link #LONGEST_RETRY}), and the next goes on
     * @return how many files it hashed
     */
    int run(Instant now, BooleanSupplier quiet, Due due, LongConsumer hash) {
        long until = nanoTime.getAsLong() + budget.toNanos();
        boolean quietNow = quiet.getAsBoolean();
        List<Long> ids = due.storedBy(quietNow ? now : now.minus(latest), asked);
        int hashed = 0;
        for (Long id : ids) {
            boolean overrun = nanoTime.getAsLong() - until > 0;
            if (overrun || quietNow && !quiet.getAsBoolean()) {
                int done = hashed;
                LOG.info(() -> "Sweep: " + done + " files hashed after their completion, " + (ids.size() - done)
                        + " or more left for a later sweep (" + (overrun ? "the sweep's share of time is spent"
                        : "recordings are being finished again") + ")");
                return hashed;
            }
            Failure before = failures.get(id);
            if (before != null && nanoTime.getAsLong() - before.retryAtNanos() < 0) {
                continue;
            }
            try {
                hash.accept(id);
            } catch (RuntimeException e) {
                failed(id, before, e);
                continue;
            }
            hashed++;
            if (before != null) {
                failures.remove(id);
                LOG.info(() -> "Sweep: recording " + id + "'s file is hashed after " + before.tries()
                        + " failed tries");
            }
        }
        if (ids.size() < asked) {
            // the whole backlog was listed: a recording not in it was hashed otherwise, purged or deleted
            failures.keySet().retainAll(new HashSet<>(ids));
        }
        return hashed;
    }

    private void failed(long id, Failure before, RuntimeException e) {
        int tries = before == null ? 1 : before.tries() + 1;
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(tries - 1, 16));
        if (wait.compareTo(LONGEST_RETRY) > 0) {
            wait = LONGEST_RETRY;
        }
        failures.put(id, new Failure(tries, nanoTime.getAsLong() + wait.toNanos()));
        boolean warn = tries == 1 || wait.equals(LONGEST_RETRY);
        String text = "Sweep: recording " + id + "'s file cannot be hashed (" + rootMessage(e) + "); try " + tries
                + ", the next in " + wait.toMinutes() + " min. It counts in recorder_recordings_awaiting_file_sha256"
                + " until it is read";
        if (warn) {
            LOG.log(Level.WARNING, text, tries == 1 ? e : null);
        } else {
            LOG.fine(text);
        }
    }

    /** The innermost cause's message: the container wraps what the bean threw. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
