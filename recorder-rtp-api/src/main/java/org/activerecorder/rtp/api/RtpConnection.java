package org.activerecorder.rtp.api;

import jakarta.resource.ResourceException;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A handle on the RTP adapter for controlling streams. Not used per packet.
 */
public interface RtpConnection extends AutoCloseable {

    /**
     * Allocates a local RTP port (even; RTCP is the odd one above), starts receiving and recording.
     *
     * @throws ResourceException when no port in the configured range is free, or the file cannot be created
     */
    OpenedStream open(StreamSpec spec) throws ResourceException;

    /**
     * Stops receiving, finishes the stream's file and releases its ports. A {@link StreamEvent.Closed}
     * event follows. Closing an unknown or already closed stream does nothing and returns {@code false}.
     */
    boolean close(String streamId) throws ResourceException;

    /**
     * Closes a stream as {@link #close} does, but returns as soon as the stream's receive loop has the close: the
     * file is finished and forced, the {@link StreamEvent.Closed} event published and the ports released after, on
     * the adapter's threads. For a caller that needs none of that done when it returns (a BYE, already answered),
     * so that its thread is not held while the loop and the disk work: a hundred BYEs a second held the container's
     * four executor threads most of the time (docs/performance.md, series BJ).
     *
     * @return {@code false} if no stream of that id is open
     */
    boolean closeLater(String streamId) throws ResourceException;

    /**
     * Ends the stream's recording at {@code from} (a stop on request) but keeps its port and its sender: silent from
     * {@code from} on as after a {@link #pause}, its file ends there once audio from before {@code from} that arrives a
     * little late has had a moment (a fraction of a second) to come, and a {@link StreamEvent.Closed} event with reason
     * {@link StreamEvent.CloseReason#STOPPED} follows. Packets that keep coming are counted and dropped, until
     * {@link #recordAgain} records them again or {@link #close} ends the stream (which then publishes nothing more).
     * Every id the stream had keeps naming it for every operation here.
     *
     * @return {@code false} if no stream of that id is open
     */
    boolean stopRecording(String streamId, Instant from) throws ResourceException;

    /**
     * Records a stream whose recording was {@link #stopRecording stopped} again, from the moment the adapter takes
     * this: a new stream {@code newStreamId} on the same port, from the same sender, with the same codec, written to
     * {@code audioFile}; its events carry {@code newStreamId}, and {@code streamId} goes on naming it (its session
     * knows it by that id: a BYE's close, a hold's pause). The new stream starts unpaused.
     *
     * @return the new stream (same local address), or empty if no stream of that id is open with its recording stopped
     * @throws ResourceException when {@code newStreamId} is taken or the file cannot be created
     */
    Optional<OpenedStream> recordAgain(String streamId, String newStreamId, Path audioFile) throws ResourceException;

    /**
     * Silences the stream from {@code from} on (a {@link GapCause#SIGNALLED_PAUSE} gap): packets keep being received
     * and counted, but their audio is written as silence, and audio from after {@code from} that is still in memory
     * is silenced too. {@code from} may be a little in the past (the request travelled); it is never moved before
     * audio already on disk. Pausing a paused stream does nothing.
     *
     * @return {@code false} if no stream of that id is open
     */
    boolean pause(String streamId, Instant from) throws ResourceException;

    /**
     * Ends a pause at {@code from}: audio is recorded again. Resuming a stream that is not paused does nothing.
     *
     * @return {@code false} if no stream of that id is open
     */
    boolean resume(String streamId, Instant from) throws ResourceException;

    /**
     * The session's signalling now names {@code source} as where the stream's sender sends from (a re-INVITE or
     * UPDATE that moves it): from now on a packet from exactly there re-latches the stream at once, as the offer's
     * address does at the start ({@link StreamSpec#expectedSource}). Packets from elsewhere are judged as before.
     *
     * @return {@code false} if no stream of that id is open
     */
    boolean expectSource(String streamId, InetSocketAddress source) throws ResourceException;

    /**
     * Attaches a tap to the stream's decoded audio (see {@link AudioTap}); one tap per stream, a second replaces the
     * first. The tap hears audio placed from the stream's receive loop's next turn on: packets that loop is handling
     * as this is called may be placed before it.
     *
     * @return {@code false} if no stream of that id is open
     */
    boolean attachTap(String streamId, AudioTap tap) throws ResourceException;

    /** Detaches the stream's tap, if it is {@code tap}. */
    void detachTap(String streamId, AudioTap tap) throws ResourceException;

    /**
     * The ids of the streams open now (for reconciling the database with the media plane): every id a stream had
     * ({@link #recordAgain}) names it.
     */
    Set<String> openStreamIds() throws ResourceException;

    /**
     * The counters of an open stream so far, consistent with each other (taken on its receive loop between two
     * selects): for a decision that depends on whether media came, e.g. a session whose answer was never
     * acknowledged. A stream recorded again after a stop ({@link #recordAgain}) answers for its current segment.
     *
     * @return empty if no stream of that id is open, or its loop did not answer within a second
     */
    Optional<StreamStatistics> statistics(String streamId) throws ResourceException;

    /**
     * The media plane's health figures now (see {@link MediaPlaneFigures}), for the server's metrics: read from the
     * adapter's counters, taken on the receive loops between two selects; takes milliseconds, never per packet.
     */
    MediaPlaneFigures mediaPlane() throws ResourceException;

    /** Releases this handle (not the streams opened through it). */
    @Override
    void close() throws ResourceException;
}
