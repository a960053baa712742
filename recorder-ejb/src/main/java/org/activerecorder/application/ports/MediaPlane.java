package org.activerecorder.application.ports;

import java.time.Instant;
import java.util.Optional;

/**
 * What a stop and a start on request ask of the media plane beyond what a session's signalling does (opening,
 * pausing, closing its streams): ending a stream's recording while its session's media goes on, and recording that
 * media again as a new stream. The media plane knows a stream by every id it had.
 */
public interface MediaPlane {

    /**
     * Ends the stream's recording at {@code at}, keeping its port and sender: its file ends there and its end is
     * reported with reason {@code STOPPED}; what its session sends afterwards is dropped until {@link #recordAgain}.
     *
     * @return {@code false} if the media plane has no such stream open (its end, if any, is reported as usual)
     */
    boolean stopRecording(String streamId, Instant at);

    /**
     * Records a stream whose recording was stopped again from now, as {@code newStreamId} into {@code audioFile}
     * (relative to the recordings folder).
     *
     * @return where the media plane listens (host:port, the same as before), or empty if the stream's session has
     *         ended meanwhile (no such stream open with its recording stopped) or the media plane refused
     */
    Optional<String> recordAgain(String streamId, String newStreamId, String audioFile);
}
