package org.activerecorder.application.internal;

import org.activerecorder.application.rules.ConfigurationRefused;
import org.activerecorder.application.rules.DnView;
import org.activerecorder.application.rules.RuleView;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.application.audit.RecordedAudit;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.dn.DnSettings;
import org.activerecorder.domain.model.rule.RuleDraft;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules and DNs kept as the API changes them: each save a new version with the old ones readable, delete out of use
 * with the versions kept, the list in the order the rules are tried, every refusal with its reason.
 */
class RuleCatalogServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final InMemoryRules rules = new InMemoryRules();
    private final RecordedAudit audit = new RecordedAudit();
    private final RuleCatalogService catalog = new RuleCatalogService(rules, Clock.fixed(T0, ZoneOffset.UTC), audit);
    private final DnDirectoryService directory = new DnDirectoryService(new InMemoryDns(),
            Clock.fixed(T0, ZoneOffset.UTC), audit);

    @Test
    void eachSaveIsANewVersionAndTheOldOnesStayReadable() throws ConfigurationRefused {
        RuleView first = catalog.create(rule("Sales", 20, "10*", 100), "alice");
        RuleView second = catalog.update(first.id(), rule("Sales 20%", 20, "10*", 20), null, "bob");

        assertEquals(1, first.version());
        assertEquals(2, second.version());
        assertEquals("Sales 20%", catalog.find(first.id()).name());
        RuleView old = catalog.version(first.id(), 1);
        assertEquals("Sales", old.name());
        assertEquals(100, old.samplingPercent());
        assertEquals("alice", old.savedBy());
        assertEquals(2, old.currentVersion());
    }

    @Test
    void aDeletedRuleLeavesTheListAndRefusesChangesButItsVersionsStay() throws ConfigurationRefused {
        long id = catalog.create(rule("Sales", 20, "10*", 100), "alice").id();
        catalog.update(id, rule("Sales 20%", 20, "10*", 20), null, "alice");

        catalog.delete(id, null, "bob");

        assertTrue(catalog.current().isEmpty());
        ConfigurationRefused gone = assertThrows(ConfigurationRefused.class, () -> catalog.find(id));
        assertEquals(ConfigurationRefused.Reason.UNKNOWN, gone.reason());
        assertTrue(gone.getMessage().contains("was deleted"), gone.getMessage());
        assertEquals(ConfigurationRefused.Reason.UNKNOWN, assertThrows(ConfigurationRefused.class,
                () -> catalog.update(id, rule("Again", 1, null, 100), null, "bob")).reason());
        RuleView kept = catalog.version(id, 2);
        assertTrue(kept.deleted());
        assertEquals("Sales 20%", kept.name());
        assertEquals(ConfigurationRefused.Reason.UNKNOWN, assertThrows(ConfigurationRefused.class,
                () -> catalog.version(id, 3)).reason());
    }

    @Test
    void theListIsInTheOrderRulesAreTried() throws ConfigurationRefused {
        long late = catalog.create(rule("Late", 50, null, 100), "a").id();
        long early = catalog.create(rule("Early", 10, null, 100), "a").id();
        long tie = catalog.create(rule("Tie", 50, null, 100), "a").id();

        assertEquals(List.of(early, late, tie), catalog.current().stream().map(RuleView::id).toList());
    }

    @Test
    void anInvalidRuleIsRefusedWithEveryProblemAndNothingIsStored() {
        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class,
                () -> catalog.create(rule(null, 1, "10*", 101), "alice"));

        assertEquals(ConfigurationRefused.Reason.INVALID, refused.reason());
        assertEquals(List.of("name is missing", "samplingPercent must be from 0 to 100, not 101"),
                refused.problems());
        assertTrue(rules.current().isEmpty());
    }

    @Test
    void aDnIsConfiguredOnceThenChangedAndRemoved() throws ConfigurationRefused {
        DnView created = directory.create(new DnSettings("1001", "acd-position", true, "Sales desk 1", 365), "alice");
        assertEquals(new DnView("1001", "acd-position", true, "Sales desk 1", 365, T0, 1, "alice"), created);

        ConfigurationRefused twice = assertThrows(ConfigurationRefused.class,
                () -> directory.create(new DnSettings("1001", null, false, null, null), "alice"));
        assertEquals(ConfigurationRefused.Reason.DUPLICATE, twice.reason());

        DnView changed = directory.update(new Dn("1001"), new DnSettings("1001", null, false, null, null), null,
                "alice");
        assertEquals("extension", changed.type());
        assertFalse(changed.alwaysRecorded());

        assertEquals(ConfigurationRefused.Reason.INVALID, assertThrows(ConfigurationRefused.class,
                () -> directory.update(new Dn("1001"), new DnSettings("1002", null, true, null, null), null, "alice"))
                .reason());
        directory.delete(new Dn("1001"), null);
        assertTrue(directory.all().isEmpty());
        assertEquals(ConfigurationRefused.Reason.UNKNOWN, assertThrows(ConfigurationRefused.class,
                () -> directory.delete(new Dn("1001"), null)).reason());
    }

    @Test
    void everyChangeToARuleOrADnIsAuditedFromTo() throws ConfigurationRefused {
        RuleView first = catalog.create(rule("Sales", 20, "10*", 100), "alice");
        catalog.update(first.id(), rule("Sales 20%", 20, "10*", 20), null, "alice");
        catalog.delete(first.id(), null, "alice");
        directory.create(new DnSettings("1001", "acd-position", true, "Sales desk 1", 365), "alice");
        directory.update(new Dn("1001"), new DnSettings("1001", null, false, null, null), null, "alice");
        directory.delete(new Dn("1001"), null);
        assertThrows(ConfigurationRefused.class, () -> directory.delete(new Dn("1001"), null));

        assertEquals(List.of(AuditAction.RULE_CREATED, AuditAction.RULE_CHANGED, AuditAction.RULE_DELETED,
                        AuditAction.DN_CREATED, AuditAction.DN_CHANGED, AuditAction.DN_DELETED),
                audit.entries.stream().map(RecordedAudit.Entry::action).toList(), "a refused change is not audited");
        RecordedAudit.Entry ruleChanged = audit.entries.get(1);
        assertEquals(AuditTarget.rule(first.id()), ruleChanged.target());
        assertTrue(ruleChanged.detail().matches("\\{\"from\":\\{.*\"name\":\"Sales\".*},\"to\":\\{.*\"name\":\"Sales 20%\".*}}"),
                ruleChanged.detail());
        RecordedAudit.Entry dnChanged = audit.entries.get(4);
        assertEquals(AuditTarget.dn("1001"), dnChanged.target());
        assertTrue(dnChanged.detail().matches("\\{\"from\":\\{.*\"alwaysRecorded\":true.*},\"to\":\\{.*\"alwaysRecorded\":false.*}}"),
                dnChanged.detail());
        assertTrue(audit.entries.get(5).detail().endsWith("\"to\":null}"), audit.entries.get(5).detail());
    }

    @Test
    void everyProblemOfADnIsListed() {
        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class,
                () -> directory.create(new DnSettings("10 01", "phone", true, null, 0), "alice"));

        assertEquals(List.of("DN must be 1 to 64 letters, digits or '+*#._-': '10 01'",
                "type must be one of extension, acd-position, agent-login, trunk-group, treatment-port,"
                        + " routing-point, other, not 'phone'",
                "retentionDays must be at least 1, not 0"), refused.problems());
    }

    static RuleDraft rule(String name, int priority, String dn, int sampling) {
        return new RuleDraft(name, priority, null, dn, null, null, null, null, null, null, List.of(), null, null, null,
                sampling, null, null, null, null);
    }
}
