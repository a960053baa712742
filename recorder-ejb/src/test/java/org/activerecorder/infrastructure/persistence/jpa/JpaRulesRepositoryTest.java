package org.activerecorder.infrastructure.persistence.jpa;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.dn.DnConfiguration;
import org.activerecorder.domain.model.dn.DnSettings;
import org.activerecorder.domain.model.dn.DnType;
import org.activerecorder.domain.model.rule.DecisionSource;
import org.activerecorder.domain.model.rule.RecordedParties;
import org.activerecorder.domain.model.rule.RecordingDecision;
import org.activerecorder.domain.model.rule.RecordingRule;
import org.activerecorder.domain.model.rule.RuleDraft;
import org.activerecorder.domain.model.rule.RuleMatch;
import org.activerecorder.domain.model.rule.RuleVersion;
import org.activerecorder.infrastructure.persistence.MigratedDatabase;
import org.activerecorder.infrastructure.persistence.OnEveryDatabase;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DN configurations, rules and their versions through Hibernate on a database migrated as the server migrates it (H2,
 * and PostgreSQL when the tests are given one): what is saved is what is read back, and only current versions of
 * rules not deleted are in force.
 */
class JpaRulesRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");


    @OnEveryDatabase
    void aRuleKeepsEveryVersionAndOnlyTheCurrentOnesOfRulesInUseAreInForce(MigratedDatabase database) {
        long kept = database.inTransaction(em -> {
            JpaRecordingRuleRepository rules = new JpaRecordingRuleRepository(em);
            RecordingRule rule = new RecordingRule(T0);
            rules.add(rule);
            rules.add(rule.revise(draft("Night", "10*", 100), T0, "alice"));
            rules.add(rule.revise(draft("Night shift", "10*", 20), T0.plusSeconds(60), "bob"));
            RecordingRule other = new RecordingRule(T0);
            rules.add(other);
            rules.add(other.revise(draft("Gone", "2*", 100), T0, "alice"));
            other.delete(T0.plusSeconds(5), "alice");
            return rule.id();
        });

        database.inTransaction(em -> {
            JpaRecordingRuleRepository rules = new JpaRecordingRuleRepository(em);
            List<RuleMatch> current = rules.current().stream().map(v -> v.match()).toList();
            assertEquals(1, current.size());
            RuleMatch night = current.get(0);
            assertEquals(kept, night.ruleId());
            assertEquals(2, night.version());
            assertEquals("Night shift", night.rule().name());
            assertEquals(20, night.rule().criteria().sampling().percent());
            assertEquals(Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), night.rule().criteria().days());
            assertEquals(LocalTime.of(22, 0), night.rule().criteria().hours().from());
            assertEquals(ZoneId.of("America/New_York"), night.rule().criteria().zone());
            assertEquals("{start:yyyyMMdd-HHmmss}_{dn}", night.rule().outcome().fileName().text());
            assertEquals("Night", rules.version(kept, 1).orElseThrow().draft().name());
            assertEquals("alice", rules.version(kept, 1).orElseThrow().savedBy());
            assertTrue(rules.lock(kept).isPresent());
            return null;
        });
    }

    @OnEveryDatabase
    void aDnConfigurationIsReadBackAsSaved(MigratedDatabase database) {
        database.inTransaction(em -> {
            JpaDnConfigurationRepository dns = new JpaDnConfigurationRepository(em);
            dns.add(new DnConfiguration(new DnSettings("2001", "trunk-group", true, "Trunks to Paris", 30), T0,
                    "alice"));
            dns.add(new DnConfiguration(new DnSettings("1001", null, false, null, null), T0));
            return null;
        });

        database.inTransaction(em -> {
            JpaDnConfigurationRepository dns = new JpaDnConfigurationRepository(em);
            assertEquals(List.of("1001", "2001"), dns.all().stream().map(d -> d.dn().value()).toList());
            DnConfiguration trunk = dns.find(new Dn("2001")).orElseThrow();
            assertEquals(DnType.TRUNK_GROUP, trunk.type());
            assertTrue(trunk.alwaysRecorded());
            assertEquals(30, trunk.retentionDays());
            assertEquals(T0, trunk.updatedAt());
            assertEquals("alice", trunk.updatedBy());
            assertEquals(1, trunk.version());
            trunk.update(new DnSettings("2001", "trunk-group", false, "Trunks to Paris", 30), T0.plusSeconds(60),
                    "bob");
            return null;
        });
        database.inTransaction(em -> {
            JpaDnConfigurationRepository dns = new JpaDnConfigurationRepository(em);
            DnConfiguration trunk = dns.lock(new Dn("2001")).orElseThrow();
            assertEquals(2, trunk.version(), "the version counts saves, and is stored");
            assertEquals("bob", trunk.updatedBy());
            assertTrue(!trunk.alwaysRecorded());
            dns.remove(trunk);
            return null;
        });
        database.inTransaction(em -> {
            assertTrue(new JpaDnConfigurationRepository(em).find(new Dn("2001")).isEmpty());
            return null;
        });
    }

    @OnEveryDatabase
    void theDecisionsOfACallAreReadBackOldestFirstWithTheRuleVersionThatMadeThem(MigratedDatabase database) {
        CallUuid call = new CallUuid("CALL-D");
        database.inTransaction(em -> {
            JpaRecordingRuleRepository rules = new JpaRecordingRuleRepository(em);
            RecordingRule rule = new RecordingRule(T0);
            rules.add(rule);
            RuleMatch match = revise(rules, rule, draft("Night", "10*", 100)).match();
            JpaRecordingDecisionRepository decisions = new JpaRecordingDecisionRepository(em);
            decisions.add(new RecordingDecision(call, new Dn("1001"), RecordingDecision.Verdict.of(match),
                    "USER_DATA_UPDATED", T0.plusSeconds(30), new RecordingRequestId("req-9"), null));
            decisions.add(new RecordingDecision(call, new Dn("1001"), new RecordingDecision.Verdict(
                    DecisionSource.NONE, null, null, false, RecordedParties.THIS_DN, null, null, "nothing"),
                    "ESTABLISHED", T0, null, null));
            decisions.add(new RecordingDecision(new CallUuid("OTHER"), new Dn("1001"), new RecordingDecision.Verdict(
                    DecisionSource.NONE, null, null, false, RecordedParties.THIS_DN, null, null, "nothing"),
                    "ESTABLISHED", T0, null, null));
            return null;
        });

        database.inTransaction(em -> {
            List<RecordingDecision> found = new JpaRecordingDecisionRepository(em).ofCall(call);
            assertEquals(List.of(DecisionSource.NONE, DecisionSource.RULE),
                    found.stream().map(RecordingDecision::source).toList());
            RecordingDecision byRule = found.get(1);
            assertEquals(1, byRule.ruleVersion());
            assertTrue(byRule.record());
            assertEquals(RecordedParties.BOTH, byRule.parties());
            assertEquals(90, byRule.retentionDays());
            assertEquals("{start:yyyyMMdd-HHmmss}_{dn}", byRule.fileNameTemplate());
            assertEquals("req-9", byRule.requestId().value());
            assertEquals(T0.plusSeconds(30), byRule.decidedAt());
            return null;
        });
    }

    private static RuleDraft draft(String name, String dn, int sampling) {
        return new RuleDraft(name, 10, true, dn, null, "inbound", null, null, null, null, List.of("FRI", "SAT"),
                "22:00", "06:00", "America/New_York", sampling, true, "both", 90, "{start:yyyyMMdd-HHmmss}_{dn}");
    }

    /** A rule's next version, saved. */
    private static RuleVersion revise(JpaRecordingRuleRepository rules, RecordingRule rule, RuleDraft draft) {
        RuleVersion version = rule.revise(draft, T0, "alice");
        rules.add(version);
        return version;
    }
}
