package org.activerecorder.infrastructure.storage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.Logger;

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

    /** How many UTC days back {@link #deleteAbandonedPartials} looks: assembly happens soon after a recording starts. */
    static final int PARTIAL_DAYS = 3;

    private static final Logger LOG = Logger.getLogger(RecordingStorage.class.getName());

    private Path root;
    private Clock clock = Clock.systemUTC();

    /** For CDI. */
    public RecordingStorage() {
    }

    /** A storage over {@code root}, on {@code clock}: for tests. */
    RecordingStorage(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

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

    /**
     * Deletes the {@code .partial} files an interrupted assembly left (a crash between writing and moving a
     * recording into place) that are older than {@code olderThan}, in the day folders of the last
     * {@value #PARTIAL_DAYS} days; a re-assembly of an older recording replaces its own partial file. Recent partial
     * files may belong to an assembly running now and are kept.
     *
     * @return how many were deleted
     */
    public int deleteAbandonedPartials(Duration olderThan) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(olderThan);
        int deleted = 0;
        for (int daysBack = 0; daysBack < PARTIAL_DAYS; daysBack++) {
            Path folder = root.resolve(day(now.minus(Duration.ofDays(daysBack))));
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> partials = Files.newDirectoryStream(folder, "*.partial")) {
                for (Path partial : partials) {
                    if (Files.getLastModifiedTime(partial).toInstant().isBefore(cutoff) && Files.deleteIfExists(partial)) {
                        deleted++;
                        LOG.warning(() -> "Deleted " + partial + ", left by an assembly that never finished");
                    }
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot clean up partial files in " + folder, e);
            }
        }
        return deleted;
    }

    private static String day(Instant instant) {
        LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        return String.format("%04d/%02d/%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }
}
