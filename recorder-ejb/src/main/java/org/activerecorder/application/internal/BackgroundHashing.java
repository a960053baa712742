package org.activerecorder.application.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * One sweep's turn at hashing files stored without their SHA-256 ({@code recorder.file-sha256=after-completion}), as
 * background work ({@link RecordingSweep} says when and why): while recordings are being finished, only files stored
 * {@code latest} ago or more; once none has been finished for a while ({@code quiet}), every file stored by now,
 * oldest first, stopping as soon as a recording is finished again; never for longer than {@code budget}.
 */
final class BackgroundHashing {

    private static final Logger LOG = Logger.getLogger(BackgroundHashing.class.getName());

    /** The files waiting for their hash: their recordings' ids, oldest first. */
    interface Due {
        List<Long> storedBy(Instant storedBy, int max);
    }

    private final Duration budget;
    private final Duration latest;
    private final int asked;
    private final LongSupplier nanoTime;

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
     * @param hash  hashes one recording's file (a failure is its own: it returns, and the next goes on)
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
            hash.accept(id);
            hashed++;
        }
        return hashed;
    }
}
