package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingStream;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * What is left of a session the Media Server gave up (its 200 OK was never ACKed): its streams that ended without
 * receiving anything are dropped with their files, and a recording left without streams is deleted, so that such a
 * session leaves no recording at all rather than an empty "completed" one. A stream that received media is kept
 * and recorded as usual: a lost ACK must not lose speech. Called with the recording locked, in the caller's
 * transaction; files are deleted only once it has committed.
 */
@ApplicationScoped
public class UnacknowledgedSessions {

    private static final Logger LOG = Logger.getLogger(UnacknowledgedSessions.class.getName());

    @Inject
    private RecordingRepository recordings;

    @Inject
    private StreamFiles files;

    @Inject
    private TransactionCallbacks transaction;

    /** For CDI. */
    public UnacknowledgedSessions() {
    }

    /** Over these: for tests. */
    UnacknowledgedSessions(RecordingRepository recordings, StreamFiles files, TransactionCallbacks transaction) {
        this.recordings = recordings;
        this.files = files;
        this.transaction = transaction;
    }

    /**
     * Drops the recording's ended, unacknowledged, silent streams, and the recording itself if none is left.
     *
     * @return whether the recording was deleted (nothing more is to be done with it)
     */
    public boolean dropSilentStreams(Recording recording) {
        List<RecordingStream> dropped = recording.dropUnacknowledgedSilentStreams();
        if (dropped.isEmpty()) {
            return false;
        }
        List<Path> paths = dropped.stream().map(stream -> files.path(stream.audioFile())).toList();
        List<String> ids = dropped.stream().map(RecordingStream::id).toList();
        transaction.afterCommit(() -> paths.forEach(UnacknowledgedSessions::delete));
        if (!recording.hasNoStreams()) {
            LOG.info(() -> "Streams " + ids + " of recording " + recording.id() + " dropped: their sessions were "
                    + "never acknowledged and received no media");
            return false;
        }
        recordings.remove(recording);
        LOG.info(() -> "Recording " + recording.id() + " of call " + recording.call().callUuid() + " deleted: its "
                + "sessions were never acknowledged (no ACK for the 200 OK) and received no media (streams " + ids + ")");
        return true;
    }

    /** The stream's file, and its folder once empty; a file already gone is fine. */
    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
            Path folder = file.getParent();
            if (folder != null) {
                try {
                    Files.deleteIfExists(folder);
                } catch (DirectoryNotEmptyException | NoSuchFileException othersThere) {
                    // the recording's other files, or another recording's: the folder stays
                }
            }
        } catch (IOException e) {
            LOG.warning(() -> "Cannot delete the file " + file + " of a dropped stream: " + e.getMessage());
        }
    }
}
