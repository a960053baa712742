package org.activerecorder.domain.model.recording;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.activerecorder.domain.model.recording.RecordingFixture.AGENT;
import static org.activerecorder.domain.model.recording.RecordingFixture.CUSTOMER;
import static org.activerecorder.domain.model.recording.RecordingFixture.T0;
import static org.activerecorder.domain.model.recording.RecordingFixture.add;
import static org.activerecorder.domain.model.recording.RecordingFixture.audio;
import static org.activerecorder.domain.model.recording.RecordingFixture.recording;
import static org.activerecorder.domain.model.recording.RecordingFixture.requested;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pause, resume and stop on request: the moves the recording allows and the ones it refuses, with a reason. */
class RecordingControlMovesTest {

    private static final Instant T2 = T0.plusSeconds(2);
    private static final Instant T4 = T0.plusSeconds(4);

    @Test
    void aRecordingIsRecordingUntilAskedOtherwise() {
        Recording recording = recording();
        assertEquals(ControlState.RECORDING, recording.control());
        assertNull(recording.pausedSince());
    }

    @Test
    void pauseThenResumeGoesBackToRecording() {
        Recording recording = recording();
        recording.pause(T2, "tester");
        assertEquals(ControlState.PAUSED, recording.control());
        assertEquals(T2, recording.pausedSince());
        recording.resume(T4, "tester");
        assertEquals(ControlState.RECORDING, recording.control());
        assertNull(recording.pausedSince());
        recording.pause(T4.plusSeconds(1), "tester");
        assertEquals(ControlState.PAUSED, recording.control(), "a recording may be paused again after a resume");
    }

    @Test
    void pausingTwiceIsRefusedAndKeepsTheFirstPause() {
        Recording recording = recording();
        recording.pause(T2, "tester");
        IllegalRecordingStateException refused = assertThrows(IllegalRecordingStateException.class,
                () -> recording.pause(T4, "tester"));
        assertTrue(refused.getMessage().contains("already paused"), refused.getMessage());
        assertEquals(T2, recording.pausedSince());
    }

    @Test
    void resumingWhatIsNotPausedIsRefused() {
        Recording recording = recording();
        IllegalRecordingStateException refused = assertThrows(IllegalRecordingStateException.class,
                () -> recording.resume(T2, "tester"));
        assertTrue(refused.getMessage().contains("not paused"), refused.getMessage());
        assertEquals(ControlState.RECORDING, recording.control());
    }

    @Test
    void stopIsFinalForEveryMove() {
        Recording recording = recording();
        recording.pause(T2, "tester");
        recording.stop(T4, "tester");
        assertEquals(ControlState.STOPPED, recording.control());
        assertEquals(T4, recording.stoppedAt());
        assertNull(recording.pausedSince());
        for (Runnable move : new Runnable[]{() -> recording.stop(T4, "tester"), () -> recording.pause(T4, "tester"),
                () -> recording.resume(T4, "tester")}) {
            IllegalRecordingStateException refused = assertThrows(IllegalRecordingStateException.class, move::run);
            assertTrue(refused.getMessage().contains("already stopped"), refused.getMessage());
        }
        assertEquals(ControlState.STOPPED, recording.control());
    }

    @Test
    void aStoppedRecordingTakesNoMoreStreamsButAPausedOneDoes() {
        Recording paused = recording();
        paused.pause(T2, "tester");
        add(paused, "s1", AGENT, "sip-1", T4);
        assertEquals(1, paused.openStreams().size());

        Recording stopped = recording();
        stopped.stop(T2, "tester");
        IllegalRecordingStateException refused = assertThrows(IllegalRecordingStateException.class,
                () -> add(stopped, "s1", AGENT, "sip-1", T4));
        assertTrue(refused.getMessage().contains("stopped on request"), refused.getMessage());
    }

    @Test
    void aStoppedRecordingIsAssembledAsUsualOnceItsStreamsEnd() {
        Recording recording = recording();
        add(recording, "a", AGENT, "sip-a", T0);
        add(recording, "c", CUSTOMER, "sip-c", T0);
        recording.stop(T2, "tester");
        assertEquals(2, recording.openStreams().size(), "the media plane ends the streams; the recording waits");
        recording.streamEnded("a", requested(T0, 2), T2);
        recording.streamEnded("c", requested(T0, 2), T2);
        assertTrue(recording.openStreams().isEmpty());
        assertEquals(RecordingState.COMPLETED, recording.complete(audio(T0, Duration.ofSeconds(2)), Set.of(),
                new CompletenessPolicy(1.0, Duration.ofSeconds(30)), T2));
        assertEquals(ControlState.STOPPED, recording.control());
    }

