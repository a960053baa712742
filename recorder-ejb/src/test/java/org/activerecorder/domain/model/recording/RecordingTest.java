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
import static org.activerecorder.domain.model.recording.RecordingFixture.clean;
import static org.activerecorder.domain.model.recording.RecordingFixture.end;
import static org.activerecorder.domain.model.recording.RecordingFixture.gaps;
import static org.activerecorder.domain.model.recording.RecordingFixture.requested;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingTest {

    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final CompletenessPolicy POLICY = new CompletenessPolicy(1.0, GRACE);

    private final Recording recording = RecordingFixture.recording();

    @Test
    void theRecordedDnsStreamIsTheRecordedPartyAndTheOtherIsNot() {
        RecordingStream agent = add(recording, "s1", AGENT, "call-a", T0);
        RecordingStream customer = add(recording, "s2", CUSTOMER, "call-b", T0);

        assertEquals(StreamSide.RECORDED_PARTY, agent.side());
        assertEquals(StreamSide.OTHER_PARTY, customer.side());
        assertEquals(RecordingFixture.RATE, agent.sampleRate());
    }

    @Test
    void isAssembledOnlyWhenEveryStreamHasEnded() {
        add(recording, "s1", AGENT, "call-a", T0);
        add(recording, "s2", CUSTOMER, "call-b", T0);

        recording.streamEnded("s1", requested(T0, 5), T0.plusSeconds(5));
        assertFalse(recording.readyToAssemble(T0.plusSeconds(5), GRACE));
        assertThrows(IllegalRecordingStateException.class,
                () -> recording.complete(audio(T0, Duration.ofSeconds(5)), Set.of(), POLICY, T0.plusSeconds(5)));

        recording.streamEnded("s2", requested(T0, 5), T0.plusSeconds(5));
        assertTrue(recording.readyToAssemble(T0.plusSeconds(5), GRACE), "both parties heard: no grace to wait");

        assertEquals(RecordingState.COMPLETED,
                recording.complete(audio(T0, Duration.ofSeconds(5)), Set.of(), POLICY, T0.plusSeconds(6)));
        assertEquals(RecordingState.COMPLETED, recording.state());
        assertEquals(5000, recording.duration().orElseThrow().toMillis());
        assertEquals(List.of(), recording.reasons());
        assertFalse(recording.oneSided());
        assertEquals(1, recording.assemblyAttempts());
        assertFalse(recording.readyToAssemble(T0.plusSeconds(7), GRACE), "a finished recording is not assembled again");
    }

    @Test
    void aFinishedRecordingTakesNoMoreStreamsAndCannotFinishTwice() {
        add(recording, "s1", AGENT, "call-a", T0);
        add(recording, "s2", CUSTOMER, "call-b", T0);
        recording.streamEnded("s1", requested(T0, 1), T0);
        recording.streamEnded("s2", requested(T0, 1), T0);
        recording.complete(audio(T0, Duration.ofSeconds(1)), Set.of(), POLICY, T0);

        assertThrows(IllegalRecordingStateException.class, () -> add(recording, "s3", AGENT, "call-c", T0));
        assertThrows(IllegalRecordingStateException.class, () -> recording.assemblyFailed("late", T0));
        assertThrows(IllegalRecordingStateException.class,
                () -> recording.complete(audio(T0, Duration.ofSeconds(1)), Set.of(), POLICY, T0));
    }

    @Test
    void theClosedReportsFirstSampleReplacesTheFirstPacketsArrival() {
        RecordingStream stream = add(recording, "s1", AGENT, "c", T0);
        stream.firstPacketArrived(T0.plusMillis(80));
        stream.firstPacketArrived(T0.plusMillis(95));
        assertEquals(T0.plusMillis(80), stream.firstSampleAt(), "the first report of the first packet wins");

        recording.streamEnded("s1", requested(T0.plusMillis(20), 1), T0.plusSeconds(1));

        assertEquals(T0.plusMillis(20), stream.firstSampleAt(), "the stream's own estimate places it");
        assertEquals(T0.plusMillis(80), stream.firstPacketAt(), "the arrival stays what it was");
    }

    @Test
    void applyingAStreamsEndTwiceChangesNothing() {
        RecordingStream stream = add(recording, "s1", AGENT, "c", T0);
        StreamEnd first = new StreamEnd(T0.plusMillis(40), clean(3), StreamEndReason.REQUESTED,
                gaps(new StreamGap(800, 8000, GapCause.QUIET_SENDER)));

        assertTrue(recording.streamEnded("s1", first, T0.plusSeconds(3)));
        assertFalse(recording.streamEnded("s1", first, T0.plusSeconds(9)), "the same event delivered again");
        assertFalse(recording.streamEnded("s1", end(T0.plusMillis(60), StreamStatistics.NONE,
                StreamEndReason.ADAPTER_STOPPED), T0.plusSeconds(10)), "a different, later report");
        stream.firstPacketArrived(T0.plusMillis(500));

        assertEquals(T0.plusMillis(40), stream.firstSampleAt());
        assertNull(stream.firstPacketAt(), "a first packet reported after the end changes nothing");
        assertEquals(clean(3), stream.statistics());
        assertEquals(StreamEndReason.REQUESTED, stream.endReason());
        assertEquals(T0.plusSeconds(3), stream.endedAt());
        assertEquals(List.of(new StreamGap(800, 8000, GapCause.QUIET_SENDER)), stream.gaps());
    }

    @Test
    void anUnreportedStreamWithAudioOnDiskIsPlacedAtItsAnswer() {
        RecordingStream stream = add(recording, "s1", AGENT, "c", T0.plusMillis(300));

        recording.streamEnded("s1", StreamEnd.unreported(StreamEndReason.RECOVERED_AT_START, 16000), T0);

        assertEquals(T0.plusMillis(300), stream.firstSampleAt());
        assertEquals(16000, stream.statistics().samplesWritten());
    }

    @Test
    void anUnknownStreamCannotEnd() {
        assertThrows(IllegalArgumentException.class,
                () -> recording.streamEnded("nope", requested(T0, 1), T0));
    }

    @Test
    void aStreamEndedByOurFailureGetsAGapUpToTheEndOfTheRecording() {
        add(recording, "s1", AGENT, "call-a", T0);
        add(recording, "s2", CUSTOMER, "call-b", T0);
        recording.streamEnded("s1", end(T0.plusSeconds(1), clean(2), StreamEndReason.WRITE_FAILED), T0.plusSeconds(3));
        recording.streamEnded("s2", requested(T0, 10), T0.plusSeconds(10));

        RecordingState state = recording.complete(audio(T0, Duration.ofSeconds(10)), Set.of(), POLICY,
                T0.plusSeconds(11));

        assertEquals(RecordingState.INCOMPLETE, state);
        // s1 starts 1 s into the file and wrote 2 s: from its sample 16000 to the file's end, 7 s are lost
        assertEquals(List.of(new StreamGap(16000, 56000, GapCause.RECORDER_FAILURE)),
                recording.stream("s1").orElseThrow().gaps());
        assertEquals(List.of(), recording.stream("s2").orElseThrow().gaps(), "an ordinary end loses nothing");
        assertEquals(7000, recording.totals().silenceMillis().get(GapCause.RECORDER_FAILURE));
    }

    @Test
    void aStreamEndedByARestartIsMarkedLostToTheRestart() {
        add(recording, "s1", AGENT, "call-a", T0);
        add(recording, "s2", CUSTOMER, "call-b", T0);
        recording.streamEnded("s1", StreamEnd.unreported(StreamEndReason.RECOVERED_AT_START, 8000), T0);
        recording.streamEnded("s2", requested(T0, 3), T0.plusSeconds(3));

        recording.complete(audio(T0, Duration.ofSeconds(3)), Set.of(), POLICY, T0.plusSeconds(4));

        assertEquals(List.of(new StreamGap(8000, 16000, GapCause.SERVER_RESTART)),
                recording.stream("s1").orElseThrow().gaps());
    }

    @Test
    void aFailedRecordingCanBeAssembledAgainAndThenIsFinal() {
        add(recording, "s1", AGENT, "call-a", T0);
        add(recording, "s2", CUSTOMER, "call-b", T0);
        recording.streamEnded("s1", requested(T0, 2), T0);
        recording.streamEnded("s2", requested(T0, 2), T0);

        assertTrue(recording.assemblyFailed("disk full", T0.plusSeconds(2)), "the first failure is news");
        assertEquals(RecordingState.FAILED, recording.state());
        assertEquals("disk full", recording.failureReason());
        assertFalse(recording.readyToAssemble(T0.plusSeconds(3), GRACE), "the sweep, not a stream end, retries");

        assertFalse(recording.assemblyFailed("disk still full", T0.plusSeconds(70)), "failing again is not news");
        assertEquals(2, recording.assemblyAttempts());

        assertEquals(RecordingState.COMPLETED,
                recording.complete(audio(T0, Duration.ofSeconds(2)), Set.of(), POLICY, T0.plusSeconds(200)));
        assertNull(recording.failureReason());
        assertEquals(3, recording.assemblyAttempts());
        assertThrows(IllegalRecordingStateException.class, () -> recording.assemblyFailed("again", T0));
    }

    @Test
    void aFailedRecordingReassembledWithAMissingFileIsIncomplete() {
        add(recording, "s1", AGENT, "call-a", T0);
        add(recording, "s2", CUSTOMER, "call-b", T0);
        recording.streamEnded("s1", requested(T0, 2), T0);
        recording.streamEnded("s2", requested(T0, 2), T0);
        recording.assemblyFailed("unreadable", T0);

        assertEquals(RecordingState.INCOMPLETE,
                recording.complete(audio(T0, Duration.ofSeconds(2)), Set.of("s2"), POLICY, T0.plusSeconds(60)));
        assertEquals(CompletenessReason.Code.STREAM_FILE_MISSING, recording.reasons().get(0).code());
    }

    @Test
    void reassemblyIsSpacedOutAndLimited() {
        add(recording, "s1", AGENT, "call-a", T0);
        recording.streamEnded("s1", requested(T0, 2), T0);
        Instant at = T0;
        recording.assemblyFailed("first", at);

        assertFalse(recording.reassemblyDue(at.plusSeconds(59)));
        assertTrue(recording.reassemblyDue(at.plusSeconds(60)));
        at = at.plusSeconds(60);
        recording.assemblyFailed("second", at);
        assertFalse(recording.reassemblyDue(at.plusSeconds(119)), "the n-th wait is n times the spacing");
        assertTrue(recording.reassemblyDue(at.plusSeconds(120)));
        at = at.plusSeconds(120);
        recording.assemblyFailed("third", at);
        at = at.plusSeconds(180);
        assertTrue(recording.reassemblyDue(at));
        recording.assemblyFailed("fourth", at);

        assertEquals(Recording.MAX_ASSEMBLY_ATTEMPTS, recording.assemblyAttempts());
        assertFalse(recording.reassemblyDue(at.plus(Duration.ofDays(1))), "three re-assemblies, then a person decides");
    }

    @Test
    void aLoneStreamWaitsForItsPartnerThenCompletesOneSided() {
        add(recording, "s1", AGENT, "call-a", T0);
        recording.streamEnded("s1", requested(T0, 5), T0.plusSeconds(5));

        assertFalse(recording.readyToAssemble(T0.plusSeconds(34), GRACE));
        assertTrue(recording.readyToAssemble(T0.plusSeconds(35), GRACE));

        assertEquals(RecordingState.COMPLETED,
                recording.complete(audio(T0, Duration.ofSeconds(5)), Set.of(), POLICY, T0.plusSeconds(35)));
        assertTrue(recording.oneSided());
        assertEquals(CompletenessReason.Code.ONE_SIDED, recording.reasons().get(0).code());
    }

    @Test
    void aPartnerWithinTheGraceJoinsTheSameRecording() {
        add(recording, "s1", AGENT, "call-a", T0);
        recording.streamEnded("s1", requested(T0, 5), T0.plusSeconds(5));

        add(recording, "s2", CUSTOMER, "call-b", T0.plusSeconds(20));
        assertFalse(recording.readyToAssemble(T0.plusSeconds(40), GRACE), "the partner's stream is open");
        recording.streamEnded("s2", requested(T0.plusSeconds(20), 5), T0.plusSeconds(25));

        assertTrue(recording.readyToAssemble(T0.plusSeconds(25), GRACE), "two-sided now: no more waiting");
        recording.complete(audio(T0, Duration.ofSeconds(25)), Set.of(), POLICY, T0.plusSeconds(25));
        assertFalse(recording.oneSided());
    }
}
