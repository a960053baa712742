package org.activerecorder.application;

import jakarta.ejb.Local;

import java.net.InetSocketAddress;
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
     * Returns once the recorder's start-up work (schema migration, recovery of interrupted recordings) is done: a
     * business call waits until the application's startup singletons have started (Jakarta Enterprise Beans 4.0,
     * 4.8.1), so the SIP side calls this before it listens. A test double is ready at once.
     */
    default void awaitStartup() {
    }

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
     * Ends the stream as {@link #endStream} does, but hands the close of its media to the media plane and returns
     * without waiting for it (the file's end and force, the ports' release): for a BYE, already answered, so that a
     * burst of BYEs does not hold the few threads that run the intake's calls while the receive loops and the disk
     * work (docs/performance.md, series BJ). The stream's end still comes as the media plane's report. By default it
     * is {@link #endStream}.
     */
    default void handOffStreamEnd(String streamId) {
        endStream(streamId);
    }

    /**
     * Whether any of these streams has received media: a packet already reported (the stream's first packet is
     * stored), or one the media plane counted and has not reported yet. Asked when a session's answer was never
     * acknowledged: a Media Server whose ACK was lost still sends its media, and such a session must be recorded
     * until its BYE, not cut when the ACK timer gives up (a lost ACK must not lose speech). Unknown streams received
     * nothing.
     *
     * <p>By default nothing did: an intake that cannot tell abandons the streams, and {@link #abandonStreams} then
     * decides what to keep.
     */
    default boolean mediaArrived(List<String> streamIds) {
        return false;
    }

    /**
     * The sessions of these streams were answered but never acknowledged (the 200 OK's ACK never came): the Media
     * Server gave them up, so they leave no recording of their own. Each stream's port is released; a stream that
     * received no packet is dropped with its file, and a recording left without streams is deleted (its rows and
     * files), as if it had never been opened. A stream that did receive media ends as {@link #endStream} ends it
     * and is recorded as usual: a lost ACK must not lose speech. Unknown or ended streams with media are ignored.
     *
     * <p>By default the streams simply end: an intake that cannot tell media from none keeps everything.
     */
    default void abandonStreams(List<String> streamIds) {
        streamIds.forEach(this::endStream);
    }

    /**
     * The session's signalling moved the stream's sender to {@code source} (a re-INVITE or UPDATE with a new address or
     * port): the media plane prefers it from now on, and follows the sender at its first packet from there. Unknown or
     * ended streams are ignored.
     *
     * <p>By default nothing is done: the media plane still follows a sender that moves, after a few packets from its
     * new address (none of them lost).
     */
    default void followSender(String streamId, InetSocketAddress source) {
    }

    /**
     * The session put its media on hold or asked for a pause (a re-INVITE to {@code inactive}): the stream is
     * silenced from {@code at} on, as a signalled pause, until {@link #resumeStream}. Unknown or ended streams are
     * ignored.
     */
    void pauseStream(String streamId, Instant at);

    /** The session's media is back (a re-INVITE to {@code sendonly} or {@code sendrecv}): recording goes on from {@code at}. */
    void resumeStream(String streamId, Instant at);
}
