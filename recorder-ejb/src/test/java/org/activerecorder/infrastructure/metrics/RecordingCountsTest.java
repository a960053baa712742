package org.activerecorder.infrastructure.metrics;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.recording.CompletenessPolicy;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.StoredAudio;
import org.activerecorder.domain.model.recording.StreamDescription;
import org.activerecorder.domain.model.recording.StreamEnd;
import org.activerecorder.domain.model.recording.StreamEndReason;
import org.activerecorder.domain.model.recording.StreamStatistics;
import org.activerecorder.domain.model.recording.StreamTimeline;
import org.activerecorder.infrastructure.persistence.MigratedDatabase;
import org.activerecorder.infrastructure.persistence.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The recordings' counts as the meters read them, from a database migrated as the server migrates it. */
class RecordingCountsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void countsByStateAndTheRecordingsWaitingForAssemblyOrTheirFilesSha256(TestDatabase.Kind kind) {
        try (MigratedDatabase database = MigratedDatabase.create(kind)) {
            database.inTransaction(em -> {
                Recording completed = twoParty(em, "M1");
                endBoth(completed);
                completed.complete(new StoredAudio("m1.wav", T0, Duration.ofSeconds(5), "abc"), Set.of(),
                        CompletenessPolicy.defaults(), T0.plusSeconds(6));
                endBoth(twoParty(em, "M2"));                                   // ended, not yet assembled
                Recording underWay = twoParty(em, "M3");                        // still recording
                underWay.streamEnded("M3-agent", requested(), T0.plusSeconds(5));
                Recording unhashed = twoParty(em, "M4");                        // stored, file's SHA-256 to come
                endBoth(unhashed);
                unhashed.complete(new StoredAudio("m4.wav", T0, Duration.ofSeconds(5), null, "def"), Set.of(),
                        CompletenessPolicy.defaults(), T0.plusSeconds(6));
                Recording hashedLater = twoParty(em, "M5");                     // the same, hashed since
                endBoth(hashedLater);
                hashedLater.complete(new StoredAudio("m5.wav", T0, Duration.ofSeconds(5), null, "0a1"), Set.of(),
                        CompletenessPolicy.defaults(), T0.plusSeconds(6));
                hashedLater.fileHashed("fed");
                return null;
            });

            RecordingCounts.Figures figures = database.inTransaction(em -> new RecordingCounts(em).figures());
            assertEquals(3, figures.inState(RecordingState.COMPLETED));
            assertEquals(2, figures.inState(RecordingState.ACTIVE));
            assertEquals(0, figures.inState(RecordingState.FAILED));
            assertEquals(0, figures.inState(RecordingState.INCOMPLETE));
            assertEquals(RecordingState.values().length, figures.byState().size(), "every state, zero included");
            assertEquals(1, figures.awaitingAssembly(), "M2 only: M3 has a stream open");
            assertEquals(1, figures.awaitingFileSha256(), "M4 only: M1 was stored with it, M5 hashed since");
        }
    }

    private static Recording twoParty(EntityManager em, String callUuid) {
        Call call = new Call(new CallUuid(callUuid), T0);
        em.persist(call);
        Recording recording = new Recording(call, new RecordingRequestId("rec-" + callUuid), new Dn("1001"), Map.of(), T0);
        em.persist(recording);
        recording.addStream(new StreamDescription(callUuid + "-agent",
                new Dn("1001"), "call-a", "PCMU", 0, 8000, null, "agent.wav"), T0);
        recording.addStream(new StreamDescription(callUuid + "-customer",
                new Dn("5551234"), "call-b", "PCMU", 0, 8000, null, "customer.wav"), T0);
        em.flush();
        return recording;
    }

    private static void endBoth(Recording recording) {
        recording.streamEnded(recording.streams().get(0).id(), requested(), T0.plusSeconds(5));
        recording.streamEnded(recording.streams().get(1).id(), requested(), T0.plusSeconds(5));
    }

    private static StreamEnd requested() {
        return new StreamEnd(T0, StreamStatistics.NONE, StreamEndReason.REQUESTED, StreamTimeline.EMPTY);
    }
}
