package org.activerecorder.infrastructure.persistence.jpa;

import jakarta.persistence.EntityManager;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallDirection;
import org.activerecorder.domain.model.call.CallEventEntry;
import org.activerecorder.domain.model.call.CallState;
import org.activerecorder.domain.model.call.CallUpdate;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingSearch;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.StreamDescription;
import org.activerecorder.infrastructure.persistence.MigratedDatabase;
import org.activerecorder.infrastructure.persistence.OnEveryDatabase;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Calls with their facts, user data and event history, and the recordings search, against a database migrated as the
 * server migrates it (H2, and PostgreSQL when the tests are given one), through Hibernate as the server runs it.
 */
class RecordingSearchTest {

    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");


    @OnEveryDatabase
    void aCallsFactsUserDataWithTimesAndNewestEventsSurviveTheDatabase(MigratedDatabase database) {
        database.inTransaction(em -> {
            Call call = new Call(new CallUuid("C-1"), T0);
            em.persist(call);
            call.merge(new CallUpdate(CallState.ESTABLISHED, "conn-1", new Dn("1001"), new Dn("5551234"), "5551234",
                    "8000", CallDirection.OUTBOUND, "agent7", Map.of("a", "1", "b", "2")), T0.plusSeconds(1), "{\"e\":0}");
            return null;
        });
        database.inTransaction(em -> {
            Call call = call(em, "C-1");
            Map<String, String> update = new HashMap<>();
            update.put("a", null);
            update.put("b", "3");
            update.put("c", "x".repeat(CallUpdate.MAX_VALUE_LENGTH));
            for (int i = 1; i <= Call.MAX_HISTORY; i++) {
                call.merge(CallUpdate.userData(i == 1 ? update : Map.of()), T0.plusSeconds(1 + i), "{\"e\":" + i + "}");
            }
            return null;
        });

        database.inTransaction(em -> {
            Call call = call(em, "C-1");
            assertEquals(CallState.ESTABLISHED, call.state());
            assertEquals(CallDirection.OUTBOUND, call.direction());
            assertEquals(new Dn("5551234"), call.otherDn());
            assertEquals("agent7", call.agentId());
            assertEquals(T0.plusSeconds(1), call.establishedAt());
            assertEquals(T0.plusSeconds(1 + Call.MAX_HISTORY), call.lastEventAt());
            assertEquals(Map.of("b", "3", "c", "x".repeat(CallUpdate.MAX_VALUE_LENGTH)), call.userDataValues());
            assertEquals(T0.plusSeconds(2), call.userData().get("b").updatedAt());
            assertEquals(Call.MAX_HISTORY, call.history().size());
            assertEquals("{\"e\":1}", call.history().get(0).json(), "the oldest event was dropped");
            assertEquals(T0.plusSeconds(2), call.history().get(0).receivedAt());
            return null;
        });
        assertEquals(Call.MAX_HISTORY, database.inTransaction(em -> em.createQuery("select count(e) from CallEventEntry e",
                Long.class).getSingleResult()).intValue(), "dropped events are deleted");
    }

    @OnEveryDatabase
    void theSearchFindsExactlyTheRecordingsThatMatchEveryPartGiven(MigratedDatabase database) {
        database.inTransaction(em -> {
            recording(em, "S-1", "1001", "5550001", T0, "agent7", Map.of("Segment", "gold", "Case", "17"));
            recording(em, "S-2", "1002", "5550002", T0.plusSeconds(3600), "agent8", Map.of("Segment", "silver"));
            recording(em, "S-3", "1001", "5550003", T0.plusSeconds(7200), "agent7", Map.of());
            recording(em, "S-4", "1003", "1001", T0.plusSeconds(10800), null, Map.of("Segment", "gold"));
            return null;
        });

        assertEquals(List.of("S-4", "S-3", "S-2", "S-1"), found(database, RecordingSearch.ALL));
        assertEquals(List.of("S-2"), found(database, new RecordingSearch(new CallUuid("S-2"), null, null, null, null, null, null)));
        assertEquals(List.of("S-4", "S-3", "S-1"), found(database, new RecordingSearch(null, new Dn("1001"), null, null, null,
                null, null)), "the recorded DN, or a party of a stream");
        assertEquals(List.of("S-3", "S-1"), found(database, new RecordingSearch(null, null, "agent7", null, null, null, null)));
        assertEquals(List.of("S-4", "S-1"), found(database, new RecordingSearch(null, null, null, null, null, "Segment", "gold")));
        assertEquals(List.of("S-4", "S-2", "S-1"), found(database, new RecordingSearch(null, null, null, null, null, "Segment",
                null)), "the key alone: it exists");
        assertEquals(List.of("S-3", "S-2"), found(database, new RecordingSearch(null, null, null, T0.plusSeconds(3600),
                T0.plusSeconds(10800), null, null)), "from inclusive, to exclusive");
        assertEquals(List.of("S-1"), found(database, new RecordingSearch(null, new Dn("1001"), "agent7", null,
                T0.plusSeconds(3600), "Case", "17")));
        assertEquals(List.of(), found(database, new RecordingSearch(null, null, "agent7", null, null, "Segment", "silver")));
        assertEquals(List.of("S-3"), found(database, new RecordingSearch(null, null, null, null, null, null, null, "5550003",
                null, null)), "the calling number");
        assertEquals(List.of("S-4", "S-3", "S-2"), found(database, new RecordingSearch(null, null, null, null, null, null, null, null,
                "8000", null)), "the dialled number");
        assertEquals(List.of("S-1"), found(database, new RecordingSearch(null, null, null, null, null, null, null, "5550001",
                "8001", RecordingState.ACTIVE)), "the numbers and the state");
        assertEquals(List.of(), found(database, new RecordingSearch(null, null, null, null, null, null, null, null, null,
                RecordingState.COMPLETED)), "a state none is in");
        assertEquals(List.of("S-3", "S-2"), database.inTransaction(em -> new JpaRecordingRepository(em)
                .search(RecordingSearch.ALL, 1, 2).stream().map(r -> r.call().callUuid().value()).toList()), "a page");
    }

    private static List<String> found(MigratedDatabase database, RecordingSearch search) {
        return database.inTransaction(em -> new JpaRecordingRepository(em).search(search, 0, 100).stream()
                .map(r -> r.call().callUuid().value()).toList());
    }

    private static void recording(EntityManager em, String callUuid, String recordDn, String otherDn, Instant at,
                                  String agentId, Map<String, String> userData) {
        Call call = new Call(new CallUuid(callUuid), at);
        em.persist(call);
        // the calling number is the other party's DN; the dialled number is 8000 but for S-1's call, 8001
        call.merge(new CallUpdate(CallState.ESTABLISHED, null, null, null, otherDn, callUuid.equals("S-1") ? "8001"
                : "8000", null, agentId, userData), at, "{}");
        Recording recording = new Recording(call, new RecordingRequestId("rec-" + callUuid), new Dn(recordDn),
                Map.of(), at);
        em.persist(recording);
        recording.addStream(new StreamDescription(callUuid + "-a", new Dn(recordDn), "a", "PCMU", 0, 8000, null,
                "a.wav"), at);
        recording.addStream(new StreamDescription(callUuid + "-b", new Dn(otherDn), "b", "PCMU", 0, 8000, null,
                "b.wav"), at);
    }

    private static Call call(EntityManager em, String callUuid) {
        return em.createQuery("select c from Call c where c.callUuid = :uuid", Call.class)
                .setParameter("uuid", new CallUuid(callUuid)).getSingleResult();
    }
}
