package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.persistence.EntityManager;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditChainCheck;
import org.activerecorder.domain.model.audit.AuditChainHead;
import org.activerecorder.domain.model.audit.AuditEntry;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.audit.ChainBreak;
import org.activerecorder.domain.model.audit.ChainHash;
import org.activerecorder.domain.model.audit.ChainVerification;
import org.activerecorder.infrastructure.persistence.MigratedDatabase;
import org.activerecorder.infrastructure.persistence.TestDatabase;
import org.activerecorder.infrastructure.persistence.migration.MappedClasses;
import org.activerecorder.infrastructure.persistence.migration.RecorderMigrations;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log's hash chain on a migrated database (H2, and PostgreSQL when the tests are given one): a chain of a few
 * hundred entries, written in many transactions with times finer than the database keeps, verifies after being read
 * back; then what somebody with plain SQL could do to it, a changed detail, a deleted row, a row put in, the last rows
 * deleted, a row added outside the chain, is each found at its position. Writers at the same time still make one
 * chain; entries from before the chain are counted; and what the chain costs an append is printed.
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
     * A database with entries written before V21 (three, ids as a node's sequence blocks give them) is migrated: they
     * are counted in the head, outside the chain, which starts at position 1 with the next entry; deleting one of
     * them shows.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void entriesFromBeforeTheChainAreCountedAndTheChainStartsAfterThem(TestDatabase.Kind kind) {
        TestDatabase before = TestDatabase.create(kind);
        try {
            Flyway.configure(getClass().getClassLoader()).dataSource(before.dataSource())
                    .locations(RecorderMigrations.LOCATION).target("18").load().migrate();
            // Ids far above what the sequence hands out next, as a node's blocks may leave them.
            for (long id : new long[] {100_001, 100_051, 100_002}) {
                before.execute("insert into audit_entry (id, occurred_at, username, action, detail) values (" + id
                        + ", timestamp with time zone '2026-11-30 09:00:00+00', 'alice', 'LOGIN', 'before V21')");
            }
            RecorderMigrations.flyway(before.dataSource(), getClass().getClassLoader()).migrate();
            try (SessionFactory sessions = before.hibernate(MappedClasses.ALL).buildSessionFactory()) {
                inTransaction(sessions, em -> append(em, new AuditEntry(T0, "bob", null, AuditAction.LOGIN, null,
                        "after V21")));
                AuditEntry first = inTransaction(sessions, em -> append(em, new AuditEntry(T0.plusSeconds(1), "bob",
                        null, AuditAction.LOGIN, null, null)));

                ChainVerification verification = inTransaction(sessions,
                        em -> new AuditChainCheck(new JpaAuditLog(em), BATCH).verify());
                assertNull(verification.firstBroken(), () -> "broken: " + verification.firstBroken());
                assertEquals(new ChainVerification.Head(2, first.chainHash().orElseThrow(), 3), verification.head());
                assertEquals(2, verification.verified());
                assertEquals(List.of(-100_051L, -100_002L, -100_001L, 1L, 2L), inTransaction(sessions, em -> em.createQuery(
                        "select a.chainPosition from AuditEntry a order by a.chainPosition", Long.class)
                        .getResultList()), "minus their ids before the chain, 1 and 2 after");

                before.execute("delete from audit_entry where id = 100051");
                ChainBreak broken = inTransaction(sessions,
                        em -> new AuditChainCheck(new JpaAuditLog(em), BATCH).verify()).firstBroken();
                assertEquals("2 entries are outside the chain, the head says 3 (from before it): one was deleted or"
                        + " added", broken.problem());
            }
        } finally {
            before.close();
        }
    }

    /**
     * Times a burst of single-entry transactions through the chain (lock, hash, head update) against the same inserts
     * without it, one writer and four, and a walk of the chain; prints the figures docs/users.md reports (timing is
     * reported, not asserted: a shared 2-core machine). What it asserts is that the chain made by the burst holds.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aBurstOfAppendsIsTimedAgainstInsertsWithoutTheChain(TestDatabase.Kind kind) throws Exception {
        database = MigratedDatabase.create(kind);
        int burst = 1000;
        AuditChainHead unlocked = new AuditChainHead(1_000_000_000L, ChainHash.GENESIS, 0);
        IntConsumer plainInsert = i -> database.inTransaction(em -> {
            AuditEntry entry = new AuditEntry(Instant.now(), "plain", null, AuditAction.LOGIN, null, "entry " + i);
            unlocked.link(entry);
            em.persist(entry);
            return null;
        });
        IntConsumer chainedAppend = i -> database.inTransaction(em -> append(em, new AuditEntry(Instant.now(),
                "chained", null, AuditAction.LOGIN, null, "entry " + i)));
        // Both paths warmed up first (JIT, connections), then timed alternately in halves, so neither runs cold.
        timed(200, plainInsert);
        timed(200, chainedAppend);
        long plain = timed(burst / 2, plainInsert);
        long chained = timed(burst / 2, chainedAppend);
        plain += timed(burst / 2, plainInsert);
        chained += timed(burst / 2, chainedAppend);
        // The plain inserts sit beyond any head: out of the walk's way, removed before it.
        sql("delete from audit_entry where chain_seq > 1000000000");
        long concurrent = concurrently(4, burst / 4);
        long walkStart = System.nanoTime();
        ChainVerification verification = verify();
        long walk = System.nanoTime() - walkStart;

        assertNull(verification.firstBroken(), () -> "broken: " + verification.firstBroken());
        assertEquals(2L * burst + 200, verification.verified());
        System.out.printf("[audit chain timing, %s] %d appends, one transaction each: %.0f us each without the chain,"
                        + " %.0f us with it; 4 writers: %.0f us each; walk of %d entries: %d ms%n", kind, burst,
                plain / 1e3 / burst, chained / 1e3 / burst, concurrent / 1e3 / burst, verification.verified(),
                walk / 1_000_000);
    }

    private long concurrently(int writers, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> timed(each, i -> database.inTransaction(em -> append(em,
                        new AuditEntry(Instant.now(), "writer", null, AuditAction.LOGIN, null, "entry " + i))))));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long timed(int times, IntConsumer work) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            work.accept(i);
        }
        return System.nanoTime() - start;
    }

    private static <T> T inTransaction(SessionFactory sessions, Function<EntityManager, T> work) {
        try (EntityManager em = sessions.createEntityManager()) {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        }
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
