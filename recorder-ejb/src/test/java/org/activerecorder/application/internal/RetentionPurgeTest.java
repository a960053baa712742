package org.activerecorder.application.internal;

import org.activerecorder.application.events.RecordingEvent;
import org.activerecorder.application.events.RecordingFileHashed;
import org.activerecorder.application.events.RecordingPurged;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.recording.CompletenessPolicy;
import org.activerecorder.domain.model.recording.Filing;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.StoredAudio;
import org.activerecorder.domain.model.recording.StreamDescription;
import org.activerecorder.domain.model.recording.StreamEnd;
import org.activerecorder.domain.model.recording.StreamEndReason;
import org.activerecorder.domain.model.recording.StreamStatistics;
import org.activerecorder.domain.model.recording.StreamTimeline;
import org.activerecorder.application.audit.RecordedAudit;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep's work on stored files. The purge at the end of a retention: the file goes, the recording says when, the
 * event names the file and its checksum; nothing goes before its time, twice, or while retention is not enforced.
 * The SHA-256 of a file stored without it ({@code recorder.file-sha256=after-completion}): read back once, stored,
 * published; a file that cannot be read stays due, a purged one is not read.
 */
class RetentionPurgeTest {

    private static final Instant FINISHED = Instant.now().minus(Duration.ofDays(2));

    @TempDir
    Path root;

    private final InMemoryRecordings recordings = new InMemoryRecordings();
    private final List<RecordingEvent> published = new ArrayList<>();
    private final RecordedAudit audit = new RecordedAudit();

    @Test
    void aRecordingWhoseRetentionEndedLosesItsAudioOnceAndSaysWhen() throws IOException {
        Recording due = finished("DUE", 1);
        Recording kept = finished("KEPT", 30);
        RecordingCompletion completion = completion("true");
        Path file = RecordingStorageForTests.at(root).resolve(due.audioFile());

        assertEquals(List.of(due.id()), completion.retentionEnded(10));
        assertTrue(completion.purgeIfDue(due.id()));

        assertFalse(Files.exists(file));
        assertTrue(Files.exists(RecordingStorageForTests.at(root).resolve(kept.audioFile())), "not due: kept");
        assertTrue(due.purgedAt().isPresent());
        RecordingPurged event = (RecordingPurged) published.get(0);
        assertEquals(due.id(), event.recordingId());
        assertEquals("DUE", event.callUuid());
        assertEquals(due.audioFile(), event.file());
        assertEquals("sha-DUE", event.sha256());
        assertEquals(1, event.retentionDays());
        assertEquals(FINISHED.plus(Duration.ofDays(1)), event.retainUntil());
        assertFalse(completion.purgeIfDue(due.id()), "once");
        assertFalse(completion.purgeIfDue(kept.id()), "not before its time");
        assertEquals(1, published.size());
        assertEquals(List.of(), completion.retentionEnded(10));
        assertEquals(1, audit.entries.size(), "one audit entry per purge: " + audit.entries);
        RecordedAudit.Entry purged = audit.entries.get(0);
        assertEquals("system", purged.user());
        assertEquals(AuditAction.RECORDING_PURGED, purged.action());
        assertEquals(AuditTarget.recording(due.id()), purged.target());
        assertTrue(purged.detail().contains("sha256 sha-DUE"), purged.detail());
    }

    @Test
    void nothingIsDeletedWhileRetentionIsNotEnforced() {
        Recording due = finished("HOLD", 1);

        assertFalse(completion("false").purgeIfDue(due.id()));

        assertTrue(Files.exists(RecordingStorageForTests.at(root).resolve(due.audioFile())));
        assertTrue(due.purgedAt().isEmpty());
        assertTrue(published.isEmpty());
    }

