package org.activerecorder.domain.model.recording;

/** A move the recording's life cycle does not allow, such as adding a stream to a completed recording. */
public class IllegalRecordingStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IllegalRecordingStateException(String message) {
        super(message);
    }
}
