package org.activerecorder.sip.siprec;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * What the SIPREC intake has done since the server started, for a person and for metrics: sessions read, refusals of
 * each {@link Refusal.Reason} (and of offers whose SDP could not be taken), metadata updates applied and the updates
 * that corrected a recording's channels. Each refusal is logged where it happens; a one-line summary of every counter
 * follows one at most every {@link #SUMMARY_SPACING}, so a peer sending garbage in a loop fills no log. Counted on
 * the SIP event thread, read from anywhere.
 */
public final class SiprecCounters {

    private static final Logger LOG = Logger.getLogger(SiprecCounters.class.getName());
    /** At most one summary line this often: enough to see a trend, too rare to flood. */
    static final Duration SUMMARY_SPACING = Duration.ofMinutes(1);

    private final Map<Refusal.Reason, LongAdder> refusals = new EnumMap<>(Refusal.Reason.class);
    private final LongAdder offersRefused = new LongAdder();
    private final LongAdder sessions = new LongAdder();
    private final LongAdder metadataUpdates = new LongAdder();
    private final LongAdder channelCorrections = new LongAdder();
    private final LongSupplier nanoTime;
    private final AtomicLong lastSummary = new AtomicLong();
    private volatile boolean summarised;

    public SiprecCounters() {
        this(System::nanoTime);
    }

    /** With the clock summaries are spaced by: for tests. */
    SiprecCounters(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        for (Refusal.Reason reason : Refusal.Reason.values()) {
            refusals.put(reason, new LongAdder());
        }
    }

    /** A SIPREC body or its metadata was refused for this reason (a 413, 415 or 400 went back). */
    public void refused(Refusal.Reason reason) {
        refusals.get(reason).increment();
        summariseIfDue();
    }

    /** A SIPREC INVITE was refused for its SDP offer (none, unreadable, or no audio we can record). */
    public void offerRefused() {
        offersRefused.increment();
        summariseIfDue();
    }

    /** A SIPREC INVITE was read into a session offer. */
    public void sessionRead() {
        sessions.increment();
    }

    /** A re-INVITE or UPDATE brought metadata that was merged into a session's. */
    public void metadataUpdated() {
        metadataUpdates.increment();
    }

    /** A metadata update changed which party a recording's stream carries, or its side. */
    public void channelsCorrected() {
        channelCorrections.increment();
    }

    public long refusals(Refusal.Reason reason) {
        return refusals.get(reason).sum();
    }

    public long offersRefused() {
        return offersRefused.sum();
    }

    public long sessions() {
        return sessions.sum();
    }

    public long metadataUpdates() {
        return metadataUpdates.sum();
    }

    public long channelCorrections() {
        return channelCorrections.sum();
    }

    /** Every counter in one line, e.g. for the log. */
    public String summary() {
        StringBuilder text = new StringBuilder("SIPREC since start: ").append(sessions()).append(" session(s), ")
                .append(metadataUpdates()).append(" metadata update(s), ").append(channelCorrections())
                .append(" channel correction(s); refused:");
        refusals.forEach((reason, count) -> text.append(' ').append(reason).append('=').append(count.sum()));
        return text.append(" OFFER=").append(offersRefused()).toString();
    }

    private void summariseIfDue() {
        long now = nanoTime.getAsLong();
        long last = lastSummary.get();
        if (summarised && now - last < SUMMARY_SPACING.toNanos()) {
            return;
        }
        if (lastSummary.compareAndSet(last, now)) {
            summarised = true;
            LOG.info(this::summary);
        }
    }
}
