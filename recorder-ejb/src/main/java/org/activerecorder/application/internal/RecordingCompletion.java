package org.activerecorder.application.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.application.events.RecordingEvents;
import org.activerecorder.application.events.RecordingFailed;
import org.activerecorder.application.events.RecordingFileHashed;
import org.activerecorder.application.events.RecordingPurged;
import org.activerecorder.application.ports.RecordingFolder;
import org.activerecorder.application.ports.StereoAssembly;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.RecordingStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The sweep's work on recordings, each call in a transaction of its own with the recording locked, so that one
 * recording that cannot be finished never holds back the others, and a recording is never finished twice by the
 * sweep and a late stream end at once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RecordingCompletion {

    private static final Logger LOG = Logger.getLogger(RecordingCompletion.class.getName());

    @Inject
    private RecordingRepository recordings;

    @Inject
    private RecordingAssembly assembly;

    @Inject
    private StreamFiles files;

    @Inject
    private RecorderSettings settings;

    @Inject
    private RecordingEvents events;

    @Inject
    private CallControlReports callControl;

    @Inject
    private RecordingFolder storage;

    @Inject
    private AuditTrail audit;

    /** For the container. */
    public RecordingCompletion() {
    }

    /** The retention part over these collaborators: for tests. */
    RecordingCompletion(RecordingRepository recordings, RecordingFolder storage, RecorderSettings settings,
                        RecordingEvents events, AuditTrail audit) {
        this.recordings = recordings;
        this.audit = audit;
        this.storage = storage;
        this.settings = settings;
        this.events = events;
    }

    /** Active recordings whose streams have all ended. */
    public List<Long> awaitingAssembly() {
        return recordings.activeWithAllStreamsEnded();
    }

    /** Failed recordings with assembly attempts left. */
    public List<Long> failed() {
        return recordings.failedWithAttemptsLeft(Recording.MAX_ASSEMBLY_ATTEMPTS);
    }

    /** Recordings started on request whose media has not come within {@link RecorderSettings#requestedTimeout()}. */
    public List<Long> requestedTooLongAgo() {
        return recordings.requestedBefore(Instant.now().minus(settings.requestedTimeout()));
    }

    /**
     * Fails a recording started on request whose media has not come in time (unless a session joined it meanwhile),
     * says so as a RecordingFailed event, and tells call control nothing is recorded.
     *
     * @return whether it failed
     */
    public boolean failIfNoMedia(long recordingId) {
        Optional<Recording> locked = recordings.lock(recordingId);
        Duration timeout = settings.requestedTimeout();
        Instant now = Instant.now();
        if (locked.isEmpty() || locked.get().state() != RecordingState.REQUESTED
                || locked.get().startedAt().plus(timeout).isAfter(now)) {
            return false;
        }
        Recording recording = locked.get();
        String reason = "started on request at " + recording.startedAt() + ", but no session of the Media Server"
                + " came within " + timeout.toSeconds() + " s (" + RecorderSettings.REQUESTED_TIMEOUT_SECONDS
                + "): call control did not act on START_RECORDING for DN " + recording.recordDn() + " with record="
                + recording.requestId() + "; its bridge's log says why";
        recording.noMediaCame(reason, now);
        events.publish(new RecordingFailed(RecordingFailed.TYPE, recording.id(), recording.call().callUuid().value(),
                recording.recordDn().value(), reason, now));
        callControl.state(recording, CallControlReports.State.OFF, now, "no media came");
        LOG.warning(() -> "Recording " + recordingId + " of call " + recording.call().callUuid() + " failed: " + reason);
        return true;
    }

    /** Recordings whose retention has ended and whose audio is still kept, the oldest {@code max} first. */
    public List<Long> retentionEnded(int max) {
        return recordings.retentionEndedBy(Instant.now(), max);
    }

    /**
     * Deletes a recording's audio at the end of its retention, unless retention is not enforced
     * ({@link RecorderSettings#RETENTION_ENFORCED}) or it is not due (any more): the file is deleted in the
     * transaction that marks the recording purged, so a failure to delete rolls the mark back and the next sweep tries
     * again; a file already gone is no failure. Publishes RecordingPurged.
     *
     * @return whether its audio was deleted
     */
    public boolean purgeIfDue(long recordingId) {
        if (!settings.retentionEnforced()) {
            return false;
        }
        Optional<Recording> locked = recordings.lock(recordingId);
        Instant now = Instant.now();
        if (locked.isEmpty() || !locked.get().purgeDue(now)) {
            return false;
        }
        Recording recording = locked.get();
        String file = recording.purge(now);
        try {
            Files.deleteIfExists(storage.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + " of recording " + recordingId
                    + " at the end of its retention", e);
        }
        events.publish(new RecordingPurged(RecordingPurged.TYPE, recording.id(), recording.call().callUuid().value(),
                recording.recordDn().value(), file, recording.sha256(), recording.filing().retentionDays(),
                recording.retainUntil().orElseThrow(), now));
        audit.recordBySystem(AuditAction.RECORDING_PURGED, AuditTarget.recording(recordingId), "file " + file
                + " (sha256 " + recording.sha256() + ") deleted: retention of " + recording.filing().retentionDays()
                + " day(s) ended at " + recording.retainUntil().orElseThrow());
        LOG.info(() -> "Recording " + recordingId + " of call " + recording.call().callUuid() + ": its retention of "
                + recording.filing().retentionDays() + " day(s) ended at " + recording.retainUntil().orElseThrow()
                + "; its audio " + file + " (sha256 " + recording.sha256() + ") is deleted");
        return true;
    }

    /**
     * Recordings stored by {@code finishedBy} without their file's SHA-256 ({@code recorder.file-sha256 =
     * after-completion}), oldest first.
     */
    public List<Long> fileHashDue(Instant finishedBy, int max) {
        return recordings.fileHashDue(finishedBy, max);
    }

    /**
     * Reads a stored recording's file back for its SHA-256, if it was stored without it, stores it and publishes
     * RecordingFileHashed. A file that cannot be read leaves the recording as it is, for the next sweep (logged).
     *
     * @return whether it was hashed
     */
    public boolean hashFileIfDue(long recordingId) {
        Optional<Recording> locked = recordings.lock(recordingId);
        if (locked.isEmpty() || !locked.get().fileHashDue()) {
            return false;
        }
        Recording recording = locked.get();
        Path file = storage.resolve(recording.audioFile());
        String sha256;
        try {
            sha256 = StereoAssembly.sha256Of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + recordingId + "'s file " + file
                    + " back for its SHA-256", e);
        }
        recording.fileHashed(sha256);
        Instant now = Instant.now();
        events.publish(new RecordingFileHashed(RecordingFileHashed.TYPE, recording.id(),
                recording.call().callUuid().value(), recording.recordDn().value(), file.toString(), sha256,
                recording.audioSha256(), now));
        LOG.fine(() -> "Recording " + recordingId + "'s file " + file + " hashed after its completion: sha256 "
                + sha256);
        return true;
    }

    /** Streams open in the database (opened before now). */
    public List<String> openStreams() {
        return recordings.openStreamIdsOpenedBefore(Instant.now());
    }

    /**
     * Assembles the recording if its streams have all ended and it need not wait (any more) for a second party.
     *
     * @return whether it was assembled (or its assembly failed)
     */
    public boolean finishIfReady(long recordingId) {
        return recordings.lock(recordingId).map(assembly::finishIfReady).orElse(false);
    }

    /**
     * Assembles a failed recording again, if an attempt is due and every stream file is still there.
     *
     * @return whether it was tried
     */
    public boolean reassembleIfDue(long recordingId) {
        Optional<Recording> locked = recordings.lock(recordingId);
        if (locked.isEmpty() || !locked.get().reassemblyDue(Instant.now())) {
            return false;
        }
        Recording recording = locked.get();
        List<String> absent = recording.streams().stream().map(RecordingStream::audioFile)
                .filter(file -> !files.exists(file)).toList();
        if (!absent.isEmpty()) {
            LOG.fine(() -> "Failed recording " + recordingId + " is not assembled again: stream files missing " + absent);
            return false;
        }
        LOG.info(() -> "Assembling failed recording " + recordingId + " again (attempt "
                + (recording.assemblyAttempts() + 1) + " of " + Recording.MAX_ASSEMBLY_ATTEMPTS + ")");
        assembly.finish(recording, settings.completenessPolicy());
        return true;
    }
}
