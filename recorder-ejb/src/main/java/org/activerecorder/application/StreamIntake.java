package org.activerecorder.application;

import jakarta.ejb.Local;

import java.time.Instant;

/**
 * The use case the SIP side calls for each recording session (one RTP stream of one party).
 *
 * <p>Both calls may block on the database and the RTP adapter: callers on the SIP event thread must
 * hand them to an executor.
 */
@Local
public interface StreamIntake {

    /**
     * Joins the stream to its call's recording (opening the recording if this is the call's first
     * stream), opens an RTP port for it and starts recording.
     *
     * @throws IntakeRefused when the stream cannot be recorded; the reason says why
     */
    StreamAccepted openStream(StreamRequest request) throws IntakeRefused;

    /**
     * Ends the stream (its session's BYE). The recording completes when all its streams have ended.
     * Ending an unknown or already ended stream does nothing.
     */
    void endStream(String streamId);

    /**
     * The session put its media on hold or asked for a pause (a re-INVITE to {@code inactive}): the stream is
     * silenced from {@code at} on, as a signalled pause, until {@link #resumeStream}. Unknown or ended streams are
     * ignored.
     */
    void pauseStream(String streamId, Instant at);

    /** The session's media is back (a re-INVITE to {@code sendonly} or {@code sendrecv}): recording goes on from {@code at}. */
    void resumeStream(String streamId, Instant at);
}
