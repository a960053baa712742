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
 * @param sha256   lower-case hex SHA-256 of the whole file, or {@code null} when it is taken after the completion
 * @param audioSha256 lower-case hex SHA-256 of its audio data (the bytes after its 44-byte header), or {@code null}
 *                 where only the file's is known; one of the two is always known
 */
public record StoredAudio(String file, Instant start, Duration duration, String sha256, String audioSha256) {
    public StoredAudio {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(duration, "duration");
        if (sha256 == null && audioSha256 == null) {
            throw new NullPointerException("sha256 and audioSha256: a stored file has a checksum");
        }
    }

    /** A file whose SHA-256 alone is known. */
    public StoredAudio(String file, Instant start, Duration duration, String sha256) {
        this(file, start, duration, Objects.requireNonNull(sha256, "sha256"), null);
    }

    /** The instant just after its last frame, or {@code null} if it has no start. */
    public Instant end() {
        return start == null ? null : start.plus(duration);
    }
}
