package org.activerecorder.application.ports;

import java.time.Instant;
import java.util.List;

/**
 * Builds a recording's stereo file while the call goes on, from what its streams' files already hold for good, so
 * that at the end only the last second or two is left to mix ({@link StereoAssembly#assemble(long, List, List,
 * java.nio.file.Path, int)} finishes it, or assembles in full when what was built does not fit). What is built ahead
 * is never the truth: the stream files stay that until the stereo file is in place.
 */
public interface ProgressiveAssembly {

    /** The recording's streams now (its recording locked): replaces what was known of them. */
    void streamsNow(long recordingId, List<LiveStream> streams);

    /** The instant of an open stream's sample 0 is settled: the one its end will report. */
    void firstSampleSettled(long recordingId, String streamId, Instant firstSample);

    /**
     * The same, told by the stream alone, without its recording locked: taken only if the stream is an open one of
     * a recording being built (its streams were told by {@link #streamsNow}).
     *
     * @return {@code false} if it was not taken: the caller looks the stream up and tells it with its recording
     */
    boolean firstSampleSettled(String streamId, Instant firstSample);

    /**
     * An open stream's first packet arrived, told by the stream alone, without its recording read: taken only if the
     * stream is an open one of a recording being built (its streams were told by {@link #streamsNow}).
     *
     * @return {@code false} if it was not taken: the caller reads the recording and tells its streams
     */
    boolean firstPacketArrived(String streamId, Instant arrival);

    /** The recording will not be assembled from what is built ahead (it was dropped): forget it, file and all. */
    void discard(long recordingId);
}
