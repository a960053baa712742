package org.activerecorder.domain.model.rule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A rule as written, before validation: the API's JSON fields and the columns of a stored version hold exactly this.
 * {@link #validate()} checks every field and either gives the {@link RuleDefinition} or lists every problem. Empty
 * strings count as absent.
 *
 * @param days       {@code MON} ... {@code SUN} (or the full English names), any case
 * @param hoursFrom  {@code HH:mm}, with {@code hoursTo}; both or neither
 * @param timeZone   an IANA zone id such as {@code Europe/Paris}; needed with days or hours
 * @param record     what the rule decides when it matches; {@code true} when absent
 * @param parties    {@code thisDn} (when absent) or {@code both}
 */
public record RuleDraft(String name, Integer priority, Boolean enabled, String dn, String agentId, String direction,
                        String ani, String dnis, String userDataKey, String userDataValue, List<String> days,
                        String hoursFrom, String hoursTo, String timeZone, Integer samplingPercent, Boolean record,
                        String parties, Integer retentionDays, String fileNameTemplate) {

    public static final int MAX_NAME = 128;
    /** Longest agent id, user-data key or zone id taken. */
    public static final int MAX_FIELD = 64;
    public static final Set<String> DIRECTIONS = Set.of("inbound", "outbound", "internal");

    public RuleDraft {
        days = days == null ? List.of() : List.copyOf(days);
        name = blankAsNull(name);
        dn = blankAsNull(dn);
        agentId = blankAsNull(agentId);
        direction = blankAsNull(direction);
        ani = blankAsNull(ani);
        dnis = blankAsNull(dnis);
        userDataKey = blankAsNull(userDataKey);
        userDataValue = blankAsNull(userDataValue);
        hoursFrom = blankAsNull(hoursFrom);
        hoursTo = blankAsNull(hoursTo);
        timeZone = blankAsNull(timeZone);
        parties = blankAsNull(parties);
        fileNameTemplate = blankAsNull(fileNameTemplate);
    }

    /** This rule at another priority, everything else as written. */
    public RuleDraft withPriority(int newPriority) {
        return new RuleDraft(name, newPriority, enabled, dn, agentId, direction, ani, dnis, userDataKey, userDataValue,
                days, hoursFrom, hoursTo, timeZone, samplingPercent, record, parties, retentionDays, fileNameTemplate);
    }

    /** The rule, or {@link InvalidRuleException} naming every problem. */
    public RuleDefinition validate() {
        List<String> problems = new ArrayList<>();
        if (name == null) {
            problems.add("name is missing");
        } else if (name.length() > MAX_NAME) {
            problems.add("name has more than " + MAX_NAME + " characters");
        }
        if (priority == null) {
            problems.add("priority is missing: a whole number, lower runs first");
        }
        tooLong("agentId", agentId, problems);
        tooLong("userDataKey", userDataKey, problems);
        tooLong("timeZone", timeZone, problems);
        Glob dnGlob = glob("dn", dn, problems);
        Glob aniGlob = glob("ani", ani, problems);
        Glob dnisGlob = glob("dnis", dnis, problems);
        Glob valueGlob = glob("userDataValue", userDataValue, problems);
        if (userDataValue != null && userDataKey == null) {
            problems.add("userDataValue needs userDataKey");
        }
        if (direction != null && !DIRECTIONS.contains(direction.toLowerCase(Locale.ROOT))) {
            problems.add("direction must be inbound, outbound or internal, not '" + direction + "'");
        }
        Set<DayOfWeek> weekDays = days(problems);
        DailyHours window = hours(problems);
        ZoneId zone = parse("timeZone", timeZone, ZoneId::of, "an IANA time zone such as Europe/Paris", problems);
        if (timeZone == null && (!weekDays.isEmpty() || hoursFrom != null || hoursTo != null)) {
            problems.add("timeZone is needed with days or hours (e.g. Europe/Paris)");
        }
        if (samplingPercent != null && (samplingPercent < 0 || samplingPercent > 100)) {
            problems.add("samplingPercent must be from 0 to 100, not " + samplingPercent);
        }
        RecordedParties who = parties == null ? RecordedParties.THIS_DN : RecordedParties.named(parties).orElse(null);
        if (who == null) {
            problems.add("parties must be thisDn or both, not '" + parties + "'");
        }
        if (retentionDays != null && retentionDays < 1) {
            problems.add("retentionDays must be at least 1, not " + retentionDays);
        }
        if (fileNameTemplate != null) {
            problems.addAll(FileNameTemplate.problems(fileNameTemplate));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRuleException(problems);
        }
        RuleCriteria criteria = new RuleCriteria(dnGlob, agentId, direction, aniGlob, dnisGlob, userDataKey,
                valueGlob, weekDays, window, zone, samplingPercent == null ? null : new Sampling(samplingPercent));
        RuleOutcome outcome = new RuleOutcome(record == null || record, who, retentionDays,
                fileNameTemplate == null ? null : new FileNameTemplate(fileNameTemplate));
        return new RuleDefinition(name, priority, enabled == null || enabled, criteria, outcome);
    }

    private Set<DayOfWeek> days(List<String> problems) {
        Set<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        for (String day : days) {
            DayOfWeek parsed = day == null ? null : dayOfWeek(day.trim().toUpperCase(Locale.ROOT));
            if (parsed == null) {
                problems.add("days: '" + day + "' is not a day; use MON, TUE, WED, THU, FRI, SAT, SUN");
            } else {
                result.add(parsed);
            }
        }
        return result;
    }

    private static DayOfWeek dayOfWeek(String day) {
        for (DayOfWeek candidate : DayOfWeek.values()) {
            if (candidate.name().equals(day) || candidate.name().substring(0, 3).equals(day)) {
                return candidate;
            }
        }
        return null;
    }

    private DailyHours hours(List<String> problems) {
        if (hoursFrom == null && hoursTo == null) {
            return null;
        }
        if (hoursFrom == null || hoursTo == null) {
            problems.add("hoursFrom and hoursTo go together: give both or neither");
            return null;
        }
        LocalTime from = parse("hoursFrom", hoursFrom, LocalTime::parse, "a time such as 08:00", problems);
        LocalTime to = parse("hoursTo", hoursTo, LocalTime::parse, "a time such as 18:00", problems);
        if (from == null || to == null) {
            return null;
        }
        if (from.equals(to)) {
            problems.add("hoursFrom and hoursTo are both " + from + ": leave hours out for the whole day");
            return null;
        }
        return new DailyHours(from, to);
    }

    private static void tooLong(String field, String value, List<String> problems) {
        if (value != null && value.length() > MAX_FIELD) {
            problems.add(field + " has more than " + MAX_FIELD + " characters");
        }
    }

    private static Glob glob(String field, String text, List<String> problems) {
        if (text == null) {
            return null;
        }
        if (text.length() > Glob.MAX_LENGTH) {
            problems.add(field + " pattern has more than " + Glob.MAX_LENGTH + " characters");
            return null;
        }
        return new Glob(text);
    }

    private static <T> T parse(String field, String text, Function<String, T> parser, String expected,
                               List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (DateTimeParseException e) {
            problems.add(field + " must be " + expected + ", not '" + text + "'");
        } catch (DateTimeException e) {
            problems.add(field + " must be " + expected + ", not '" + text + "' (" + e.getMessage() + ")");
        }
        return null;
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
