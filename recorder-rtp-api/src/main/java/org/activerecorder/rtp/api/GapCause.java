package org.activerecorder.rtp.api;

/**
 * Why a stretch of a recording is silence instead of what was said. Every gap in a stream's
 * {@link StreamTimeline} carries one; an operator reads them to tell "the customer said nothing" from "we lost it".
 */
public enum GapCause {
    /**
     * The sender sent no audio and lost nothing: silence suppression (with or without comfort noise), a hold, or a
     * sender that simply stopped. Its sequence numbers run on without a hole across the gap.
     */
    QUIET_SENDER,
    /** Packets were sent and never arrived in time: sequence numbers are missing, or packets came too late to place. */
    NETWORK_LOSS,
    /** A pause was requested (recording control, or a re-INVITE to {@code inactive}): what arrived was silenced. */
    SIGNALLED_PAUSE,
    /** The recorder itself failed (a write or a socket error): the audio from here on was not recorded. */
    RECORDER_FAILURE,
    /** The server stopped or crashed while the stream was open: set by the recorder when it finishes such a stream. */
    SERVER_RESTART,
    /**
     * Packets reached the recorder's host and the kernel dropped them because the stream's socket receive buffer was
     * full (a receive loop fell behind): sequence numbers are missing, and the socket's kernel drop counter rose by
     * at least as many. The recorder's loss, not the network's.
     */
    RECEIVER_OVERFLOW
}
