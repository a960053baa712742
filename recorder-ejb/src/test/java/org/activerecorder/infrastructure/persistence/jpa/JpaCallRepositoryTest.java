package org.activerecorder.infrastructure.persistence.jpa;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallState;
import org.activerecorder.domain.model.call.CallUpdate;
import org.activerecorder.infrastructure.persistence.MigratedDatabase;
import org.activerecorder.infrastructure.persistence.OnEveryDatabase;

import jakarta.persistence.EntityManager;
import org.hibernate.stat.Statistics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Calls found by T-Server's connection id on a database migrated as the server migrates it (H2, and PostgreSQL when
 * the tests are given one): every call that had the id, the most recent first, none of another id.
 */
class JpaCallRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");


    @OnEveryDatabase
    void callsOfAConnectionIdAreFoundTheMostRecentFirst(MigratedDatabase database) {
        database.inTransaction(em -> {
            em.persist(call("OLD-CALL", T0, "006e02b5c1a3e001", CallState.RELEASED));
            em.persist(call("NEW-CALL", T0.plusSeconds(600), "006e02b5c1a3e001", CallState.ESTABLISHED));
            em.persist(call("OTHER-CALL", T0.plusSeconds(900), "006e02b5c1a3e002", CallState.ESTABLISHED));
            em.persist(new Call(new CallUuid("NO-CONN-ID"), T0.plusSeconds(1000)));
            return null;
        });

        database.inTransaction(em -> {
            JpaCallRepository calls = new JpaCallRepository(em);
            assertEquals(List.of("NEW-CALL", "OLD-CALL"), uuids(calls.findByConnId("006e02b5c1a3e001")));
            assertEquals(List.of("OTHER-CALL"), uuids(calls.findByConnId("006e02b5c1a3e002")));
            assertEquals(List.of(), uuids(calls.findByConnId("006e02b5c1a3e003")));
            return null;
        });
    }

    @OnEveryDatabase
    void aKnownCallIsLockedByTheStatementThatFindsItAndASecondSessionWaitsForWhatTheFirstCommits(
            MigratedDatabase database) throws Exception {
        database.inTransaction(em -> {
            em.persist(new Call(new CallUuid("LOCKED"), T0));
            return null;
        });
        Statistics statistics = database.sessions().getStatistics();
        statistics.setStatisticsEnabled(true);
        statistics.clear();
        try (EntityManager first = database.sessions().createEntityManager()) {
            first.getTransaction().begin();
            Call call = new JpaCallRepository(first).findOrCreateLocked(new CallUuid("LOCKED"));
            assertEquals(1, statistics.getPrepareStatementCount(), "found and locked by one statement");
            call.merge(new CallUpdate(CallState.ESTABLISHED, "conn-1", null, null, null, null, null, null, Map.of()),
                    T0, "{}");
            first.flush();
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> database.inTransaction(
                    em -> new JpaCallRepository(em).findOrCreateLocked(new CallUuid("LOCKED")).connId()));
            Thread.sleep(300);
            assertFalse(second.isDone(), "the call's second session waits for the lock");
            first.getTransaction().commit();
            assertEquals("conn-1", second.get(20, TimeUnit.SECONDS), "and reads what the first committed");
        }
    }

    private static Call call(String uuid, Instant seen, String connId, CallState state) {
        Call call = new Call(new CallUuid(uuid), seen);
        call.merge(new CallUpdate(state, connId, null, null, null, null, null, null, Map.of()), seen, "{}");
        return call;
    }

    private static List<String> uuids(List<Call> calls) {
        return calls.stream().map(c -> c.callUuid().value()).toList();
    }
}
