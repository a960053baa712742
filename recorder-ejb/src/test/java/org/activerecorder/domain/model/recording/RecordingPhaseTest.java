package org.activerecorder.domain.model.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one state machine as a table: for every phase and every move, the phase after it, or {@code -} when the move
 * is refused. {@code ASSEMBLED} names {@code COMPLETED} (the completeness policy may make it {@code INCOMPLETE}).
 */
class RecordingPhaseTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            // phase   | MEDIA_JOINS | PAUSE  | RESUME | STOP    | NO_MEDIA | ASSEMBLED | ASSEMBLY_FAILED
            "REQUESTED | ACTIVE      | -      | -      | FAILED  | FAILED   | -         | -",
            "ACTIVE    | -           | PAUSED | -      | STOPPED | -        | COMPLETED | FAILED",
            "PAUSED    | -           | -      | ACTIVE | STOPPED | -        | COMPLETED | FAILED",
            "STOPPED   | -           | -      | -      | -       | -        | COMPLETED | FAILED",
            "COMPLETED | -           | -      | -      | -       | -        | -         | -",
            "INCOMPLETE| -           | -      | -      | -       | -        | -         | -",
            "FAILED    | -           | -      | -      | -       | -        | COMPLETED | FAILED"})
    void everyMoveOfEveryPhase(String phase, String mediaJoins, String pause, String resume, String stop,
                               String noMedia, String assembled, String assemblyFailed) {
        RecordingPhase from = RecordingPhase.valueOf(phase);
        String[] expected = {mediaJoins, pause, resume, stop, noMedia, assembled, assemblyFailed};
        String[] actual = Arrays.stream(RecordingPhase.Move.values())
                .map(move -> from.after(move).map(Enum::name).orElse("-"))
                .toArray(String[]::new);
        assertEquals(String.join(" ", expected), String.join(" ", actual), "after MEDIA_JOINS PAUSE RESUME STOP"
                + " NO_MEDIA ASSEMBLED ASSEMBLY_FAILED");
    }

    @ParameterizedTest(name = "{0}/{1} is {2}")
    @CsvSource({
            "REQUESTED, RECORDING, REQUESTED",
            "ACTIVE, RECORDING, ACTIVE",
            "ACTIVE, PAUSED, PAUSED",
            "ACTIVE, STOPPED, STOPPED",
            "COMPLETED, STOPPED, COMPLETED",
            "INCOMPLETE, PAUSED, INCOMPLETE",
            "FAILED, RECORDING, FAILED"})
    void thePhaseIsReadFromTheLifeCycleAndTheControlState(RecordingState state, ControlState control,
                                                          RecordingPhase phase) {
        assertEquals(phase, RecordingPhase.of(state, control));
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource({
            "PAUSED, PAUSE, already paused",
            "ACTIVE, RESUME, not paused",
            "STOPPED, PAUSE, already stopped",
            "COMPLETED, STOP, already COMPLETED",
            "REQUESTED, PAUSE, no media yet"})
    void aRefusalSaysWhyInWordsAPersonCanActOn(RecordingPhase phase, RecordingPhase.Move move, String says) {
        String refusal = phase.refusal(move);
        assertEquals(true, refusal.contains(says), refusal);
    }

    @Test
    void onlyARequestedActiveOrPausedRecordingIsUnderway() {
        assertEquals(java.util.EnumSet.of(RecordingPhase.REQUESTED, RecordingPhase.ACTIVE, RecordingPhase.PAUSED),
                Arrays.stream(RecordingPhase.values()).filter(RecordingPhase::isUnderway)
                        .collect(java.util.stream.Collectors.toCollection(
                                () -> java.util.EnumSet.noneOf(RecordingPhase.class))));
    }
}
