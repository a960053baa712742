package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.persistence.EntityManager;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditChainCheck;
import org.activerecorder.domain.model.audit.AuditEntry;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.audit.ChainBreak;
import org.activerecorder.domain.model.audit.ChainHash;
import org.activerecorder.domain.model.audit.ChainVerification;
import org.activerecorder.infrastructure.persistence.MigratedDatabase;
import org.activerecorder.infrastructure.persistence.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log's hash chain on a migrated database (H2, and PostgreSQL when the tests are given one): a chain of a few
 * hundred entries, written in many transactions with times finer than the database keeps, verifies after being read
 * back; then what somebody with plain SQL could do to it, a changed detail, a deleted row, a row put in, the last rows
 * deleted, a row added outside the chain, is each found at its position. Writers at the same time still make one
 * chain.
 */
class JpaAuditChainTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final int ENTRIES = 300;
    /** Small, so that the walk crosses many batch boundaries. */
    private static final int BATCH = 64;

    private MigratedDatabase database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aChainOfHundredsOfEntriesVerifiesAsReadBack(TestDatabase.Kind kind) {
        List<AuditEntry> written = chainOf(kind);

        ChainVerification verification = verify();

        assertNull(verification.firstBroken(), () -> "broken: " + verification.firstBroken());
        assertEquals(ENTRIES, verification.verified());
        AuditEntry last = written.get(ENTRIES - 1);
        assertEquals(new ChainVerification.Head(ENTRIES, last.chainHash().orElseThrow(), 0), verification.head());
        List<Long> positions = written.stream().map(AuditEntry::chainPosition).toList();
        assertEquals(java.util.stream.LongStream.rangeClosed(1, ENTRIES).boxed().toList(), positions,
                "positions in the order of appending, from 1");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aChangedDetailIsFoundAtItsPosition(TestDatabase.Kind kind) {
        List<AuditEntry> written = chainOf(kind);
        sql("update audit_entry set detail = 'sha256 forged' where chain_seq = 123");

        ChainBreak broken = broken(122);

        assertEquals(123L, broken.position());
        assertEquals(written.get(122).id(), broken.id());
        assertEquals(written.get(122).chainHash().orElseThrow(), broken.found(), "the stored hash, unchanged");
        assertNotEquals(broken.found(), broken.expected());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aDeletedEntryIsFoundAtItsPosition(TestDatabase.Kind kind) {
        List<AuditEntry> written = chainOf(kind);
        sql("delete from audit_entry where chain_seq = 180");

        ChainBreak broken = broken(179);

        assertEquals(180L, broken.position());
        assertEquals(written.get(180).id(), broken.id(), "the entry found where 180 should be: 181");
        assertTrue(broken.problem().contains("deleted"), broken.problem());
    }

    /** Rows from 200 on move one up to make room, and a row is put in at 200 with the displaced row's hash. */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anInsertedEntryIsFoundAtItsPosition(TestDatabase.Kind kind) {
        chainOf(kind);
        sql("update audit_entry set chain_seq = chain_seq + 1000000 where chain_seq >= 200",
                "update audit_entry set chain_seq = chain_seq - 999999 where chain_seq >= 1000000",
                "insert into audit_entry (id, occurred_at, username, address, action, target_kind, target, detail,"
                        + " chain_seq, chain_hash) select 99999999, occurred_at, 'mallory', address, action, target_kind,"
                        + " target, detail, 200, chain_hash from audit_entry where chain_seq = 201");

        ChainBreak broken = broken(199);

        assertEquals(200L, broken.position());
        assertEquals(99999999L, broken.id());
    }

    /** The last two rows deleted: every row left holds, but the walk ends before the head. */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void deletedLastEntriesAreFoundWhereTheChainStops(TestDatabase.Kind kind) {
        chainOf(kind);
        sql("delete from audit_entry where chain_seq > " + (ENTRIES - 2));

        ChainBreak broken = broken(ENTRIES - 2);

        assertEquals(ENTRIES - 1L, broken.position());
        assertNull(broken.id());
    }

    /** A row with a negative position, where entries from before the chain are: the head's count of them says no. */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anEntryAddedOutsideTheChainIsFound(TestDatabase.Kind kind) {
        chainOf(kind);
        sql("insert into audit_entry (id, occurred_at, username, action, chain_seq) select 99999999, occurred_at,"
                + " 'mallory', action, -99999999 from audit_entry where chain_seq = 1");

        ChainBreak broken = broken(ENTRIES);

        assertNull(broken.position());
        assertTrue(broken.problem().startsWith("1 entries are outside the chain, the head says 0"), broken.problem());
    }

    /** Four writers, each appending in transactions of its own at the same time: one chain, no position twice. */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void concurrentWritersMakeOneChain(TestDatabase.Kind kind) throws Exception {
        database = MigratedDatabase.create(kind);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String user = "writer" + w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        database.inTransaction(em -> append(em, new AuditEntry(Instant.now(), user, null,
                                AuditAction.LOGIN, null, null)));
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }

        ChainVerification verification = verify();

        assertNull(verification.firstBroken(), () -> "broken: " + verification.firstBroken());
        assertEquals(160, verification.verified());
    }

    /**
     * {@link #ENTRIES} entries appended in transactions of 10, times to the nanosecond (the database keeps
     * microseconds), some fields missing, text outside ASCII; then read back, each in a transaction of its own.
     */
    private List<AuditEntry> chainOf(TestDatabase.Kind kind) {
        database = MigratedDatabase.create(kind);
        List<AuditEntry> written = new ArrayList<>();
        for (int t = 0; t < ENTRIES / 10; t++) {
            int first = t * 10;
            written.addAll(database.inTransaction(em -> {
                List<AuditEntry> entries = new ArrayList<>();
                for (int i = first; i < first + 10; i++) {
                    AuditEntry entry = i % 7 == 0
                            ? new AuditEntry(T0.plusNanos(i * 1_234_567L), AuditEntry.SYSTEM, null,
                            AuditAction.RECORDING_PURGED, AuditTarget.recording(i), null)
                            : new AuditEntry(T0.plusNanos(i * 1_234_567L), "émile", "10.0.0." + i % 5,
                            AuditAction.RULE_CHANGED, AuditTarget.rule(i), "{\"from\":" + i + ",\"to\":\"€\"}");
                    entries.add(append(em, entry));
                }
                return entries;
            }));
        }
        return written;
    }

    private static AuditEntry append(EntityManager em, AuditEntry entry) {
        new JpaAuditLog(em).append(entry);
        return entry;
    }

    private ChainVerification verify() {
        return database.inTransaction(em -> new AuditChainCheck(new JpaAuditLog(em), BATCH).verify());
    }

    /** The first break, after {@code verified} entries held. */
    private ChainBreak broken(long verified) {
        ChainVerification verification = verify();
        assertEquals(verified, verification.verified(), () -> "verified; broken: " + verification.firstBroken());
        assertTrue(verification.firstBroken() != null, "the chain should be broken");
        return verification.firstBroken();
    }

    private void sql(String... statements) {
        database.inTransaction(em -> {
            for (String statement : statements) {
                em.createNativeQuery(statement).executeUpdate();
            }
            return null;
        });
    }
}
