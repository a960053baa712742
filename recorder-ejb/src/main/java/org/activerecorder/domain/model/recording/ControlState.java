package org.activerecorder.domain.model.recording;

/**
 * What the people entitled to control a recording (an agent desktop, a supervisor, a bridge to call control) have
 * asked of it, beside its {@link RecordingState}: the media keeps its own life (streams open, end, are assembled),
 * and this says whether their audio is being kept. The moves are {@code RECORDING ⇄ PAUSED} and
 * {@code RECORDING | PAUSED → STOPPED}; {@code STOPPED} is final for the recording (a later start opens a new one).
 * Only a recording that is still {@link RecordingState#ACTIVE} can be controlled: once assembled, its file is made.
 */
public enum ControlState {
    /** Audio is being kept. */
    RECORDING,
    /** Every stream is silenced, as a signalled pause, from the moment the pause was asked until it is resumed. */
    PAUSED,
    /** Stopped on request: the streams were closed at that moment, and the recording is (being) assembled. */
    STOPPED
}