    @Test
    void anAssembledRecordingCannotBeControlled() {
        Recording recording = recording();
        add(recording, "a", AGENT, "sip-a", T0);
        recording.streamEnded("a", requested(T0, 2), T2);
        recording.complete(audio(T0, Duration.ofSeconds(2)), Set.of(), new CompletenessPolicy(1.0, Duration.ofSeconds(30)), T2);
        IllegalRecordingStateException refused = assertThrows(IllegalRecordingStateException.class,
                () -> recording.pause(T4, "tester"));
        assertTrue(refused.getMessage().contains("already COMPLETED"), refused.getMessage());
        assertThrows(IllegalRecordingStateException.class, () -> recording.stop(T4, "tester"));
        assertEquals(ControlState.RECORDING, recording.control());
    }

    @Test
    void everyPauseIsKeptInTheTimelineWithWhoStartedAndWhoEndedIt() {
        Recording recording = recording();
        recording.pause(T2, "desk-1");
        assertEquals(List.of(new PauseSpan(T2, "desk-1", null, null, false)), recording.pauses(),
                "an open span while paused");
        recording.resume(T4, "supervisor");
        recording.pause(T4.plusSeconds(1), "bridge");
        assertThrows(IllegalRecordingStateException.class, () -> recording.pause(T4.plusSeconds(2), "again"));
        recording.stop(T4.plusSeconds(3), "admin");

        assertEquals(List.of(new PauseSpan(T2, "desk-1", T4, "supervisor", false),
                        new PauseSpan(T4.plusSeconds(1), "bridge", T4.plusSeconds(3), "admin", true)),
                recording.pauses(), "a refused pause leaves no span; a stop ends the pause it finds");
    }

    @Test
    void aStopWithoutAPauseAddsNoSpan() {
        Recording recording = recording();
        recording.pause(T2, "desk-1");
        recording.resume(T4, "desk-1");
        recording.stop(T4.plusSeconds(1), "admin");
        assertEquals(List.of(new PauseSpan(T2, "desk-1", T4, "desk-1", false)), recording.pauses());
    }

    @Test
    void aRequestedRecordingTakesNoControlUntilItsMediaJoinsThenStartsThere() {
        Recording recording = Recording.requested(RecordingFixture.recording().call(),
                new org.activerecorder.domain.model.RecordingRequestId("rq-1"), AGENT, T0);
        assertEquals(RecordingPhase.REQUESTED, recording.phase());
        IllegalRecordingStateException refused = assertThrows(IllegalRecordingStateException.class,
                () -> recording.pause(T2, "desk"));
        assertTrue(refused.getMessage().contains("no media yet"), refused.getMessage());
        assertThrows(IllegalRecordingStateException.class, () -> add(recording, "s1", AGENT, "sip-1", T2),
                "a session joins only once the recording is active");

        recording.mediaJoins(T2);
        add(recording, "s1", AGENT, "sip-1", T2);

        assertEquals(RecordingPhase.ACTIVE, recording.phase());
        assertEquals(T2, recording.startedAt(), "it starts when its media came");
        assertThrows(IllegalRecordingStateException.class, () -> recording.mediaJoins(T4));
    }

    @Test
    void aRequestedRecordingWithoutMediaFailsOnceAndIsNeverAssembled() {
        Recording recording = Recording.requested(RecordingFixture.recording().call(),
                new org.activerecorder.domain.model.RecordingRequestId("rq-2"), AGENT, T0);
        recording.noMediaCame("no session came within 60 s", T0.plusSeconds(60));

        assertEquals(RecordingState.FAILED, recording.state());
        assertEquals("no session came within 60 s", recording.failureReason());
        assertEquals(false, recording.reassemblyDue(T0.plusSeconds(3600)), "nothing to assemble");
        assertThrows(IllegalRecordingStateException.class, () -> recording.noMediaCame("again", T4));
    }

    @Test
    void aRequestedRecordingStoppedBeforeItsMediaCameFailsSayingSo() {
        Recording recording = Recording.requested(RecordingFixture.recording().call(),
                new org.activerecorder.domain.model.RecordingRequestId("rq-3"), AGENT, T0);
        recording.stop(T2, "desk");

        assertEquals(RecordingPhase.FAILED, recording.phase());
        assertEquals(ControlState.STOPPED, recording.control());
        assertTrue(recording.failureReason().contains("stopped on request by desk"), recording.failureReason());
    }
}
