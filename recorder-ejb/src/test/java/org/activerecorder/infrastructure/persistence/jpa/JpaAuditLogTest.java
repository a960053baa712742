package org.activerecorder.infrastructure.persistence.jpa;

import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditEntry;
import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.infrastructure.persistence.MigratedDatabase;
import org.activerecorder.infrastructure.persistence.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The audit log on a database migrated as the server migrates it (H2, and PostgreSQL when the tests are given one):
 * entries come back newest first, filtered by user, by recording and by time, bounded by the limit, with every
 * column as written.
 */
class JpaAuditLogTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private MigratedDatabase database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void entriesAreFoundNewestFirstByUserRecordingAndTime(TestDatabase.Kind kind) {
        database = MigratedDatabase.create(kind);
        database.inTransaction(em -> {
            JpaAuditLog log = new JpaAuditLog(em);
            log.append(new AuditEntry(T0, "alice", "10.0.0.7", AuditAction.LOGIN, null, null));
            log.append(new AuditEntry(T0.plusSeconds(10), "alice", "10.0.0.7", AuditAction.AUDIO_DOWNLOADED,
                    AuditTarget.recording(42), "sha256 abc"));
            log.append(new AuditEntry(T0.plusSeconds(20), "bob", "10.0.0.8", AuditAction.AUDIO_DOWNLOADED,
                    AuditTarget.recording(42), "sha256 abc"));
            log.append(new AuditEntry(T0.plusSeconds(30), "bob", "10.0.0.8", AuditAction.AUDIO_DOWNLOADED,
                    AuditTarget.recording(43), "sha256 def"));
            log.append(new AuditEntry(T0.plusSeconds(40), AuditEntry.SYSTEM, null, AuditAction.RECORDING_PURGED,
                    AuditTarget.recording(42), "file gone"));
            log.append(new AuditEntry(T0.plusSeconds(50), "alice", "10.0.0.7", AuditAction.RULE_CHANGED,
                    AuditTarget.rule(42), "{\"from\":null,\"to\":{}}"));
            return null;
        });

        database.inTransaction(em -> {
            JpaAuditLog log = new JpaAuditLog(em);
            assertEquals(List.of("RULE_CHANGED", "RECORDING_PURGED", "AUDIO_DOWNLOADED", "AUDIO_DOWNLOADED",
                    "AUDIO_DOWNLOADED", "LOGIN"), actions(log.search(new AuditSearch(null, null, null, null, 100))));
            assertEquals(List.of(T0.plusSeconds(40), T0.plusSeconds(20), T0.plusSeconds(10)),
                    times(log.search(new AuditSearch(null, AuditTarget.recording(42), null, null, 100))),
                    "recording 42, not rule 42 nor recording 43");
            assertEquals(List.of(T0.plusSeconds(50), T0.plusSeconds(10), T0),
                    times(log.search(new AuditSearch("alice", null, null, null, 100))));
            assertEquals(List.of(T0.plusSeconds(20), T0.plusSeconds(10)),
                    times(log.search(new AuditSearch(null, null, T0.plusSeconds(10), T0.plusSeconds(30), 100))),
                    "from inclusive, to exclusive");
            assertEquals(List.of(T0.plusSeconds(20)),
                    times(log.search(new AuditSearch("bob", AuditTarget.recording(42), null, null, 100))));
            assertEquals(List.of(T0.plusSeconds(50), T0.plusSeconds(40)),
                    times(log.search(new AuditSearch(null, null, null, null, 2))), "the newest, bounded");
            AuditEntry download = log.search(new AuditSearch("bob", AuditTarget.recording(43), null, null, 1)).get(0);
            assertEquals("10.0.0.8", download.address().orElseThrow());
            assertEquals("sha256 def", download.detail().orElseThrow());
            AuditEntry purge = log.search(new AuditSearch(AuditEntry.SYSTEM, null, null, null, 1)).get(0);
            assertEquals(List.of(), purge.address().stream().toList());
            return null;
        });
    }

    private static List<String> actions(List<AuditEntry> entries) {
        return entries.stream().map(e -> e.action().name()).toList();
    }

    private static List<Instant> times(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::occurredAt).toList();
    }
}
