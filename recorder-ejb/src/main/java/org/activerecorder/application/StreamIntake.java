package org.activerecorder.application;

import jakarta.ejb.Local;

import java.time.Instant;
import java.util.List;

/**
 * The use case the SIP side calls for each recording session (one RTP stream per party the session carries).
 *
 * <p>Every call may block on the database and the RTP adapter: callers on the SIP event thread must
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
     * Opens every stream of one recording session (one Genesys session carrying both parties, a SIPREC session) as
     * one: all join the same recording of their call, each on its own RTP port, or none does. When one cannot be
     * opened, the ports already opened for the others are closed and nothing of the session is stored.
     *
     * @param requests the session's streams, all of the same call and SIP session
     * @return what was opened, in the order of {@code requests}
     * @throws IntakeRefused when a stream cannot be recorded; the reason says why
     */
    List<StreamAccepted> openSession(List<StreamRequest> requests) throws IntakeRefused;

    /**
     * The session's signalling changed who is who (a SIPREC metadata update): each of its streams takes the party and
     * side it names, the recording its recorded DN and attributes, all in one transaction. The final file places every
     * stream by its side at assembly, so the correction holds for the whole recording. Describing what is already
     * known changes nothing; a recording already assembled keeps its channels (logged). Unknown streams are ignored.
     */
    void describeStreams(SessionParties parties, Instant at);

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
