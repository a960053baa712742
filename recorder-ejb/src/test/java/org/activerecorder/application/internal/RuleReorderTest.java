package org.activerecorder.application.internal;

import org.activerecorder.application.audit.RecordedAudit;
import org.activerecorder.application.rules.ConfigurationRefused;
import org.activerecorder.application.rules.ListedRule;
import org.activerecorder.application.rules.RuleView;
import org.activerecorder.application.rules.SampleCall;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.rule.RecordingDecision;
import org.activerecorder.domain.model.rule.RecordingDecisionRepository;
import org.activerecorder.domain.model.rule.RuleDraft;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.activerecorder.application.internal.RuleCatalogServiceTest.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reordering the rules is one operation: every rule whose priority changes gets its new version and its audit entry
 * together, the decider then tries the rules in the new order, and an order made on an out-of-date list (a rule
 * changed, added or deleted since) is refused with every difference named and nothing changed.
 */
class RuleReorderTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final InMemoryRules rules = new InMemoryRules();
    private final RecordedAudit audit = new RecordedAudit();
    private final RuleCatalogService catalog = new RuleCatalogService(rules, Clock.fixed(T0, ZoneOffset.UTC), audit);

    @Test
    void movingTheLastRuleFirstHandsOutThePrioritiesInUseAlongTheNewOrder() throws ConfigurationRefused {
        RuleView a = catalog.create(rule("A", 10, null, 100), "alice");
        RuleView b = catalog.create(rule("B", 20, null, 100), "alice");
        RuleView c = catalog.create(rule("C", 30, null, 100), "alice");
        audit.entries.clear();

        List<RuleView> reordered = catalog.reorder(listed(c, a, b), "bob");

        assertEquals(List.of(c.id(), a.id(), b.id()), ids(reordered));
        assertEquals(reordered, catalog.current(), "the answer is the list as it now is");
        assertEquals(List.of(10, 20, 30), reordered.stream().map(RuleView::priority).toList());
        assertTrue(reordered.stream().allMatch(r -> r.version() == 2 && r.savedBy().equals("bob")), reordered::toString);
        assertEquals(List.of(AuditAction.RULE_CHANGED, AuditAction.RULE_CHANGED, AuditAction.RULE_CHANGED),
                audit.entries.stream().map(RecordedAudit.Entry::action).toList());
        RecordedAudit.Entry first = audit.entries.get(0);
        assertEquals(AuditTarget.rule(c.id()), first.target());
        assertTrue(first.detail().matches("\\{\"from\":\\{.*\"priority\":30,.*\"version\":1}"
                + ",\"to\":\\{.*\"priority\":10,.*\"version\":2}}"), first.detail());
        assertEquals("C", catalog.version(c.id(), 2).name(), "only the priority changes");
        assertEquals(30, catalog.version(c.id(), 1).priority(), "the old version stays as it was");
    }

    @Test
    void exchangingTwoNeighboursChangesOnlyThoseTwo() throws ConfigurationRefused {
        RuleView a = catalog.create(rule("A", 10, null, 100), "alice");
        RuleView b = catalog.create(rule("B", 20, null, 100), "alice");
        RuleView c = catalog.create(rule("C", 30, null, 100), "alice");
        audit.entries.clear();

        List<RuleView> reordered = catalog.reorder(listed(a, c, b), "bob");

        assertEquals(List.of(a.id(), c.id(), b.id()), ids(reordered));
        assertEquals(List.of(1, 2, 2), reordered.stream().map(RuleView::version).toList());
        assertEquals(List.of(10, 20, 30), reordered.stream().map(RuleView::priority).toList());
        assertEquals(List.of(AuditTarget.rule(c.id()), AuditTarget.rule(b.id())),
                audit.entries.stream().map(RecordedAudit.Entry::target).toList());
    }

    @Test
    void rulesOfOnePriorityAreToldApartByTheNextNumberUp() throws ConfigurationRefused {
        RuleView older = catalog.create(rule("Older", 50, null, 100), "alice");
        RuleView newer = catalog.create(rule("Newer", 50, null, 100), "alice");
        RuleView after = catalog.create(rule("After", 51, null, 100), "alice");

        List<RuleView> reordered = catalog.reorder(listed(newer, older, after), "bob");

        assertEquals(List.of(newer.id(), older.id(), after.id()), ids(reordered));
        assertEquals(List.of(50, 51, 51), reordered.stream().map(RuleView::priority).toList(),
                "the older rule moves up one; the next keeps 51, after it by id");
        assertEquals(List.of(1, 2, 1), reordered.stream().map(RuleView::version).toList());
    }

    @Test
    void theDeciderTriesTheRulesInTheNewOrder() throws ConfigurationRefused {
        RuleView wide = catalog.create(rule("Everything on 10*", 10, "10*", 100), "alice");
        RuleView nines = catalog.create(rule("Only 109*", 20, "109*", 100), "alice");
        DecisionPreviewService preview = preview();
        assertEquals(wide.id(), preview.preview(sample("1095")).ruleId());

        catalog.reorder(listed(nines, wide), "bob");

        assertEquals(nines.id(), preview.preview(sample("1095")).ruleId(), "the moved rule now decides");
        assertEquals(2, preview.preview(sample("1095")).ruleVersion());
        assertEquals(wide.id(), preview.preview(sample("1001")).ruleId(), "and the other still decides the rest");
    }

    @Test
    void theOrderAsItIsChangesNothing() throws ConfigurationRefused {
        RuleView a = catalog.create(rule("A", 10, null, 100), "alice");
        RuleView b = catalog.create(rule("B", 20, null, 100), "alice");
        audit.entries.clear();

        assertEquals(List.of(a, b), catalog.reorder(listed(a, b), "bob"));
        assertEquals(List.of(), audit.entries);
    }

    @Test
    void anOrderMadeOnAnOutOfDateListIsRefusedWithEveryDifferenceAndNothingChanges() throws ConfigurationRefused {
        RuleView a = catalog.create(rule("A", 10, null, 100), "alice");
        RuleView b = catalog.create(rule("B", 20, null, 100), "alice");
        RuleView c = catalog.create(rule("C", 30, null, 100), "alice");
        RuleView d = catalog.create(rule("D", 40, null, 100), "alice");
        List<ListedRule> seen = listed(d, c, b, a);
        // meanwhile: another administrator changes B, deletes C and adds E
        catalog.update(b.id(), rule("B changed", 20, null, 50), null, "carol");
        catalog.delete(c.id(), null, "carol");
        RuleView e = catalog.create(rule("E", 5, null, 100), "carol");
        List<RuleView> before = catalog.current();
        int audited = audit.entries.size();

        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class, () -> catalog.reorder(
                List.of(seen.get(0), seen.get(1), seen.get(2), seen.get(3), new ListedRule(99, 1)), "bob"));

        assertEquals(ConfigurationRefused.Reason.STALE, refused.reason());
        assertEquals(List.of(
                "rule " + c.id() + " was deleted at " + T0 + " by carol",
                "rule " + b.id() + " is at version 2 (saved at " + T0 + " by carol), not 1",
                "there is no rule 99",
                "rule " + e.id() + " \"E\" (version 1, saved at " + T0 + " by carol) is not in the order"),
                refused.problems());
        assertEquals(before, catalog.current(), "no priority, no version changed");
        assertEquals(audited, audit.entries.size(), "nothing audited");
        assertEquals(List.of(e.id(), a.id(), b.id(), d.id()), ids(catalog.current()));
    }

    @Test
    void anOrderNamingARuleTwiceIsInvalidAndOneNamingNoneLeavesEveryRuleOut() throws ConfigurationRefused {
        RuleView a = catalog.create(rule("A", 10, null, 100), "alice");
        RuleView b = catalog.create(rule("B", 20, null, 100), "alice");
        List<RuleView> before = catalog.current();

        ConfigurationRefused twice = assertThrows(ConfigurationRefused.class,
                () -> catalog.reorder(listed(b, a, b), "bob"));
        assertEquals(ConfigurationRefused.Reason.INVALID, twice.reason());
        assertEquals("the order names rule " + b.id() + " more than once", twice.getMessage());
        ConfigurationRefused none = assertThrows(ConfigurationRefused.class, () -> catalog.reorder(List.of(), "bob"));
        assertEquals(ConfigurationRefused.Reason.STALE, none.reason());
        assertEquals(2, none.problems().size(), none.problems()::toString);
        assertEquals(before, catalog.current());
        assertEquals(List.of(), new RuleCatalogService(new InMemoryRules(), Clock.fixed(T0, ZoneOffset.UTC), audit)
                .reorder(List.of(), "bob"), "no rules: nothing to order");
    }

    @Test
    void aDisabledRuleIsOrderedLikeAnyOther() throws ConfigurationRefused {
        RuleView a = catalog.create(rule("A", 10, null, 100), "alice");
        RuleView off = catalog.update(catalog.create(rule("Off", 20, null, 100), "alice").id(),
                new RuleDraft("Off", 20, false, null, null, null, null, null, null, null, List.of(), null, null, null,
                        null, null, null, null, null), null, "alice");

        List<RuleView> reordered = catalog.reorder(listed(off, a), "bob");

        assertEquals(List.of(off.id(), a.id()), ids(reordered));
        assertEquals(false, reordered.get(0).enabled(), "still disabled");
        assertEquals(3, reordered.get(0).version());
    }

    private static List<ListedRule> listed(RuleView... views) {
        return java.util.Arrays.stream(views).map(v -> new ListedRule(v.id(), v.version())).toList();
    }

    private static List<Long> ids(List<RuleView> views) {
        return views.stream().map(RuleView::id).toList();
    }

    private DecisionPreviewService preview() {
        RecordingDecisionRepository nothingStored = new RecordingDecisionRepository() {
            @Override
            public void add(RecordingDecision decision) {
                throw new AssertionError("a preview stored a decision");
            }

            @Override
            public List<RecordingDecision> ofCall(CallUuid callUuid) {
                return List.of();
            }
        };
        List<Object> sent = new ArrayList<>();
        RecordingDecider decider = new RecordingDecider(nothingStored, new InMemoryDns(), rules, new InMemoryCalls(T0),
                new RecordingRequests(new InMemoryRecordings(), sent::add, sent::add, () -> "req-never"));
        return new DecisionPreviewService(decider, rules, Clock.fixed(T0, ZoneOffset.UTC));
    }

    private static SampleCall sample(String thisDn) {
        return new SampleCall("call-1", thisDn, null, null, null, null, null, Map.of(), Map.of(), T0);
    }
}