    @Test
    void aFileStoredWithoutItsSha256IsReadBackOnceAndItsHashStoredAndPublished() throws Exception {
        Recording later = finished("LATER", 30, null);
        Recording known = finished("KNOWN", 30, "sha-KNOWN");
        RecordingCompletion completion = completion("true");
        Path file = RecordingStorageForTests.at(root).resolve(later.audioFile());

        assertEquals(List.of(later.id()), completion.fileHashDue(Instant.now(), 10));
        assertEquals(List.of(), completion.fileHashDue(FINISHED.minusSeconds(1), 10), "not stored by then");
        assertTrue(completion.hashFileIfDue(later.id()));

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertEquals(sha256, later.sha256());
        assertEquals("audio-LATER", later.audioSha256(), "as the completion stored it");
        RecordingFileHashed event = (RecordingFileHashed) published.get(0);
        assertEquals("RecordingFileHashed", event.type());
        assertEquals(later.id(), event.recordingId());
        assertEquals("LATER", event.callUuid());
        assertEquals("1001", event.recordDn());
        assertEquals(file.toString(), event.file());
        assertEquals(sha256, event.sha256());
        assertEquals("audio-LATER", event.audioSha256());
        assertFalse(completion.hashFileIfDue(later.id()), "once");
        assertFalse(completion.hashFileIfDue(known.id()), "stored with it");
        assertEquals("sha-KNOWN", known.sha256());
        assertEquals(1, published.size());
        assertEquals(List.of(), completion.fileHashDue(Instant.now(), 10));
    }

    @Test
    void aFileThatCannotBeReadStaysDueAndAPurgedOneIsNotRead() throws IOException {
        Recording unreadable = finished("GONE", 30, null);
        Recording purged = finished("OLD", 1, null);
        RecordingCompletion completion = completion("true");
        Files.delete(RecordingStorageForTests.at(root).resolve(unreadable.audioFile()));
        assertTrue(completion.purgeIfDue(purged.id()));
        published.clear();

        assertThrows(UncheckedIOException.class, () -> completion.hashFileIfDue(unreadable.id()));

        assertNull(unreadable.sha256());
        assertEquals(List.of(unreadable.id()), completion.fileHashDue(Instant.now(), 10),
                "tried again by the next sweep");
        assertFalse(completion.hashFileIfDue(purged.id()), "its audio is deleted");
        assertNull(purged.sha256());
        assertTrue(published.isEmpty());
    }

    private RecordingCompletion completion(String enforced) {
        return new RecordingCompletion(recordings, RecordingStorageForTests.at(root), new RecorderSettings(
                name -> name.equals(RecorderSettings.RETENTION_ENFORCED) ? enforced : null, name -> null),
                published::add, audit);
    }

    /** A recording finished two days ago with a file and its SHA-256, kept {@code days}. */
    private Recording finished(String callUuid, int days) {
        return finished(callUuid, days, "sha-" + callUuid);
    }

    /** The same, stored with the file's SHA-256 {@code sha256} ({@code null}: to be taken) and its audio data's. */
    private Recording finished(String callUuid, int days, String sha256) {
        Recording recording = Recording.requested(new Call(new CallUuid(callUuid), FINISHED), new RecordingRequestId(
                "rec-" + callUuid), new Dn("1001"), new Filing(null, days), FINISHED.minusSeconds(60));
        recordings.add(recording);
        recording.mediaJoins(FINISHED.minusSeconds(60));
        recording.addStream(new StreamDescription("s-" + callUuid, new Dn("1001"), "c", "PCMU", 0, 8000, null,
                "s.wav"), FINISHED.minusSeconds(60));
        recording.streamEnded("s-" + callUuid, new StreamEnd(FINISHED.minusSeconds(60), StreamStatistics.NONE,
                StreamEndReason.REQUESTED, StreamTimeline.EMPTY), FINISHED);
        String file = "2026/11/29/" + callUuid + ".wav";
        try {
            Path path = RecordingStorageForTests.at(root).resolve(file);
            Files.createDirectories(path.getParent());
            Files.write(path, new byte[]{1, 2, 3});
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        recording.complete(new StoredAudio(file, FINISHED.minusSeconds(60), Duration.ofSeconds(60), sha256,
                "audio-" + callUuid), Set.of(), CompletenessPolicy.defaults(), FINISHED);
        return recording;
    }
}
