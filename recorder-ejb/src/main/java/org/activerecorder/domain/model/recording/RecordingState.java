package org.activerecorder.domain.model.recording;

/**
 * Where a recording is in its life. The moves allowed are {@code REQUESTED → ACTIVE | FAILED} (started on request: its
 * first session joined, or none came), {@code ACTIVE → COMPLETED | INCOMPLETE | FAILED} (its
 * streams ended and it was assembled, or assembly failed) and {@code FAILED → COMPLETED | INCOMPLETE | FAILED} (it was
 * assembled again). {@code COMPLETED} and {@code INCOMPLETE} are final. Pause, resume and stop on request do not
 * change it: they are the recording's {@link ControlState}, which only an {@code ACTIVE} recording takes (a stopped
 * one stays {@code ACTIVE} until its streams have ended and it is assembled, moments later).
 */
public enum RecordingState {
    /** Started on request: waiting for the Media Server's sessions (none yet); becomes ACTIVE when one joins, FAILED
     *  when none comes in time. */
    REQUESTED,
    /** Streams are open or may still join; audio is being written. */
    ACTIVE,
    /** All streams ended and the stereo file holds everything that was said, within the loss tolerance. */
    COMPLETED,
    /** The stereo file is stored, but audio was lost on the recorder's side or the network lost too much: the
     *  recording's reasons say what and why. */
    INCOMPLETE,
    /** The stereo file could not be made; {@code failureReason} says why. The stream files are kept. */
    FAILED;

    /** Whether the recording takes no more streams. */
    public boolean isFinal() {
        return this != ACTIVE && this != REQUESTED;
    }

    /** Whether the recording has its stereo file. */
    public boolean hasAudio() {
        return this == COMPLETED || this == INCOMPLETE;
    }

    public boolean canMoveTo(RecordingState next) {
        return switch (this) {
            case REQUESTED -> next == ACTIVE || next == FAILED;
            case ACTIVE, FAILED -> next == COMPLETED || next == INCOMPLETE || next == FAILED;
            case COMPLETED, INCOMPLETE -> false;
        };
    }

    void requireMoveTo(RecordingState next) {
        if (!canMoveTo(next)) {
            throw new IllegalRecordingStateException("a recording cannot move from " + this + " to " + next);
        }
    }
}
