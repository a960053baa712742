package org.activerecorder.infrastructure.persistence.jpa;

import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditEntry;
import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.audit.UnknownAuditEntry;
import org.activerecorder.infrastructure.persistence.MigratedDatabase;
import org.activerecorder.infrastructure.persistence.OnEveryDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log on a database migrated as the server migrates it (H2, and PostgreSQL when the tests are given one):
 * entries come back newest first, filtered by user, by recording and by time, bounded by the limit, with every
 * column as written.
 */
class JpaAuditLogTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");


    @OnEveryDatabase
    void entriesAreFoundNewestFirstByUserRecordingAndTime(MigratedDatabase database) {
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
                    "AUDIO_DOWNLOADED", "LOGIN"), actions(read(log, new AuditSearch(null, null, null, null, 100))));
            assertEquals(List.of(T0.plusSeconds(40), T0.plusSeconds(20), T0.plusSeconds(10)),
                    times(read(log, new AuditSearch(null, AuditTarget.recording(42), null, null, 100))),
                    "recording 42, not rule 42 nor recording 43");
            assertEquals(List.of(T0.plusSeconds(50), T0.plusSeconds(10), T0),
                    times(read(log, new AuditSearch("alice", null, null, null, 100))));
            assertEquals(List.of(T0.plusSeconds(20), T0.plusSeconds(10)),
                    times(read(log, new AuditSearch(null, null, T0.plusSeconds(10), T0.plusSeconds(30), 100))),
                    "from inclusive, to exclusive");
            assertEquals(List.of(T0.plusSeconds(20)),
                    times(read(log, new AuditSearch("bob", AuditTarget.recording(42), null, null, 100))));
            assertEquals(List.of(T0.plusSeconds(50), T0.plusSeconds(40)),
                    times(read(log, new AuditSearch(null, null, null, null, 2))), "the newest, bounded");
            AuditEntry download = read(log, new AuditSearch("bob", AuditTarget.recording(43), null, null, 1)).get(0);
            assertEquals("10.0.0.8", download.address().orElseThrow());
            assertEquals("sha256 def", download.detail().orElseThrow());
            AuditEntry purge = read(log, new AuditSearch(AuditEntry.SYSTEM, null, null, null, 1)).get(0);
            assertEquals(List.of(), purge.address().stream().toList());
            return null;
        });
    }

    /**
     * Every entry of a few hundred, many sharing a time and some written with an earlier time than entries with smaller
     * ids, is read exactly once and in order by walking the pages by cursor, while newer entries keep being appended
     * between the reads; the same with the user and time filters; and a cursor that names no entry is refused.
     */
    @OnEveryDatabase
    void walkingThePagesReadsEveryEntryOnceInOrderWhileEntriesArrive(MigratedDatabase database) {
        List<AuditEntry> written = database.inTransaction(em -> {
            JpaAuditLog log = new JpaAuditLog(em);
            List<AuditEntry> entries = new ArrayList<>();
            for (int i = 0; i < 320; i++) {
                // Seven entries a second, and every eleventh one backdated: ids and times disagree, times repeat.
                Instant at = i % 11 == 0 ? T0.minusSeconds(i) : T0.plusSeconds(i / 7);
                AuditEntry entry = new AuditEntry(at, i % 3 == 0 ? "alice" : "bob", "10.0.0.7",
                        AuditAction.AUDIO_DOWNLOADED, AuditTarget.recording(i % 5), "entry " + i);
                log.append(entry);
                entries.add(entry);
            }
            return entries;
        });
        Comparator<AuditEntry> newestFirst = Comparator.comparing(AuditEntry::occurredAt).thenComparing(AuditEntry::id)
                .reversed();
        List<Long> all = written.stream().sorted(newestFirst).map(AuditEntry::id).toList();
        assertTrue(all.size() == 320 && !all.equals(written.stream().map(AuditEntry::id).sorted(Comparator.reverseOrder())
                .toList()), "the id order is not the time order, or the test proves nothing about the key");

        assertEquals(all, walk(database, new AuditSearch(null, null, null, null, 25)));
        assertEquals(written.stream().filter(e -> e.username().equals("alice")).sorted(newestFirst)
                .map(AuditEntry::id).toList(), walk(database, new AuditSearch("alice", null, null, null, 9)));
        Instant from = T0.plusSeconds(3);
        Instant to = T0.plusSeconds(30);
        assertEquals(written.stream().filter(e -> !e.occurredAt().isBefore(from) && e.occurredAt().isBefore(to))
                        .filter(e -> e.target().orElseThrow().equals(AuditTarget.recording(2))).sorted(newestFirst)
                        .map(AuditEntry::id).toList(),
                walk(database, new AuditSearch(null, AuditTarget.recording(2), from, to, 4)));

        long nobody = all.stream().mapToLong(Long::longValue).max().orElseThrow() + 1_000_000;
        UnknownAuditEntry unknown = database.inTransaction(em -> assertThrows(UnknownAuditEntry.class,
                () -> new JpaAuditLog(em).search(new AuditSearch(null, null, null, null, nobody, 10))));
        assertEquals(nobody, unknown.id());
    }

    /**
     * The ids of every page of {@code first}'s filter from the newest, each page read in a transaction of its own,
     * with two newer entries appended (committed) after each read.
     */
    private static List<Long> walk(MigratedDatabase database, AuditSearch first) {
        List<Long> seen = new ArrayList<>();
        AuditSearch search = first;
        for (int page = 0; page < 400; page++) {
            AuditSearch asked = search;
            List<AuditEntry> entries = database.inTransaction(em -> read(new JpaAuditLog(em), asked));
            entries.forEach(e -> seen.add(e.id()));
            int arrived = page;
            database.inTransaction(em -> {
                JpaAuditLog log = new JpaAuditLog(em);
                for (int k = 0; k < 2; k++) {
                    log.append(new AuditEntry(T0.plus(Duration.ofDays(1)).plusSeconds(arrived), "carol", null,
                            AuditAction.LOGIN, null, "arrived while paging"));
                }
                return null;
            });
            if (entries.size() < first.limit()) {
                return seen;
            }
            search = first.olderThan(entries.get(entries.size() - 1).id(), first.limit());
        }
        throw new AssertionError("the pages never end");
    }

    private static List<AuditEntry> read(JpaAuditLog log, AuditSearch search) {
        try {
            return log.search(search);
        } catch (UnknownAuditEntry e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> actions(List<AuditEntry> entries) {
        return entries.stream().map(e -> e.action().name()).toList();
    }

    private static List<Instant> times(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::occurredAt).toList();
    }
}
