package org.activerecorder.application.live;

/**
 * Live listening to active recordings (supervisors and administrators). Every start is audited
 * ({@code LIVE_LISTENED}). A listening must be stopped; it holds a bounded buffer per stream and nothing else.
 */
public interface LiveAudio {

    /** How much audio a listener may fall behind before what it has not taken is dropped (for it alone). */
    int BUFFER_MILLIS = 4000;

    /**
     * Starts hearing the recording's streams that are open now, from their next audio on.
     *
     * @throws LiveAudioRefused if the recording does not exist, is not active, or has no stream open in the media
     *                          plane
     */
    LiveListening listen(long recordingId) throws LiveAudioRefused;

    /**
     * Stops a listening; the media plane's taps go when nobody listens to a stream any more. Idempotent. Open to any
     * caller holding the listening (a WebSocket's close runs without the listener's identity).
     */
    void stop(LiveListening listening);

    /** Whether the listening's recording is still active (its sender asks, to end when the call has). */
    boolean active(LiveListening listening);
}
