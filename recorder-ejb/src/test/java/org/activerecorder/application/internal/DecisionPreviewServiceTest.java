package org.activerecorder.application.internal;

import org.activerecorder.application.rules.ConfigurationRefused;
import org.activerecorder.application.rules.PreviewedDecision;
import org.activerecorder.application.rules.SampleCall;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.dn.DnConfiguration;
import org.activerecorder.domain.model.dn.DnSettings;
import org.activerecorder.domain.model.rule.RecordingDecision;
import org.activerecorder.domain.model.rule.RecordingDecisionRepository;
import org.activerecorder.domain.model.rule.RecordingRule;
import org.activerecorder.domain.model.rule.RuleDraft;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "would this call be recorded?" tester answers what the decider itself decides for a sample call (routing, then
 * the always-recorded DN, then the first enabled rule by priority), and records, requests and stores nothing.
 */
class DecisionPreviewServiceTest {

    /** A Tuesday, 10:00 in Paris. */
    private static final Instant TUESDAY_MORNING = Instant.parse("2026-12-01T09:00:00Z");

    private final RecordingDecisionRepository decisions = new RecordingDecisionRepository() {
        @Override
        public void add(RecordingDecision decision) {
            throw new AssertionError("a preview stored a decision: " + decision.reason());
        }

        @Override
        public List<RecordingDecision> ofCall(CallUuid callUuid) {
            throw new AssertionError("a preview read a call's decisions");
        }
    };
    private final InMemoryDns dns = new InMemoryDns();
    private final InMemoryRules rules = new InMemoryRules();
    private final InMemoryRecordings recordings = new InMemoryRecordings();
    private final List<Object> sent = new ArrayList<>();
    private final RecordingDecider decider = new RecordingDecider(decisions, dns, rules,
            new InMemoryCalls(TUESDAY_MORNING),
            new RecordingRequests(recordings, sent::add, sent::add, () -> "req-never"));
    private final DecisionPreviewService preview = new DecisionPreviewService(decider, rules,
            Clock.fixed(TUESDAY_MORNING, ZoneOffset.UTC));

    @Test
    void theFirstEnabledMatchingRuleByPriorityDecidesAndIsNamed() throws ConfigurationRefused {
        long broad = rule(draft("Everything on 10*", 50, "10*", true, true));
        long gold = rule(draft("Gold customers", 10, "10*", true, true).withUserData("tier", "gold"));

        PreviewedDecision decided = preview.preview(sample("1001", Map.of("tier", "gold"), Map.of()));

        assertEquals("RULE", decided.source());
        assertEquals(gold, decided.ruleId());
        assertEquals(1, decided.ruleVersion());
        assertEquals("Gold customers", decided.ruleName());
        assertTrue(decided.record());
        assertEquals("rule " + gold + " v1 \"Gold customers\"", decided.reason());
        assertEquals(broad, preview.preview(sample("1001", Map.of("tier", "silver"), Map.of())).ruleId(),
                "the lower priority only when the first does not match");
        assertEquals(List.of(), sent, "no command, no event: nothing requested");
    }

    @Test
    void aDisabledRuleIsSkippedAndWithoutAnyMatchNothingRecords() throws ConfigurationRefused {
        RecordingRule rule = new RecordingRule(TUESDAY_MORNING);
        rules.add(rule);
        rules.add(rule.revise(draft("Sales", 10, "20*", true, true).rule(), TUESDAY_MORNING, "admin"));
        assertEquals("RULE", preview.preview(sample("2001", Map.of(), Map.of())).source());

        rules.add(rule.revise(draft("Sales", 10, "20*", false, true).rule(), TUESDAY_MORNING, "admin"));
        PreviewedDecision none = preview.preview(sample("2001", Map.of(), Map.of()));

        assertEquals("NONE", none.source());
        assertFalse(none.record());
        assertNull(none.ruleId());
        assertEquals("no routing instruction, DN configuration or rule", none.reason());
    }

    @Test
    void daysAndHoursAreReadAtTheSamplesInstantInTheRulesZone() throws ConfigurationRefused {
        rule(new RuleDraft("Office hours", 10, true, "10*", null, null, null, null, null, null, List.of("TUE"),
                "09:00", "17:00", "Europe/Paris", null, true, null, null, null));

        assertEquals("RULE", preview.preview(sample("1001", Map.of(), Map.of())).source(), "Tuesday 10:00 Paris");
        SampleCall evening = new SampleCall("CALL-1", "1001", null, null, null, null, "inbound", Map.of(), Map.of(),
                Instant.parse("2026-12-01T16:30:00Z"));
        PreviewedDecision late = preview.preview(evening);
        assertEquals("NONE", late.source(), "17:30 in Paris is after hours");
        assertEquals(evening.at(), late.at());
    }

