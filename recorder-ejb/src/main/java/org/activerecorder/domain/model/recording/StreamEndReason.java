package org.activerecorder.domain.model.recording;

/**
 * Why a stream ended. The first six are the media plane's own; the last two are the recorder's, for streams the
 * media plane could not report on.
 */
public enum StreamEndReason {
    /** The session ended (its BYE) and the media plane closed the stream. */
    REQUESTED,
    /**
     * Its recording was stopped on request; the session's media went on (and was not recorded), so a later start on
     * the call may record it again as a stream of a new recording.
     */
    STOPPED,
    /** The sender went quiet past the media plane's limit without a BYE: the call's own end, not a loss. */
    NO_MEDIA,
    /** The media plane stopped (undeploy or server shutdown) while the stream was open. */
    ADAPTER_STOPPED,
    /** Writing the stream's file failed. */
    WRITE_FAILED,
    /** The stream's socket failed. */
    RECEIVE_FAILED,
    /** The server stopped or crashed with the stream open; it was finished from its file at the next start. */
    RECOVERED_AT_START,
    /** The media plane no longer knew the stream and never reported its end; it was finished from its file. */
    NOT_IN_MEDIA_PLANE;

    /** Whether the stream ended before its call did, so the recorder lost the audio from its end on. */
    public boolean losesAudio() {
        return this != REQUESTED && this != STOPPED && this != NO_MEDIA;
    }

    /** The cause of the silence from where such a stream's audio stops to the end of its recording. */
    public GapCause lostTailCause() {
        return this == ADAPTER_STOPPED || this == RECOVERED_AT_START ? GapCause.SERVER_RESTART
                : GapCause.RECORDER_FAILURE;
    }
}
