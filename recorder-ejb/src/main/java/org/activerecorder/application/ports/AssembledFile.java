package org.activerecorder.application.ports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A finished stereo recording.
 *
 * @param file      where it is
 * @param duration  its length (frames ÷ sample rate)
 * @param sha256    lower-case hex SHA-256 of the whole file, header included
 * @param frames    stereo frames in it
 * @param missing   stream files that were missing or unreadable, whose span is silence in the file
 */
public record AssembledFile(Path file, Duration duration, String sha256, long frames, List<Path> missing) {
    public AssembledFile {
        missing = List.copyOf(missing);
    }
}
