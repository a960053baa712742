package org.activerecorder.domain.model.recording;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.activerecorder.domain.model.recording.RecordingState.ACTIVE;
import static org.activerecorder.domain.model.recording.RecordingState.COMPLETED;
import static org.activerecorder.domain.model.recording.RecordingState.FAILED;
import static org.activerecorder.domain.model.recording.RecordingState.INCOMPLETE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingStateTest {

    @Test
    void movesAllowedAreExactlyTheLifeCycles() {
        assertEquals(EnumSet.of(COMPLETED, INCOMPLETE, FAILED), reachable(ACTIVE));
        assertEquals(EnumSet.of(COMPLETED, INCOMPLETE, FAILED), reachable(FAILED), "failed → assembled again");
        assertEquals(EnumSet.noneOf(RecordingState.class), reachable(COMPLETED));
        assertEquals(EnumSet.noneOf(RecordingState.class), reachable(INCOMPLETE));
    }

    @Test
    void onlyAssembledRecordingsHaveAudioAndOnlyActiveOnesTakeStreams() {
        assertTrue(COMPLETED.hasAudio());
        assertTrue(INCOMPLETE.hasAudio());
        assertFalse(FAILED.hasAudio());
        assertFalse(ACTIVE.hasAudio());
        assertFalse(ACTIVE.isFinal());
        assertTrue(INCOMPLETE.isFinal());
    }

    private static Set<RecordingState> reachable(RecordingState from) {
        Set<RecordingState> to = EnumSet.noneOf(RecordingState.class);
        for (RecordingState next : RecordingState.values()) {
            if (from.canMoveTo(next)) {
                to.add(next);
            }
        }
        return to;
    }
}
