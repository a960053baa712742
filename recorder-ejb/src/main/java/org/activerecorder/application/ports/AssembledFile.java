package org.activerecorder.application.ports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A finished stereo recording.
 *
 * @param file      where it is
 * @param duration  its length (frames ÷ sample rate)
 * @param sha256    lower-case hex SHA-256 of the whole file, header included; {@code null} when it is taken after the
 *                  completion ({@code recorder.file-sha256=after-completion}: the header comes first and is known
 *                  last, so a file built during the call can only be hashed by reading it back)
 * @param audioSha256 lower-case hex SHA-256 of the file's audio data (its bytes after the 44-byte header), taken as
 *                  they were written
 * @param frames    stereo frames in it
 * @param missing   stream files that were missing or unreadable, whose span is silence in the file
 */
public record AssembledFile(Path file, Duration duration, String sha256, String audioSha256, long frames,
                            List<Path> missing) {
    public AssembledFile {
        missing = List.copyOf(missing);
    }
}
