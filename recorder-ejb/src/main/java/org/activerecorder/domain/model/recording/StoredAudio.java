package org.activerecorder.domain.model.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The finished stereo file of a recording.
 *
 * @param file     where it is, relative to the recordings folder
 * @param start    the instant of its first frame (the earliest stream's first sample), or {@code null} if no stream
 *                 had audio
 * @param duration its length
 * @param sha256   lower-case hex SHA-256 of the whole file
 */
public record StoredAudio(String file, Instant start, Duration duration, String sha256) {
    public StoredAudio {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The instant just after its last frame, or {@code null} if it has no start. */
    public Instant end() {
        return start == null ? null : start.plus(duration);
    }
}
