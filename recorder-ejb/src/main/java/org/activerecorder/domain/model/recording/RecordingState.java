package org.activerecorder.domain.model.recording;

/**
 * Where a recording is in its life. The moves allowed are {@code ACTIVE → COMPLETED} and
 * {@code ACTIVE → FAILED}; pause, resume and stop on request come with the control API.
 */
public enum RecordingState {
    /** Streams are open or may still join; audio is being written. */
    ACTIVE,
    /** All streams ended and the stereo file is stored with its duration and checksum. */
    COMPLETED,
    /** The recording could not be finished; {@code failureReason} says why. The stream files are kept. */
    FAILED;

    public boolean isFinal() {
        return this != ACTIVE;
    }
}