    @Test
    void anAlwaysRecordedDnComesBeforeTheRulesAndARoutingInstructionBeforeBoth() throws ConfigurationRefused {
        rule(draft("Never 10*", 1, "10*", true, false));
        dns.add(new DnConfiguration(new DnSettings("1001", "extension", true, null, 30), TUESDAY_MORNING));

        PreviewedDecision configured = preview.preview(sample("1001", Map.of(), Map.of()));
        assertEquals("DN_CONFIGURATION", configured.source());
        assertTrue(configured.record());
        assertEquals(30, configured.retentionDays());
        assertEquals("dn 1001 always recorded", configured.reason());

        PreviewedDecision routed = preview.preview(sample("1001", Map.of(), Map.of("record", "disable_destination")));
        assertEquals("ROUTING", routed.source());
        assertFalse(routed.record());
        assertEquals("routing record=disable_destination", routed.reason());
    }

    @Test
    void aSampledRuleDrawsTheSameWayForTheSameCall() throws ConfigurationRefused {
        rule(new RuleDraft("Half", 10, true, null, null, null, null, null, null, null, List.of(), null, null, null,
                50, true, null, null, null));
        int recorded = 0;
        for (int i = 0; i < 40; i++) {
            SampleCall call = new SampleCall("CALL-" + i, "1001", null, null, null, null, null, Map.of(), Map.of(),
                    null);
            boolean first = preview.preview(call).source().equals("RULE");
            assertEquals(first, preview.preview(call).source().equals("RULE"), "CALL-" + i + " drew differently");
            recorded += first ? 1 : 0;
        }
        assertTrue(recorded > 5 && recorded < 35, "a 50 % rule took " + recorded + " of 40 calls");
    }

    @Test
    void aSampleWithoutThisDnOrWithABadCallUuidIsRefusedWithEveryProblem() {
        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class, () -> preview.preview(
                new SampleCall("no spaces allowed", " ", "bad dn!", null, null, null, null, null, null, null)));

        assertEquals(ConfigurationRefused.Reason.INVALID, refused.reason());
        assertEquals(3, refused.problems().size(), refused.problems().toString());
        assertTrue(refused.problems().get(0).startsWith("thisDn is missing"), refused.problems().toString());
        assertTrue(refused.problems().get(1).startsWith("otherDn: "), refused.problems().toString());
        assertTrue(refused.problems().get(2).startsWith("callUuid: "), refused.problems().toString());
    }

    @Test
    void withoutACallUuidOrAnInstantAFreshCallIsDecidedNow() throws ConfigurationRefused {
        PreviewedDecision decided = preview.preview(new SampleCall(null, "1001", null, null, null, null, null, null,
                null, null));

        assertTrue(decided.callUuid().startsWith("preview-"), decided.callUuid());
        assertEquals(TUESDAY_MORNING, decided.at());
        assertEquals("1001", decided.dn());
    }

    private long rule(RuleDraft draft) {
        RecordingRule rule = new RecordingRule(TUESDAY_MORNING);
        rules.add(rule);
        rules.add(rule.revise(draft, TUESDAY_MORNING, "admin"));
        return rule.id();
    }

    private long rule(Draft draft) {
        return rule(draft.rule());
    }

    private static Draft draft(String name, int priority, String dn, boolean enabled, boolean record) {
        return new Draft(name, priority, dn, enabled, record, null, null);
    }

    /** The few fields these tests vary. */
    private record Draft(String name, int priority, String dn, boolean enabled, boolean record, String key,
                         String value) {
        Draft withUserData(String k, String v) {
            return new Draft(name, priority, dn, enabled, record, k, v);
        }

        RuleDraft rule() {
            return new RuleDraft(name, priority, enabled, dn, null, null, null, null, key, value, List.of(), null,
                    null, null, null, record, null, null, null);
        }
    }

    private static SampleCall sample(String thisDn, Map<String, String> userData, Map<String, String> extensions) {
        return new SampleCall("CALL-1", thisDn, "5551234", "5551234", "0800", null, "inbound", userData, extensions,
                null);
    }
}
