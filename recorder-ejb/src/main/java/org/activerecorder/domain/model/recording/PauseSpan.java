package org.activerecorder.domain.model.recording;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Instant;
import java.util.Objects;

/**
 * One pause of a recording on request, as the people who control it asked it: from {@code pausedAt} (the pause's
 * arrival; every stream is silent from there) to {@code resumedAt} (the resume's arrival, or the stop's when the
 * recording was stopped during the pause). A pause with no end lasted until the recording's streams ended (the call
 * was released while paused). Kept in order, so the recording's timeline says who made it silent, when, and for how
 * long, beside the streams' {@code SIGNALLED_PAUSE} gaps that say it of the audio.
 *
 * @param pausedAt       when the pause arrived
 * @param pausedBy       who asked for it (the API login, the JMS user, {@code jms})
 * @param resumedAt      when the pause ended: the resume's or the stop's arrival; {@code null} while it lasts
 * @param resumedBy      who ended it; {@code null} while it lasts
 * @param endedByStop    whether a stop, not a resume, ended it (after it nothing more was recorded)
 */
@Embeddable
public record PauseSpan(
        @Column(name = "paused_at", nullable = false) Instant pausedAt,
        @Column(name = "paused_by", nullable = false, length = 128) String pausedBy,
        @Column(name = "resumed_at") Instant resumedAt,
        @Column(name = "resumed_by", length = 128) String resumedBy,
        @Column(name = "ended_by_stop", nullable = false) boolean endedByStop) {

    /** Longest requester name kept; a longer one is cut (it is for people reading the timeline). */
    public static final int MAX_BY = 128;

    public PauseSpan {
        Objects.requireNonNull(pausedAt, "pausedAt");
        pausedBy = bounded(Objects.requireNonNull(pausedBy, "pausedBy"));
        resumedBy = resumedBy == null ? null : bounded(resumedBy);
    }

    /** A pause that has just begun. */
    public static PauseSpan begun(Instant at, String by) {
        return new PauseSpan(at, by, null, null, false);
    }

    /** This pause, ended at {@code at} by {@code by}: a resume, or a stop when {@code byStop}. */
    PauseSpan ended(Instant at, String by, boolean byStop) {
        return new PauseSpan(pausedAt, pausedBy, Objects.requireNonNull(at, "at"), Objects.requireNonNull(by, "by"),
                byStop);
    }

    public boolean isOpen() {
        return resumedAt == null;
    }

    private static String bounded(String by) {
        return by.length() <= MAX_BY ? by : by.substring(0, MAX_BY);
    }
}
