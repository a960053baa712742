package org.activerecorder.application.internal;

import org.activerecorder.application.audit.RecordedAudit;
import org.activerecorder.application.rules.ConfigurationRefused;
import org.activerecorder.application.rules.ListedRule;
import org.activerecorder.application.rules.RuleView;
import org.activerecorder.domain.model.audit.AuditAction;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.activerecorder.application.internal.RuleCatalogServiceTest.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An edit is based on the version its editor saw: a save or delete based on the current version passes, one based on
 * an older version is refused as {@code STALE} naming the version now current, who saved it and when, and changes
 * nothing (no version, no audit entry), so an administrator's form cannot silently undo what another saved since.
 */
class RuleEditConflictTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final InMemoryRules rules = new InMemoryRules();
    private final RecordedAudit audit = new RecordedAudit();
    private final SteppingClock clock = new SteppingClock();
    private final RuleCatalogService catalog = new RuleCatalogService(rules, clock, audit);

    @Test
    void aSaveBasedOnTheCurrentVersionPasses() throws ConfigurationRefused {
        RuleView opened = catalog.create(rule("Sales", 20, "10*", 100), "alice");

        RuleView saved = catalog.update(opened.id(), rule("Sales 20%", 20, "10*", 20), opened.version(), "bob");

        assertEquals(2, saved.version());
        assertEquals("Sales 20%", catalog.find(opened.id()).name());
    }

    @Test
    void aSaveBasedOnAnOldVersionIsRefusedNamingTheCurrentOneAndChangesNothing() throws ConfigurationRefused {
        RuleView opened = catalog.create(rule("Sales", 20, "10*", 100), "alice");
        RuleView meanwhile = catalog.update(opened.id(), rule("Sales 50%", 20, "10*", 50), opened.version(), "bob");
        audit.entries.clear();

        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class, () -> catalog.update(opened.id(),
                rule("Sales 20%", 20, "10*", 20), opened.version(), "alice"));

        assertEquals(ConfigurationRefused.Reason.STALE, refused.reason());
        assertEquals(new ConfigurationRefused.Current(2, meanwhile.savedAt(), "bob"), refused.current());
        assertEquals("rule " + opened.id() + " is at version 2 (saved at " + meanwhile.savedAt() + " by bob), not 1,"
                + " so it was not changed: read it again and decide again", refused.getMessage());
        assertEquals(meanwhile, catalog.find(opened.id()), "bob's version stays current");
        assertEquals(50, catalog.find(opened.id()).samplingPercent());
        assertEquals(List.of(), audit.entries, "a refused change is not audited");
    }

    @Test
    void twoSavesBasedOnTheSameVersionTheSecondIsRefused() throws ConfigurationRefused {
        RuleView opened = catalog.create(rule("Sales", 20, "10*", 100), "alice");

        RuleView first = catalog.update(opened.id(), rule("Sales by Bob", 20, "10*", 100), opened.version(), "bob");
        ConfigurationRefused second = assertThrows(ConfigurationRefused.class, () -> catalog.update(opened.id(),
                rule("Sales by Carol", 20, "10*", 100), opened.version(), "carol"));

        assertEquals(ConfigurationRefused.Reason.STALE, second.reason());
        assertEquals("bob", second.current().savedBy());
        assertEquals(first, catalog.find(opened.id()));
        assertEquals(2, catalog.find(opened.id()).currentVersion(), "one version was made, not two");
    }

    @Test
    void aSaveBasedOnTheOrderBeforeAMoveDoesNotUndoTheMove() throws ConfigurationRefused {
        RuleView a = catalog.create(rule("A", 10, null, 100), "alice");
        RuleView b = catalog.create(rule("B", 20, null, 100), "alice");
        catalog.reorder(List.of(new ListedRule(b.id(), b.version()), new ListedRule(a.id(), a.version())), "bob");

        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class, () -> catalog.update(b.id(),
                rule("B renamed", b.priority(), null, 100), b.version(), "alice"));

        assertEquals(ConfigurationRefused.Reason.STALE, refused.reason());
        assertEquals(List.of(b.id(), a.id()), catalog.current().stream().map(RuleView::id).toList(),
                "bob's move stands");
        assertEquals(10, catalog.find(b.id()).priority());
    }

    @Test
    void aDeleteBasedOnAnOldVersionIsRefusedAndTheRuleStays() throws ConfigurationRefused {
        RuleView opened = catalog.create(rule("Sales", 20, "10*", 100), "alice");
        catalog.update(opened.id(), rule("Sales 50%", 20, "10*", 50), null, "bob");
        audit.entries.clear();

        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class,
                () -> catalog.delete(opened.id(), opened.version(), "alice"));

        assertEquals(ConfigurationRefused.Reason.STALE, refused.reason());
        assertEquals(2, refused.current().version());
        assertEquals("Sales 50%", catalog.find(opened.id()).name(), "still in use");
        assertEquals(List.of(), audit.entries);

        catalog.delete(opened.id(), 2, "alice");
        assertEquals(List.of(AuditAction.RULE_DELETED),
                audit.entries.stream().map(RecordedAudit.Entry::action).toList());
        assertEquals(List.of(), catalog.current());
    }

    @Test
    void aChangeNamingNoVersionIsMadeOnWhateverIsCurrent() throws ConfigurationRefused {
        RuleView opened = catalog.create(rule("Sales", 20, "10*", 100), "alice");
        catalog.update(opened.id(), rule("Sales 50%", 20, "10*", 50), null, "bob");

        // last write wins: what clients that name no version (older than versioned edits) have always had
        RuleView saved = catalog.update(opened.id(), rule("Sales 20%", 20, "10*", 20), null, "carol");

        assertEquals(3, saved.version());
        assertNull(assertThrows(ConfigurationRefused.class, () -> catalog.find(99)).current(),
                "only a stale change says what is current");
    }

    /** A clock a second further on at every reading, so that each version has its own saving time. */
    private static final class SteppingClock extends Clock {
        private Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }
}
