package org.activerecorder.domain.model.rule;

import org.activerecorder.domain.model.CallUuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which rule decides for which call: a rule book of rules with one criterion each (and a catch-all last), and a table
 * of calls with the rule expected to decide. Instants are UTC; the rules' hours are in their own zones.
 */
class RuleBookTest {

    /** id, priority, draft. Ids and priorities are deliberately not in the same order. */
    private static final RuleBook BOOK = new RuleBook(List.of(
            rule(1, 10, draft("VIP never").userData("vip", "yes").record(false)),
            rule(2, 20, draft("Sales DNs").dn("10*")),
            rule(3, 30, draft("Agent 007").agent("007")),
            rule(4, 40, draft("Outbound to France").direction("outbound").ani("+33*")),
            rule(5, 50, draft("Hotline").dnis("0800??")),
            rule(6, 60, draft("Campaign").userData("campaign", "win*")),
            rule(7, 70, draft("Paris office hours").hours("09:00", "17:00").days("MON", "TUE", "WED", "THU", "FRI")
                    .zone("Europe/Paris").dn("2*")),
            rule(8, 80, draft("Friday night shift").hours("22:00", "06:00").days("FRI").zone("America/New_York")
                    .dn("3*")),
            rule(10, 35, draft("Tie A").dn("55*")),
            rule(9, 35, draft("Tie B").dn("55*")),
            rule(11, 5, draft("Switched off").dn("*").enabled(false)),
            rule(12, 1000, draft("Everything else").record(false))));

