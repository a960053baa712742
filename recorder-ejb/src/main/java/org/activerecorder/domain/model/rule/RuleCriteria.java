package org.activerecorder.domain.model.rule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * What a rule matches. Every criterion is optional ({@code null} or empty: anything) and they combine with AND. DN,
 * ANI, DNIS and the user-data value are {@link Glob globs}; agent and direction are exact (direction ignoring case);
 * the user-data criterion needs the key present, with a value matching {@code userDataValue} when given. Days and
 * hours are read in {@code zone} at the instant of the evaluation ({@link DailyHours} for a window that wraps
 * midnight). Sampling is drawn last, once per call ({@link Sampling}).
 */
public record RuleCriteria(Glob dn, String agentId, String direction, Glob ani, Glob dnis, String userDataKey,
                           Glob userDataValue, Set<DayOfWeek> days, DailyHours hours, ZoneId zone,
                           Sampling sampling) {

    public RuleCriteria {
        days = days == null ? Set.of() : Set.copyOf(days);
        sampling = sampling == null ? Sampling.EVERY_CALL : sampling;
        if (zone == null && (!days.isEmpty() || hours != null)) {
            throw new IllegalArgumentException("days and hours need a time zone");
        }
    }

    /** Whether the call matches every criterion, the draw of the rule with this id included. */
    public boolean matches(CallTraits call, long ruleId) {
        return matchesFacts(call) && inTime(call) && sampling.takes(call.callUuid(), ruleId);
    }

    private boolean matchesFacts(CallTraits call) {
        return (dn == null || dn.matches(call.thisDn()))
                && (agentId == null || agentId.equals(call.agentId()))
                && (direction == null || direction.equalsIgnoreCase(call.direction()))
                && (ani == null || ani.matches(call.ani()))
                && (dnis == null || dnis.matches(call.dnis()))
                && matchesUserData(call);
    }

    private boolean matchesUserData(CallTraits call) {
        if (userDataKey == null) {
            return true;
        }
        String value = call.userData().get(userDataKey);
        return value != null && (userDataValue == null || userDataValue.matches(value));
    }

    private boolean inTime(CallTraits call) {
        if (zone == null) {
            return true;
        }
        ZonedDateTime local = call.at().atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        if (hours != null) {
            if (!hours.contains(time)) {
                return false;
            }
            if (hours.inNextDayPart(time)) {
                day = day.minusDays(1);
            }
        }
        return days.isEmpty() || days.contains(day.getDayOfWeek());
    }
}
