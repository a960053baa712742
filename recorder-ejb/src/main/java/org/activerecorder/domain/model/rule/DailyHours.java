package org.activerecorder.domain.model.rule;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A window of the day, from (included) to (excluded), in a rule's time zone. A window whose end is before its start
 * wraps midnight ({@code 22:00-06:00} is a night shift): the hours after midnight belong to the day the window began,
 * so a rule for Fridays with {@code 22:00-06:00} matches Saturday 02:00 and not Friday 02:00.
 */
public record DailyHours(LocalTime from, LocalTime to) {

    public DailyHours {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("hours from and to are both " + from
                    + ": leave hours out for the whole day");
        }
    }

    public boolean wrapsMidnight() {
        return to.isBefore(from);
    }

    public boolean contains(LocalTime time) {
        if (wrapsMidnight()) {
            return !time.isBefore(from) || time.isBefore(to);
        }
        return !time.isBefore(from) && time.isBefore(to);
    }

    /** Whether the time is in the part of a wrapping window after midnight, which belongs to the day before. */
    public boolean inNextDayPart(LocalTime time) {
        return wrapsMidnight() && time.isBefore(to);
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
