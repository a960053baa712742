package org.activerecorder.domain.model.recording;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.activerecorder.domain.model.recording.RecordingFixture.AGENT;
import static org.activerecorder.domain.model.recording.RecordingFixture.CUSTOMER;
import static org.activerecorder.domain.model.recording.RecordingFixture.T0;
import static org.activerecorder.domain.model.recording.RecordingFixture.add;
import static org.activerecorder.domain.model.recording.RecordingFixture.requested;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A decision's retention: counted from when the recording finished with a file, and at its end the audio goes while
 * the recording says when; never before, never twice, never for a recording without a file.
 */
class RecordingRetentionTest {

    private static final Instant FINISHED = T0.plusSeconds(11);

    @Test
    void theRetentionIsCountedFromTheFinishAndThePurgeComesNoEarlier() {
        Recording recording = kept(30);
        assertEquals(Optional.empty(), recording.retainUntil(), "not finished yet");

        finish(recording);

        Instant until = FINISHED.plus(Duration.ofDays(30));
        assertEquals(Optional.of(until), recording.retainUntil());
        IllegalRecordingStateException early = assertThrows(IllegalRecordingStateException.class,
                () -> recording.purge(until.minusMillis(1)));
        assertTrue(early.getMessage().contains("kept until " + until), early.getMessage());
        assertEquals(Optional.empty(), recording.purgedAt());

        assertEquals("2026/11/26/CALL1_1.wav", recording.purge(until));

        assertEquals(Optional.of(until), recording.purgedAt());
        assertEquals(RecordingState.COMPLETED, recording.state(), "what it was stays: only its audio went");
        assertThrows(IllegalRecordingStateException.class, () -> recording.purge(until.plusSeconds(1)),
                "deleted once");
    }

    @Test
    void aRecordingWithoutRetentionOrWithoutAFileHasNothingToPurge() {
        Recording forever = kept(null);
        finish(forever);
        assertEquals(Optional.empty(), forever.retainUntil());
        assertThrows(IllegalRecordingStateException.class, () -> forever.purge(T0.plus(Duration.ofDays(10_000))));

        Recording failed = Recording.requested(new Call(new CallUuid("CALL2"), T0), new RecordingRequestId("rec-2"),
                AGENT, new Filing(null, 1), T0);
        failed.stop(T0.plusSeconds(1), "desk-1"); // before its media came: failed, no file
        assertEquals(RecordingState.FAILED, failed.state());
        assertEquals(Optional.empty(), failed.retainUntil());
        assertThrows(IllegalRecordingStateException.class, () -> failed.purge(T0.plus(Duration.ofDays(2))));
    }

    private static Recording kept(Integer days) {
        Recording recording = Recording.requested(new Call(new CallUuid("CALL1"), T0), new RecordingRequestId("rec-1"),
                AGENT, new Filing(null, days), T0);
        recording.mediaJoins(T0);
        add(recording, "agent", AGENT, "a", T0);
        add(recording, "customer", CUSTOMER, "b", T0);
        return recording;
    }

    private static void finish(Recording recording) {
        recording.streamEnded("agent", requested(T0, 10), T0.plusSeconds(10));
        recording.streamEnded("customer", requested(T0, 10), T0.plusSeconds(10));
        recording.complete(new StoredAudio("2026/11/26/CALL1_1.wav", T0, Duration.ofSeconds(10), "ab"), Set.of(),
                CompletenessPolicy.defaults(), FINISHED);
    }
}
