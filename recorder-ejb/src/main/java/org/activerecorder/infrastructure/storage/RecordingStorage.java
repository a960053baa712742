package org.activerecorder.infrastructure.storage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The recordings folder and the names of the files in it.
 *
 * <p>The folder is the system property {@code recorder.recordings.dir} (set by the server configuration;
 * default {@code <server data dir>/recordings}). Paths stored in the database are relative to it, so the
 * folder can move. Layout, by the UTC day a recording started:
 * <pre>
 * yyyy/MM/dd/&lt;callUuid&gt;_&lt;recordingId&gt;.wav                 the finished stereo recording
 * yyyy/MM/dd/streams/&lt;recordingId&gt;/&lt;streamId&gt;.wav       each party's mono stream, as it is received
 * </pre>
 */
@ApplicationScoped
public class RecordingStorage {

    public static final String DIRECTORY_PROPERTY = "recorder.recordings.dir";

    private Path root;

    @PostConstruct
    void init() {
        root = configuredRoot();
    }

    static Path configuredRoot() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")) + "/recordings";
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The stream's file, relative to the root. */
    public String streamFile(Instant recordingStart, long recordingId, String streamId) {
        return day(recordingStart) + "/streams/" + recordingId + "/" + streamId + ".wav";
    }

    /** The finished recording's file, relative to the root. */
    public String recordingFile(Instant recordingStart, String callUuid, long recordingId) {
        return day(recordingStart) + "/" + callUuid + "_" + recordingId + ".wav";
    }

    /** The absolute path of a stored relative path; refuses paths that would leave the root. */
    public Path resolve(String relative) {
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException("path leaves the recordings folder: " + relative);
        }
        return resolved;
    }

    private static String day(Instant instant) {
        LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        return String.format("%04d/%02d/%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }
}
