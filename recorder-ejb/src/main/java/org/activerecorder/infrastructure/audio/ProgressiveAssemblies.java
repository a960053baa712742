package org.activerecorder.infrastructure.audio;

import io.micrometer.core.instrument.FunctionCounter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.application.ports.AssembledFile;
import org.activerecorder.application.ports.ChannelSource;
import org.activerecorder.application.ports.LiveStream;
import org.activerecorder.application.ports.ProgressiveAssembly;
import org.activerecorder.infrastructure.metrics.RecorderMeters;
import org.activerecorder.infrastructure.storage.RecordingStorage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The recordings whose stereo file is being built while they go on ({@link ProgressiveStereo}), each with its work
 * file in {@code <recordings folder>/.assembling/<recordingId>.wav} (the targets' file system, so the final move is
 * atomic). {@link ProgressivePass} extends them every five seconds; {@link StereoAssembler} finishes one when its
 * recording is assembled, or falls back to the full assembly when what was built does not fit. The pass and the
 * finish of one recording never run at once (its lock; a pass skips a recording being finished). A recording that
 * is finished, fails or is dropped leaves no work file; the folder is emptied when the application starts (after a
 * crash, recovery assembles from the stream files, as always).
 *
 * <p>How recordings ended is counted ({@link #finishedProgressively()}, {@link #fellBack()}; the meter
 * {@code recorder_recordings_assembled_total{way}}, docs/metrics.md) and each is logged at {@code FINE} with why
 * it fell back.
 */
@ApplicationScoped
public class ProgressiveAssemblies implements ProgressiveAssembly {

    static final String WORK_FOLDER = ".assembling";
    /** A recording whose streams have all ended and of which nothing was heard for this long was not assembled. */
    static final Duration LEFTOVER_AFTER = Duration.ofMinutes(15);

    private static final Logger LOG = Logger.getLogger(ProgressiveAssemblies.class.getName());

    @Inject
    private RecordingStorage storage;

    @Inject
    private RecorderMeters meters;

    private Path workFolder;
    private final Map<Long, ProgressiveStereo> recordings = new ConcurrentHashMap<>();
    /**
     * The recordings above by their streams' ids, so that a stream's settled first sample is told without a look-up
     * in the database (one transaction per stream less, series BL).
     */
    private final Map<String, ProgressiveStereo> byStream = new ConcurrentHashMap<>();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong fellBack = new AtomicLong();

    /** For CDI. */
    public ProgressiveAssemblies() {
    }

    /** Work files in {@code workFolder}: for tests. */
    ProgressiveAssemblies(Path workFolder) {
        this.workFolder = workFolder;
        emptyWorkFolder();
    }

    @PostConstruct
    void init() {
        workFolder = storage.root().resolve(WORK_FOLDER);
        emptyWorkFolder();
        FunctionCounter.builder("recorder.recordings.assembled", finished, AtomicLong::get).tag("way", "progressive")
                .description("recordings finished from the file built while they went on").baseUnit("recordings")
                .register(meters.registry());
        FunctionCounter.builder("recorder.recordings.assembled", fellBack, AtomicLong::get).tag("way", "full")
                .description("recordings assembled in full from their stream files (the log says why, at FINE)")
                .baseUnit("recordings").register(meters.registry());
    }

    @Override
    public void streamsNow(long recordingId, List<LiveStream> streams) {
        ProgressiveStereo recording = recording(recordingId);
        List<LiveStream> before = recording.streams();
        recording.streamsNow(streams, Instant.now());
        for (LiveStream stream : streams) {
            byStream.put(stream.streamId(), recording);
        }
        for (LiveStream gone : before) {
            if (streams.stream().noneMatch(stream -> stream.streamId().equals(gone.streamId()))) {
                byStream.remove(gone.streamId(), recording); // dropped from the recording
            }
        }
        if (recordings.get(recordingId) != recording) {
            forgetStreams(recording); // finished or discarded meanwhile
        }
    }

    @Override
    public void firstSampleSettled(long recordingId, String streamId, Instant firstSample) {
        recording(recordingId).settled(streamId, firstSample, Instant.now());
    }

    @Override
    public boolean firstSampleSettled(String streamId, Instant firstSample) {
        ProgressiveStereo recording = building(streamId);
        return recording != null && recording.settledIfOpen(streamId, firstSample, Instant.now());
    }

    @Override
    public boolean firstPacketArrived(String streamId, Instant arrival) {
        ProgressiveStereo recording = building(streamId);
        return recording != null && recording.firstPacketIfOpen(streamId, arrival, Instant.now());
    }

    /** The recording being built that lists the stream, or {@code null}. */
    private ProgressiveStereo building(String streamId) {
        ProgressiveStereo recording = byStream.get(streamId);
        return recording != null && recordings.get(recording.recordingId()) == recording ? recording : null;
    }

    @Override
    public void discard(long recordingId) {
        ProgressiveStereo recording = recordings.remove(recordingId);
        if (recording != null) {
            forgetStreams(recording);
            recording.lock.lock();
            try {
                recording.retire();
            } finally {
                recording.lock.unlock();
            }
        }
    }

    private void forgetStreams(ProgressiveStereo recording) {
        for (LiveStream stream : recording.streams()) {
            byStream.remove(stream.streamId(), recording);
        }
    }

    private ProgressiveStereo recording(long recordingId) {
        return recordings.computeIfAbsent(recordingId,
                id -> new ProgressiveStereo(id, workFolder.resolve(id + ".wav"), Instant.now()));
    }

    /**
     * Extends every recording's work file with what is final at {@code now}; one being finished is passed over.
     * Public, as everything called through the CDI proxy.
     */
    public void pass(Instant now) {
        for (ProgressiveStereo recording : recordings.values()) {
            if (recording.idleSince(now.minus(LEFTOVER_AFTER))) {
                LOG.warning(() -> "Recording " + recording.recordingId() + " ended " + LEFTOVER_AFTER.toMinutes()
                        + " minutes ago and was not assembled from its work file; the work file goes");
                discard(recording.recordingId());
                continue;
            }
            if (!recording.lock.tryLock()) {
                continue;
            }
            try {
                recording.advance(now);
            } catch (IOException | RuntimeException e) {
                recording.spoil("cannot build ahead: " + e);
                LOG.log(Level.FINE, "Recording " + recording.recordingId() + " cannot be built ahead; it will be"
                        + " assembled in full", e);
            } finally {
                recording.lock.unlock();
            }
        }
    }

    /**
     * Finishes recording {@code recordingId}'s file at {@code target} from its work file, if that holds exactly
     * what the full assembly of these inputs would write; its work file is gone afterwards either way.
     *
     * @return the file, or empty: the caller assembles in full
     */
    public Optional<AssembledFile> finish(long recordingId, List<ChannelSource> left, List<ChannelSource> right,
                                   Path target, int sampleRate, boolean fileSha256) {
        ProgressiveStereo recording = recordings.remove(recordingId);
        if (recording == null) {
            return fellBack(recordingId, "it was not built ahead");
        }
        forgetStreams(recording);
        recording.lock.lock();
        try {
            long built = recording.written();
            AssembledFile file = recording.finish(left, right, target, sampleRate, fileSha256);
            if (file == null) {
                return fellBack(recordingId, recording.spoilt());
            }
            finished.incrementAndGet();
            LOG.fine(() -> "Recording " + recordingId + " finished from its work file: " + built + " of "
                    + file.frames() + " frames built ahead");
            return Optional.of(file);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Recording " + recordingId + " cannot be finished from its work file; it is"
                    + " assembled in full", e);
            return fellBack(recordingId, "finishing failed: " + e);
        } finally {
            recording.retire();
            recording.lock.unlock();
        }
    }

    private Optional<AssembledFile> fellBack(long recordingId, String why) {
        fellBack.incrementAndGet();
        LOG.fine(() -> "Recording " + recordingId + " is assembled in full: " + why);
        return Optional.empty();
    }

    /** Recordings finished from their work file since the start. */
    public long finishedProgressively() {
        return finished.get();
    }

    /** Recordings assembled in full since the start (the log says why, at {@code FINE}). */
    public long fellBack() {
        return fellBack.get();
    }

    /** Recordings being built now. */
    int inProgress() {
        return recordings.size();
    }

    /** Streams of the recordings being built now. */
    int streamsKnown() {
        return byStream.size();
    }

    private void emptyWorkFolder() {
        if (!Files.isDirectory(workFolder)) {
            return;
        }
        try (DirectoryStream<Path> left = Files.newDirectoryStream(workFolder)) {
            for (Path file : left) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot empty the work folder " + workFolder + "; its files are never used", e);
        }
    }
}
