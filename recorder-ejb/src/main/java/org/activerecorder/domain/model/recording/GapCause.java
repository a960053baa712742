package org.activerecorder.domain.model.recording;

/**
 * Why a stretch of a stream is silence instead of what was said. The media plane names all but
 * {@link #SERVER_RESTART}, which the recorder adds when it finishes a stream the media plane could not finish itself. An operator reads them to
 * tell "the customer said nothing" from "we lost it".
 */
public enum GapCause {
    /** The sender sent no audio and lost nothing: silence suppression, a hold, a sender that simply stopped. */
    QUIET_SENDER,
    /** Packets were sent and never arrived in time. */
    NETWORK_LOSS,
    /** A pause was requested (recording control, or a re-INVITE to {@code inactive}). */
    SIGNALLED_PAUSE,
    /** The recorder itself failed (a write or a socket error, a stream the media plane lost). */
    RECORDER_FAILURE,
    /** The server stopped or crashed while the stream was open. */
    SERVER_RESTART,
    /**
     * Packets reached the recorder's host and its kernel dropped them: the stream's socket receive buffer was full
     * because the recorder fell behind. The recorder's loss, not the network's.
     */
    RECEIVER_OVERFLOW;

    /** Whether this silence is audio the recorder lost, rather than silence the call really had. */
    public boolean isOurLoss() {
        return this == RECORDER_FAILURE || this == SERVER_RESTART || this == RECEIVER_OVERFLOW;
    }
}
