package org.activerecorder.infrastructure.storage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.activerecorder.application.ports.RecordingFolder;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * yyyy/MM/dd/&lt;name&gt;.wav, &lt;name&gt;-2.wav ...               one whose decision's template named it
 * yyyy/MM/dd/streams/&lt;recordingId&gt;/&lt;streamId&gt;.wav       each party's mono stream, as it is received
 * </pre>
 */
@ApplicationScoped
public class RecordingStorage implements RecordingFolder {

    public static final String DIRECTORY_PROPERTY = "recorder.recordings.dir";

    /** How many UTC days back {@link #deleteAbandonedPartials} looks: assembly happens soon after a recording starts. */
    static final int PARTIAL_DAYS = 3;

    /** Recordings of one day that may share a name ({@code -2} ... suffixes) before that is taken for a fault. */
    static final int MAX_SAME_NAME = 10_000;

    private static final Logger LOG = Logger.getLogger(RecordingStorage.class.getName());

    private Path root;
    /** Recording files being assembled now, relative to the root: not yet on disk, already taken. */
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
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
    @Override
    public String streamFile(Instant recordingStart, long recordingId, String streamId) {
        return day(recordingStart) + "/streams/" + recordingId + "/" + streamId + ".wav";
    }

    /** The finished recording's file, relative to the root. */
    @Override
    public String recordingFile(Instant recordingStart, String callUuid, long recordingId) {
        return day(recordingStart) + "/" + callUuid + "_" + recordingId + ".wav";
    }

    /**
     * The finished recording's file named {@code fileName} (a safe name ending {@code .wav}) in the folder of its day,
     * relative to the root: where it goes unless the name is taken (see {@link #claimRecordingFile}).
     */
    @Override
    public String recordingFile(Instant recordingStart, String fileName) {
        return day(recordingStart) + "/" + fileName;
    }

    /**
     * A free name for a finished recording named {@code fileName} (a safe name ending {@code .wav}) in the folder of
     * its day, relative to the root: {@code fileName} itself, or {@code <name>-2.wav}, {@code -3} ... when a file of
     * that name exists or another assembly holds it, so that a recording never overwrites another. The name is held
     * until the claim is closed, by when the file is in place (or its assembly gave up).
     *
     * @throws IllegalArgumentException when {@code fileName} holds a folder or does not end {@code .wav}
     */
    @Override
    public Claim claimRecordingFile(Instant recordingStart, String fileName) {
        if (!fileName.endsWith(".wav") || fileName.contains("/") || fileName.contains("\\")
                || fileName.startsWith(".")) {
            throw new IllegalArgumentException("not a recording's file name: " + fileName);
        }
        String base = fileName.substring(0, fileName.length() - ".wav".length());
        String folder = day(recordingStart) + "/";
        for (int n = 1; n <= MAX_SAME_NAME; n++) {
            String candidate = folder + base + (n == 1 ? "" : "-" + n) + ".wav";
            if (claimed.add(candidate)) {
                if (!Files.exists(resolve(candidate), LinkOption.NOFOLLOW_LINKS)) {
                    return new Claim(candidate, claimed);
                }
                claimed.remove(candidate);
            }
        }
        throw new IllegalStateException(MAX_SAME_NAME + " recordings of " + folder + " are named " + fileName
                + " already; this one is not stored under that name");
    }

    /** A finished recording's file name held for one assembly; closing it lets others see the name (now taken). */
    public static final class Claim implements RecordingFolder.Claim {
        private final String file;
        private final Set<String> claimed;

        private Claim(String file, Set<String> claimed) {
            this.file = file;
            this.claimed = claimed;
        }

        /** The file, relative to the root. */
        @Override
        public String file() {
            return file;
        }

        @Override
        public void close() {
            claimed.remove(file);
        }
    }

    /** The absolute path of a stored relative path; refuses paths that would leave the root. */
    @Override
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
    @Override
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
