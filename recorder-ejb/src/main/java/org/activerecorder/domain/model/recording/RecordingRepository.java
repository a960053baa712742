package org.activerecorder.domain.model.recording;

import org.activerecorder.domain.model.call.Call;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where recordings and their streams are kept. */
public interface RecordingRepository {

    void add(Recording recording);

    Optional<Recording> find(long id);

    /** Deletes a recording and its streams (one that never was: every session of it was given up). */
    void remove(Recording recording);

    /** Every recording of the call, the newest first. */
    List<Recording> ofCall(Call call);

    /** What a new session needs to choose among the call's recordings, the newest first, none of them read. */
    List<RecordingSummary> summariesOfCall(Call call);

    /** The recording, locked for the rest of the transaction and read afresh. */
    Optional<Recording> lock(long id);

    /** The stream's recording, locked for the rest of the transaction (streams of one recording end one at a time). */
    Optional<Recording> lockByStream(String streamId);

    /**
     * The id of the stream's recording, locked for the rest of the transaction as {@link #lockByStream} locks it, with
     * nothing read: for a change to one stream's own row that needs nothing else ({@link #firstPacketArrived}).
     */
    Optional<Long> lockIdByStream(String streamId);

    /**
     * Stores a stream's first packet without reading the stream, its recording locked by {@link #lockIdByStream}: what
     * {@link RecordingStream#firstPacketArrived} does to a stream that was read, as one statement.
     *
     * @return whether it was stored; {@code false} if the stream is unknown, has ended, or had its first packet already
     */
    boolean firstPacketArrived(String streamId, Instant arrival);

    Optional<RecordingStream> findStream(String streamId);

    /**
     * The newest stream its session knows by {@code sessionStreamId}: that stream, or the newest one recording its
     * media again after a stop ({@link RecordingStream#sessionStreamId}).
     */
    Optional<RecordingStream> findLatestOfSession(String sessionStreamId);

    /** Ids of the streams still open that were opened before {@code instant}. */
    List<String> openStreamIdsOpenedBefore(Instant instant);

    /** Ids of the active recordings that have streams, all of them ended. */
    List<Long> activeWithAllStreamsEnded();

    /** Ids of the recordings requested (started on request, no session yet) before {@code instant}. */
    List<Long> requestedBefore(Instant instant);

    /** Up to {@code max} recordings whose retention ended by {@code instant} and whose audio is still kept, oldest first. */
    List<Long> retentionEndedBy(Instant instant, int max);

    /**
     * Up to {@code max} recordings stored by {@code finishedBy} without their file's SHA-256
     * ({@code recorder.file-sha256 = after-completion}) whose audio is still kept, oldest first.
     */
    List<Long> fileHashDue(Instant finishedBy, int max);

    /** Ids of the failed recordings that were assembled fewer than {@code maxAttempts} times. */
    List<Long> failedWithAttemptsLeft(int maxAttempts);

    /** The newest recordings first. */
    List<Recording> newest(int first, int max);

    /** The recordings the search finds, the newest first. */
    List<Recording> search(RecordingSearch search, int first, int max);
}
