package org.activerecorder.application.internal;

import org.activerecorder.application.audit.RecordedAudit;
import org.activerecorder.application.rules.ConfigurationRefused;
import org.activerecorder.application.rules.DnView;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.dn.DnSettings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A change to a DN is based on the version its editor saw: on the current version it passes and counts one more, on an
 * older one it is refused as {@code STALE} naming the version now current, who saved it and when, and changes nothing,
 * so that "always recorded" cannot be switched back unseen by a form opened before someone else's change.
 */
class DnEditConflictTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Dn DESK = new Dn("1001");

    private final RecordedAudit audit = new RecordedAudit();
    private final DnDirectoryService directory = new DnDirectoryService(new InMemoryDns(),
            Clock.fixed(T0, ZoneOffset.UTC), audit);

    @Test
    void eachSaveCountsOneVersionAndNamesWhoSavedIt() throws ConfigurationRefused {
        DnView created = directory.create(desk(true, "Sales desk"), "alice");
        DnView changed = directory.update(DESK, desk(false, "Sales desk"), created.version(), "bob");

        assertEquals(1, created.version());
        assertEquals("alice", created.updatedBy());
        assertEquals(2, changed.version());
        assertEquals("bob", changed.updatedBy());
        assertEquals(changed, directory.find(DESK).orElseThrow());
    }

    @Test
    void aChangeBasedOnAnOldVersionIsRefusedNamingTheCurrentOneAndChangesNothing() throws ConfigurationRefused {
        DnView opened = directory.create(desk(true, "Sales desk"), "alice");
        DnView meanwhile = directory.update(DESK, desk(true, "Sales desk, recorded for the audit"), opened.version(),
                "bob");
        audit.entries.clear();

        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class,
                () -> directory.update(DESK, desk(false, "Sales desk"), opened.version(), "alice"));

        assertEquals(ConfigurationRefused.Reason.STALE, refused.reason());
        assertEquals(new ConfigurationRefused.Current(2, T0, "bob"), refused.current());
        assertEquals("DN 1001 is at version 2 (saved at " + T0 + " by bob), not 1, so it was not changed: read it again"
                + " and decide again", refused.getMessage());
        assertEquals(meanwhile, directory.find(DESK).orElseThrow(), "bob's change stands: still always recorded");
        assertEquals(List.of(), audit.entries, "a refused change is not audited");
    }

    @Test
    void twoChangesBasedOnTheSameVersionTheSecondIsRefused() throws ConfigurationRefused {
        DnView opened = directory.create(desk(true, "Sales desk"), "alice");

        directory.update(DESK, desk(true, "by Bob"), opened.version(), "bob");
        ConfigurationRefused second = assertThrows(ConfigurationRefused.class,
                () -> directory.update(DESK, desk(true, "by Carol"), opened.version(), "carol"));

        assertEquals(ConfigurationRefused.Reason.STALE, second.reason());
        assertEquals("by Bob", directory.find(DESK).orElseThrow().description());
        assertEquals(2, directory.find(DESK).orElseThrow().version(), "one change was made, not two");
    }

    @Test
    void aRemovalBasedOnAnOldVersionIsRefusedAndTheDnStaysConfigured() throws ConfigurationRefused {
        DnView opened = directory.create(desk(false, "Sales desk"), "alice");
        directory.update(DESK, desk(true, "Sales desk"), null, "bob");
        audit.entries.clear();

        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class,
                () -> directory.delete(DESK, opened.version()));

        assertEquals(ConfigurationRefused.Reason.STALE, refused.reason());
        assertTrue(directory.find(DESK).orElseThrow().alwaysRecorded(), "still configured as bob left it");
        assertEquals(List.of(), audit.entries);

        directory.delete(DESK, 2L);
        assertEquals(List.of(AuditAction.DN_DELETED), audit.entries.stream().map(RecordedAudit.Entry::action).toList());
        assertTrue(directory.find(DESK).isEmpty());
    }

    @Test
    void aChangeNamingNoVersionIsMadeOnWhateverIsCurrent() throws ConfigurationRefused {
        directory.create(desk(true, "Sales desk"), "alice");
        directory.update(DESK, desk(true, "by Bob"), null, "bob");

        // last write wins: what clients that name no version (older than versioned edits) have always had
        DnView saved = directory.update(DESK, desk(false, "by Carol"), null, "carol");

        assertEquals(3, saved.version());
        assertEquals("carol", saved.updatedBy());
    }

    private static DnSettings desk(boolean alwaysRecorded, String description) {
        return new DnSettings(DESK.value(), "acd-position", alwaysRecorded, description, null);
    }
}
