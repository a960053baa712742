package org.activerecorder.domain.model.recording;

import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;

/**
 * What a new session of a call needs to know of each of the call's recordings to choose the one it joins, read
 * without the recordings themselves (their collections and streams): the chosen one is then locked and read whole.
 *
 * @param id        the recording
 * @param requestId its {@code record=} id
 * @param recordDn  the DN it records
 * @param state     its state
 * @param control   what was asked of it
 */
public record RecordingSummary(long id, RecordingRequestId requestId, Dn recordDn, RecordingState state,
                               ControlState control) {

    /** The summary of a recording read whole. */
    public static RecordingSummary of(Recording recording) {
        return new RecordingSummary(recording.id(), recording.requestId(), recording.recordDn(), recording.state(),
                recording.control());
    }

    /** As {@link Recording#phase()}. */
    public RecordingPhase phase() {
        return RecordingPhase.of(state, control);
    }
}
