package org.activerecorder.domain.model.rule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validation on save: every problem of a rule listed at once, in words that say what to change. */
class RuleDraftTest {

    @Test
    void everyProblemIsListedNotJustTheFirst() {
        RuleDraft bad = new RuleDraft(" ", null, null, null, null, "sideways", null, null, null, "x", List.of("MON",
                "Funday"), "25:00", "08:00", "Mars/Olympus", 150, null, "nobody", 0, "{callUuid}/{agent}");

        InvalidRuleException refused = assertThrows(InvalidRuleException.class, bad::validate);

        assertEquals(List.of(
                "name is missing",
                "priority is missing: a whole number, lower runs first",
                "userDataValue needs userDataKey",
                "direction must be inbound, outbound or internal, not 'sideways'",
                "days: 'Funday' is not a day; use MON, TUE, WED, THU, FRI, SAT, SUN",
                "hoursFrom must be a time such as 08:00, not '25:00'",
                "timeZone must be an IANA time zone such as Europe/Paris, not 'Mars/Olympus' (Unknown time-zone ID:"
                        + " Mars/Olympus)",
                "samplingPercent must be from 0 to 100, not 150",
                "parties must be thisDn or both, not 'nobody'",
                "retentionDays must be at least 1, not 0",
                "fileNameTemplate: '/' may only hold letters, digits, '.', '_' and '-' between placeholders",
                "fileNameTemplate: unknown placeholder {agent}; use {callUuid}, {dn}, {ani}, {dnis} or"
                        + " {start:yyyyMMdd-HHmmss}"), refused.problems());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            08:00 | 08:00 | Europe/Paris | hoursFrom and hoursTo are both 08:00: leave hours out for the whole day
            08:00 |       | Europe/Paris | hoursFrom and hoursTo go together: give both or neither
            08:00 | 18:00 |              | timeZone is needed with days or hours (e.g. Europe/Paris)
            """)
    void hoursNeedBothEndsDifferentAndAZone(String from, String to, String zone, String problem) {
        RuleDraft draft = new RuleDraft("Hours", 1, null, null, null, null, null, null, null, null, List.of(), from, to,
                zone, null, null, null, null, null);

        assertEquals(List.of(problem), assertThrows(InvalidRuleException.class, draft::validate).problems());
    }

    @Test
    void aValidDraftKeepsWhatItSaysAndDefaultsTheRest() {
        RuleDefinition rule = new RuleDraft("Sales 20%", 7, null, "10*", null, "Inbound", null, null, null, null,
                List.of("fri", "Saturday"), "22:00", "06:00", "America/New_York", 20, null, "both", 90,
                "{start:yyyyMMdd-HHmmss}_{dn}_{callUuid}").validate();

        assertEquals(7, rule.priority());
        assertTrue(rule.enabled());
        assertTrue(rule.outcome().record());
        assertEquals(RecordedParties.BOTH, rule.outcome().parties());
        assertEquals(90, rule.outcome().retentionDays());
        assertEquals(ZoneId.of("America/New_York"), rule.criteria().zone());
        assertTrue(rule.criteria().hours().wrapsMidnight());
        assertEquals(20, rule.criteria().sampling().percent());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {start:yyyyMMdd-HHmmss}_{dn}_{callUuid} | 20261201-103000_1001_CALL-1
            rec-{ani}-{dnis}.{start}                | rec-_33__1_23-0800.20261201-103000
            {callUuid}{start:yyyy}                  | CALL-12026
            """)
    void aTemplateRendersItsPlaceholdersIntoASafeFileName(String template, String expected) {
        Map<String, String> values = Map.of("callUuid", "CALL-1", "dn", "1001", "ani", "(33) 1 23", "dnis", "0800");

        assertEquals(expected, new FileNameTemplate(template)
                .render(values, ZonedDateTime.parse("2026-12-01T10:30:00Z")));
    }

    @Test
    void aStartFormatMustMakeAFileName() {
        assertEquals(List.of("fileNameTemplate: {start:yyyy/MM} gives '2026/01': only letters, digits, '.', '_' and"
                + " '-' may appear in a file name"), FileNameTemplate.problems("{start:yyyy/MM}"));
        assertTrue(FileNameTemplate.problems("{start:qqqqqq}").get(0).startsWith(
                "fileNameTemplate: {start:qqqqqq} is not a date-time pattern"));
        assertEquals(List.of("fileNameTemplate: only {start} takes a format, not {dn}"),
                FileNameTemplate.problems("{dn:x}"));
    }
}
