package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.persistence.EntityManager;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallEventEntry;
import org.activerecorder.domain.model.call.CallState;
import org.activerecorder.domain.model.call.CallUpdate;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.user.UserAccount;
import org.activerecorder.infrastructure.persistence.TestDatabase;
import org.activerecorder.infrastructure.persistence.migration.RecorderMigrations;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Calls found by T-Server's connection id on a database migrated as the server migrates it (H2, and PostgreSQL when
 * the tests are given one): every call that had the id, the most recent first, none of another id.
 */
class JpaCallRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private TestDatabase database;
    private SessionFactory sessions;

    @AfterEach
    void close() {
        if (sessions != null) {
            sessions.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void callsOfAConnectionIdAreFoundTheMostRecentFirst(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        RecorderMigrations.flyway(database.dataSource(), getClass().getClassLoader()).migrate();
        inTransaction(em -> {
            em.persist(call("OLD-CALL", T0, "006e02b5c1a3e001", CallState.RELEASED));
            em.persist(call("NEW-CALL", T0.plusSeconds(600), "006e02b5c1a3e001", CallState.ESTABLISHED));
            em.persist(call("OTHER-CALL", T0.plusSeconds(900), "006e02b5c1a3e002", CallState.ESTABLISHED));
            em.persist(new Call(new CallUuid("NO-CONN-ID"), T0.plusSeconds(1000)));
            return null;
        });

        inTransaction(em -> {
            JpaCallRepository calls = new JpaCallRepository(em);
            assertEquals(List.of("NEW-CALL", "OLD-CALL"), uuids(calls.findByConnId("006e02b5c1a3e001")));
            assertEquals(List.of("OTHER-CALL"), uuids(calls.findByConnId("006e02b5c1a3e002")));
            assertEquals(List.of(), uuids(calls.findByConnId("006e02b5c1a3e003")));
            return null;
        });
    }

    private static Call call(String uuid, Instant seen, String connId, CallState state) {
        Call call = new Call(new CallUuid(uuid), seen);
        call.merge(new CallUpdate(state, connId, null, null, null, null, null, null, Map.of()), seen, "{}");
        return call;
    }

    private static List<String> uuids(List<Call> calls) {
        return calls.stream().map(c -> c.callUuid().value()).toList();
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        try (EntityManager em = sessions().createEntityManager()) {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        }
    }

    private SessionFactory sessions() {
        if (sessions == null) {
            sessions = database.hibernate(List.of(Call.class, CallEventEntry.class, Recording.class,
                    RecordingStream.class, UserAccount.class, CallUuidConverter.class, DnConverter.class,
                    RecordingRequestIdConverter.class)).buildSessionFactory();
        }
        return sessions;
    }
}
