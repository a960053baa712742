package org.activerecorder.domain.model.recording;

import java.time.Instant;
import java.util.Objects;

/**
 * How a stream ended, as reported by the media plane (or found by the recorder when the media plane could not
 * report).
 *
 * @param firstSample the instant of sample 0 of its file, or {@code null} if unknown or no media arrived
 * @param statistics  its counters
 * @param reason      why it ended
 * @param timeline    its gaps and key presses
 */
public record StreamEnd(Instant firstSample, StreamStatistics statistics, StreamEndReason reason,
                        StreamTimeline timeline) {
    public StreamEnd {
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(timeline, "timeline");
    }

    /** A stream the media plane did not report on: what its file holds is all that is known. */
    public static StreamEnd unreported(StreamEndReason reason, long samplesOnDisk) {
        return new StreamEnd(null, StreamStatistics.onDisk(samplesOnDisk), reason, StreamTimeline.EMPTY);
    }
}