    @ParameterizedTest(name = "{0}: thisDn={1} agent={2} direction={3} ani={4} dnis={5} userData={6} at {7} -> {8}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                           | thisDn | agent | direction | ani        | dnis   | userData             | at                   | decides
            DN pattern                       | 1001   | -     | -         | -          | -      | -                    | 2026-12-01T10:00:00Z | Sales DNs
            DN pattern is whole-value        | 2100   | -     | -         | -          | -      | -                    | 2026-12-06T10:00:00Z | Everything else
            user data protects first         | 1001   | -     | -         | -          | -      | vip=yes              | 2026-12-01T10:00:00Z | VIP never
            user data other value            | 1001   | -     | -         | -          | -      | vip=no               | 2026-12-01T10:00:00Z | Sales DNs
            agent exact                      | 4000   | 007   | -         | -          | -      | -                    | 2026-12-01T10:00:00Z | Agent 007
            agent is not a pattern           | 4000   | 0070  | -         | -          | -      | -                    | 2026-12-01T10:00:00Z | Everything else
            direction and ANI together       | 4000   | -     | OUTBOUND  | +33612345  | -      | -                    | 2026-12-01T10:00:00Z | Outbound to France
            direction alone is not enough    | 4000   | -     | inbound   | +33612345  | -      | -                    | 2026-12-01T10:00:00Z | Everything else
            plus is literal in a glob        | 4000   | -     | outbound  | 33612345   | -      | -                    | 2026-12-01T10:00:00Z | Everything else
            DNIS ? is one character          | 4000   | -     | -         | -          | 080012 | -                    | 2026-12-01T10:00:00Z | Hotline
            DNIS one character too many      | 4000   | -     | -         | -          | 0800123| -                    | 2026-12-01T10:00:00Z | Everything else
            user-data value glob             | 4000   | -     | -         | -          | -      | campaign=winter      | 2026-12-01T10:00:00Z | Campaign
            missing field matches nothing    | -      | -     | -         | -          | -      | -                    | 2026-12-01T10:00:00Z | Everything else
            Paris 09:30 in winter (08:30Z)   | 2001   | -     | -         | -          | -      | -                    | 2026-12-01T08:30:00Z | Paris office hours
            Paris 08:30 in winter (07:30Z)   | 2001   | -     | -         | -          | -      | -                    | 2026-12-01T07:30:00Z | Everything else
            Paris 16:59 in summer (14:59Z)   | 2001   | -     | -         | -          | -      | -                    | 2026-07-01T14:59:00Z | Paris office hours
            Paris 17:00 is excluded          | 2001   | -     | -         | -          | -      | -                    | 2026-07-01T15:00:00Z | Everything else
            Paris on a Saturday              | 2001   | -     | -         | -          | -      | -                    | 2026-12-05T10:00:00Z | Everything else
            New York Friday 23:00            | 3001   | -     | -         | -          | -      | -                    | 2026-12-05T04:00:00Z | Friday night shift
            New York Saturday 02:00 is Friday's night | 3001 | - | -      | -          | -      | -                    | 2026-12-05T07:00:00Z | Friday night shift
            New York Friday 02:00 is Thursday's night | 3001 | - | -      | -          | -      | -                    | 2026-12-04T07:00:00Z | Everything else
            New York Saturday 06:00 ended    | 3001   | -     | -         | -          | -      | -                    | 2026-12-05T11:00:00Z | Everything else
            same priority: lower id first    | 5501   | -     | -         | -          | -      | -                    | 2026-12-01T10:00:00Z | Tie B
            """)
    void theFirstMatchingRuleByPriorityDecides(String name, String thisDn, String agent, String direction, String ani,
                                               String dnis, String userData, String at, String decides) {
        CallTraits call = new CallTraits(new CallUuid("CALL-1"), thisDn, null, agent, direction, ani, dnis,
                userData(userData), Instant.parse(at));

        assertEquals(decides, BOOK.decide(call).map(r -> r.rule().name()).orElse("none"), name);
    }

    @Test
    void aRuleThatDoesNotMatchOnEstablishedMatchesAfterAUserDataUpdate() {
        RuleBook book = new RuleBook(List.of(rule(1, 1, draft("Complaints").userData("reason", "complaint"))));
        Map<String, String> data = new HashMap<>(Map.of("lang", "en"));
        Instant established = Instant.parse("2026-12-01T10:00:00Z");

        assertTrue(book.decide(traits("CALL-2", data, established)).isEmpty());
        data.put("reason", "complaint");
        RuleMatch match = book.decide(traits("CALL-2", data, established.plusSeconds(40))).orElseThrow();

        assertEquals("rule 1 v1 \"Complaints\"", match.describe());
    }

    @Test
    void samplingIsTheCallsBucketBelowThePercentage() {
        Sampling twenty = new Sampling(20);
        for (String uuid : List.of("A", "B", "CALL-3", "0123456789abcdef", "x.y-z_1")) {
            CallUuid call = new CallUuid(uuid);
            assertEquals(Sampling.bucket(call, 7) < 2000, twenty.takes(call, 7), uuid);
        }
        assertFalse(new Sampling(0).takes(new CallUuid("A"), 7));
        assertTrue(new Sampling(100).takes(new CallUuid("A"), 7));
    }

    @Test
    void samplingTakesAboutItsShareAndEachRuleDrawsOnItsOwn() {
        Sampling twenty = new Sampling(20);
        List<CallUuid> calls = IntStream.range(0, 10_000).mapToObj(i -> new CallUuid("C" + i)).toList();

        long takenByRule7 = calls.stream().filter(c -> twenty.takes(c, 7)).count();
        long takenByBoth = calls.stream().filter(c -> twenty.takes(c, 7) && twenty.takes(c, 8)).count();

        assertEquals(2000, takenByRule7, 150);
        assertEquals(400, takenByBoth, 80, "independent draws: 20 % of 20 %");
    }

    @Test
    void aSampledRuleDecidesTheSameForACallAtEveryEvaluation() {
        RuleBook book = new RuleBook(List.of(rule(7, 1, draft("Sales 20%").dn("10*").sampling(20))));
        List<Boolean> first = new ArrayList<>();
        List<Boolean> later = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String uuid = "S" + i;
            first.add(book.decide(new CallTraits(new CallUuid(uuid), "1001", null, null, null, null, null, Map.of(),
                    Instant.parse("2026-12-01T10:00:00Z"))).isPresent());
            later.add(book.decide(new CallTraits(new CallUuid(uuid), "1001", null, null, null, null, null,
                    Map.of("reason", "update"), Instant.parse("2026-12-01T10:07:00Z"))).isPresent());
        }

        assertEquals(first, later);
        assertTrue(first.contains(true) && first.contains(false), "some calls taken and some not: " + first);
    }

    private static CallTraits traits(String uuid, Map<String, String> data, Instant at) {
        return new CallTraits(new CallUuid(uuid), "1001", "5551234", null, "inbound", null, null, data, at);
    }

    private static Map<String, String> userData(String pairs) {
        Map<String, String> data = new HashMap<>();
        if (pairs != null) {
            for (String pair : pairs.split(",")) {
                String[] kv = pair.split("=", 2);
                data.put(kv[0].trim(), kv[1].trim());
            }
        }
        return data;
    }

    private static RuleMatch rule(long id, int priority, Draft draft) {
        return new RuleMatch(id, 1, draft.priority(priority).build().validate());
    }

    static Draft draft(String name) {
        return new Draft(name);
    }

    /** A rule draft written field by field, as a test reads best. */
    static final class Draft {
        private final String name;
        private Integer priority = 1;
        private Boolean enabled;
        private String dn;
        private String agent;
        private String direction;
        private String ani;
        private String dnis;
        private String key;
        private String value;
        private List<String> days = List.of();
        private String from;
        private String to;
        private String zone;
        private Integer sampling;
        private Boolean record;

        Draft(String name) {
            this.name = name;
        }

        Draft priority(int value) { priority = value; return this; }
        Draft enabled(boolean value) { enabled = value; return this; }
        Draft dn(String value) { dn = value; return this; }
        Draft agent(String value) { agent = value; return this; }
        Draft direction(String value) { direction = value; return this; }
        Draft ani(String value) { ani = value; return this; }
        Draft dnis(String value) { dnis = value; return this; }
        Draft userData(String k, String v) { key = k; value = v; return this; }
        Draft days(String... value) { days = List.of(value); return this; }
        Draft hours(String f, String t) { from = f; to = t; return this; }
        Draft zone(String value) { zone = value; return this; }
        Draft sampling(int value) { sampling = value; return this; }
        Draft record(boolean value) { record = value; return this; }

        RuleDraft build() {
            return new RuleDraft(name, priority, enabled, dn, agent, direction, ani, dnis, key, value, days, from, to,
                    zone, sampling, record, null, null, null);
        }
    }
}
