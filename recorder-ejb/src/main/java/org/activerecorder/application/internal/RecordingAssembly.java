package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.application.events.CompletenessSummary;
import org.activerecorder.application.events.RecordingCompleted;
import org.activerecorder.application.events.RecordingEvent;
import org.activerecorder.application.events.RecordingEvents;
import org.activerecorder.application.events.RecordingFailed;
import org.activerecorder.application.events.RecordingIncomplete;
import org.activerecorder.application.ports.AssembledFile;
import org.activerecorder.application.ports.ChannelSource;
import org.activerecorder.application.ports.FileRemoval;
import org.activerecorder.application.ports.RecordingFolder;
import org.activerecorder.application.ports.StereoAssembly;
import org.activerecorder.domain.model.recording.ChannelLayout;
import org.activerecorder.domain.model.recording.CompletenessPolicy;
import org.activerecorder.domain.model.recording.ControlState;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.StoredAudio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finishes a recording whose streams have all ended: assembles every stream of each party into its channel of the
 * stereo file (recorded party left, other party right, each stream at its first sample), lets the domain judge the
 * recording complete or incomplete, and publishes the event. Runs inside the caller's transaction (the recording
 * locked); the file is named by the recording's file-name template when its decision gave one
 * ({@link RecordingFileName}, never over another recording's file), else {@code <callUuid>_<recordingId>.wav}; the
 * event goes out only if it commits, and only then are the stream files whose audio is in the stereo
 * file removed (set {@code recorder.keep-stream-files=true} to keep them). A failed assembly keeps every file.
 */
@ApplicationScoped
public class RecordingAssembly {

    private static final Logger LOG = Logger.getLogger(RecordingAssembly.class.getName());
    /** The recording's rate when every party is narrowband (G.711, L16/8000), or sent nothing. */
    private static final int NARROWBAND_RATE = 8000;

    @Inject
    private RecordingFolder storage;

    @Inject
    private StreamFiles files;

    @Inject
    private StereoAssembly assembler;

    @Inject
    private RecordingEvents events;

    @Inject
    private TransactionCallbacks transaction;

    @Inject
    private RecorderSettings settings;

    @Inject
    private CallControlReports callControl;

    @Inject
    private FileRemoval removal;

    /**
     * When a recording's finish last began, on {@link System#nanoTime()}'s clock: the sweep leaves the files stored
     * without their SHA-256 until the finishes pause ({@link #quietFor}), so that reading them back does not take
     * the cores from the completions it was put off for.
     */
    private volatile long lastFinishNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    /** For CDI. */
    public RecordingAssembly() {
    }

    /** An assembly with its collaborators: for tests. */
    RecordingAssembly(RecordingFolder storage, StreamFiles files, StereoAssembly assembler, RecordingEvents events,
                      TransactionCallbacks transaction, RecorderSettings settings, CallControlReports callControl,
                      FileRemoval removal) {
        this.storage = storage;
        this.files = files;
        this.assembler = assembler;
        this.events = events;
        this.transaction = transaction;
        this.settings = settings;
        this.callControl = callControl;
        this.removal = removal;
    }

    /**
     * Assembles the recording if its time has come (see {@link Recording#readyToAssemble}).
     *
     * @return whether it was assembled (or its assembly failed)
     */
    boolean finishIfReady(Recording recording) {
        CompletenessPolicy policy = settings.completenessPolicy();
        if (!recording.readyToAssemble(Instant.now(), policy.loneStreamGrace())) {
            return false;
        }
        finish(recording, policy);
        return true;
    }

    /** Assembles a recording whose streams have all ended (again, if it failed before). */
    void finish(Recording recording, CompletenessPolicy policy) {
        lastFinishNanos = System.nanoTime();
        String callUuid = recording.call().callUuid().value();
        Instant now = Instant.now();
        Set<String> absent = new HashSet<>();
        for (RecordingStream stream : recording.streams()) {
            if (!files.exists(stream.audioFile())) {
                absent.add(stream.id());
            }
        }
        ChannelLayout layout = recording.channelLayout();
        List<RecordingStream> placed = new ArrayList<>();
        List<ChannelSource> left = sources(layout.left(), absent, placed);
        List<ChannelSource> right = sources(layout.right(), absent, placed);
        AssembledFile assembled;
        String file;
        RecordingFolder.Claim named = null;
        try {
            named = RecordingFileName.of(recording).map(n -> storage.claimRecordingFile(recording.startedAt(), n))
                    .orElse(null);
            file = named != null ? named.file()
                    : storage.recordingFile(recording.startedAt(), callUuid, recording.id());
            assembled = assembler.assemble(recording.id(), left, right, storage.resolve(file), sampleRate(placed),
                    settings.fileSha256AtCompletion());
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // Whatever the assembler could not do, the recording says so (FAILED, stream files kept, tried again
            // by the sweep) rather than rolling back to an active recording that fails the same way every time.
            failed(recording, callUuid, "cannot assemble the stereo file: " + e.getMessage(), e, now);
            return;
        } finally {
            if (named != null) {
                named.close(); // the file is in place (the name is taken on disk) or was never written
            }
        }
        deleteUnlessCommitted(assembled.file());
        Set<String> missing = new HashSet<>(absent);
        missing.addAll(streamsOf(recording, assembled.missing()));
        Instant start = placed.stream().map(RecordingStream::firstSampleAt).min(Instant::compareTo).orElse(null);
        RecordingState state = recording.complete(
                new StoredAudio(file, start, assembled.duration(), assembled.sha256(), assembled.audioSha256()),
                missing, policy, now);
        events.publish(finishedEvent(recording, assembled, state, now));
        reportOff(recording, now, state.name().toLowerCase(Locale.ROOT));
        LOG.info(() -> "Recording " + recording.id() + " of call " + callUuid + " " + state + ": "
                + assembled.file() + ", " + assembled.duration().toMillis() + " ms, "
                + (assembled.sha256() == null ? "audio data sha256 " + assembled.audioSha256()
                : "sha256 " + assembled.sha256())
                + (recording.reasons().isEmpty() ? "" : "; " + recording.reasons()));
        removeStreamFilesAfterCommit(recording, missing);
    }

    /** Whether no recording began to be finished in the last {@code quiet}. */
    boolean quietFor(Duration quiet) {
        return System.nanoTime() - lastFinishNanos >= quiet.toNanos();
    }

    private void failed(Recording recording, String callUuid, String reason, Exception cause, Instant now) {
        LOG.log(Level.SEVERE, "Recording " + recording.id() + " failed (attempt " + (recording.assemblyAttempts() + 1)
                + " of " + Recording.MAX_ASSEMBLY_ATTEMPTS + "); stream files kept", cause);
        if (recording.assemblyFailed(reason, now)) {
            events.publish(new RecordingFailed(RecordingFailed.TYPE, recording.id(), callUuid,
                    recording.recordDn().value(), reason, now));
            reportOff(recording, now, "failed");
        }
    }

    /** Call control hears that nothing is recorded any more, unless a stop already told it so. */
    private void reportOff(Recording recording, Instant at, String why) {
        if (recording.control() != ControlState.STOPPED) {
            callControl.state(recording, CallControlReports.State.OFF, at, why);
        }
    }

    /**
     * 8 kHz when every placed stream is narrowband, else the widest stream's rate (16 kHz): a wideband party keeps
     * its bandwidth, and the narrowband one is up-sampled beside it.
     */
    private static int sampleRate(List<RecordingStream> placed) {
        int rate = NARROWBAND_RATE;
        for (RecordingStream stream : placed) {
            rate = Math.max(rate, stream.sampleRate());
        }
        return rate;
    }

    /** The channel's streams that have audio and a file, each at its first sample; {@code placed} collects them. */
    private List<ChannelSource> sources(List<RecordingStream> channel, Set<String> absent,
                                        List<RecordingStream> placed) {
        List<ChannelSource> sources = new ArrayList<>();
        for (RecordingStream stream : channel) {
            if (stream.hasAudio() && !absent.contains(stream.id())) {
                sources.add(new ChannelSource(files.path(stream.audioFile()), stream.firstSampleAt()));
                placed.add(stream);
            }
        }
        return sources;
    }

    private Set<String> streamsOf(Recording recording, List<Path> paths) {
        Set<String> ids = new HashSet<>();
        for (Path path : paths) {
            Path normalized = path.toAbsolutePath().normalize();
            recording.streams().stream()
                    .filter(s -> files.path(s.audioFile()).equals(normalized))
                    .forEach(s -> ids.add(s.id()));
        }
        return ids;
    }

    private static RecordingEvent finishedEvent(Recording recording, AssembledFile assembled, RecordingState state,
                                                Instant at) {
        long id = recording.id();
        String callUuid = recording.call().callUuid().value();
        CompletenessSummary completeness = CompletenessSummary.of(recording);
        String file = assembled.file().toString();
        String audioUri = "/api/recordings/" + id + "/audio";
        long millis = assembled.duration().toMillis();
        if (state == RecordingState.INCOMPLETE) {
            return new RecordingIncomplete(RecordingIncomplete.TYPE, id, callUuid, recording.requestId().value(),
                    recording.recordDn().value(), dns(recording), file, audioUri, millis, assembled.sha256(),
                    assembled.audioSha256(), recording.startedAt(), at, completeness, completeness.reasons());
        }
        return new RecordingCompleted(RecordingCompleted.TYPE, id, callUuid, recording.requestId().value(),
                recording.recordDn().value(), dns(recording), file, audioUri, millis, assembled.sha256(),
                assembled.audioSha256(), recording.startedAt(), at, completeness);
    }

    /** The DNs of all streams, the left channel's first. */
    private static List<String> dns(Recording recording) {
        ChannelLayout layout = recording.channelLayout();
        List<String> dns = new ArrayList<>();
        List<RecordingStream> ordered = new ArrayList<>(layout.left());
        ordered.addAll(layout.right());
        ordered.addAll(recording.streams());
        for (RecordingStream stream : ordered) {
            if (!dns.contains(stream.dn().value())) {
                dns.add(stream.dn().value());
            }
        }
        return dns;
    }

    /**
     * The stereo file is written before the transaction that says it exists commits. If it rolls back, the recording
     * stays as it was (its stream files kept) and is assembled again; the file no row names goes, or it would hold
     * its name on disk and the next attempt would take {@code -2}.
     */
    private void deleteUnlessCommitted(Path file) {
        transaction.unlessCommitted(() -> {
            try {
                Files.deleteIfExists(file);
                LOG.warning(() -> "Stereo file " + file + " deleted: the transaction that stored it did not commit;"
                        + " the recording is assembled again from its stream files");
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Stereo file " + file + " was not stored (its transaction did not commit) and"
                        + " cannot be deleted", e);
            }
        });
    }

    private void removeStreamFilesAfterCommit(Recording recording, Set<String> missing) {
        if (Boolean.getBoolean("recorder.keep-stream-files")) {
            return;
        }
        // Only files whose audio is in the stereo file go: a missing or unreadable one stays for a person to look at.
        List<Path> included = recording.streams().stream()
                .filter(s -> !missing.contains(s.id()))
                .map(s -> files.path(s.audioFile()))
                .toList();
        transaction.afterCommit(() -> removal.remove(included));
    }
}
