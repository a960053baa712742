package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.application.ports.MediaPlane;
import org.activerecorder.application.ports.RecordingFolder;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.recording.ControlState;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingStream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A start on a call whose media still flows: the DN's last recording was stopped on request, but the Media Server's
 * sessions went on sending (a stop keeps their ports, see {@link MediaPlane#stopRecording}). Then nothing needs to
 * be asked of call control: a new recording of the call takes that media again from the start's instant, each stream
 * a new file on the same port. When the sessions have ended meanwhile there is no media to take, and the start goes
 * to call control as any other ({@link RecordingRequests}). The caller holds the call's lock and has checked that no
 * recording of the DN is underway.
 */
@ApplicationScoped
public class LiveMediaStart {

    private static final Logger LOG = Logger.getLogger(LiveMediaStart.class.getName());

    @Inject
    private RecordingRepository recordings;

    @Inject
    private RecordingFolder folder;

    @Inject
    private MediaPlane media;

    @Inject
    private RecordingRequests requests;

    @Inject
    private TransactionCallbacks transaction;

    /** For CDI. */
    public LiveMediaStart() {
    }

    /** A start over these collaborators: for tests. */
    LiveMediaStart(RecordingRepository recordings, RecordingFolder folder, MediaPlane media,
                   RecordingRequests requests, TransactionCallbacks transaction) {
        this.recordings = recordings;
        this.folder = folder;
        this.media = media;
        this.requests = requests;
        this.transaction = transaction;
    }

    /**
     * The new recording of the ask's DN on the media of its last stopped recording, active at once; empty when that
     * recording's sessions no longer send (or there is none), and nothing was changed.
     */
    public Optional<Recording> start(Call call, RecordingRequests.Ask ask) {
        Optional<Recording> stopped = recordings.ofCall(call).stream()
                .filter(r -> r.recordDn().equals(ask.dn()) && r.control() == ControlState.STOPPED)
                .filter(r -> r.streams().stream().anyMatch(RecordingStream::stoppedWithMediaKept))
                .max(Comparator.comparing(Recording::stoppedAt));
        if (stopped.isEmpty()) {
            return Optional.empty();
        }
        Recording again = Recording.again(stopped.get(), requests.requestId(call, ask), ask.at());
        recordings.add(again);
        List<String> taken = new ArrayList<>();
        for (RecordingStream kept : stopped.get().streams()) {
            if (kept.stoppedWithMediaKept()) {
                String streamId = UUID.randomUUID().toString();
                String file = folder.streamFile(again.startedAt(), again.id(), streamId);
                Optional<String> listening = media.recordAgain(kept.id(), streamId, file);
                if (listening.isPresent()) {
                    again.continueStream(kept, streamId, file, ask.at()).listeningAt(listening.get());
                    taken.add(kept.id() + " as " + streamId);
                    // if this transaction does not commit, no row knows the new stream: stop it again
                    transaction.unlessCommitted(() -> media.stopRecording(streamId, ask.at()));
                }
            }
        }
        if (taken.isEmpty()) {
            recordings.remove(again);
            LOG.info(() -> "Recording " + stopped.get().id() + " of call " + call.callUuid() + " was stopped and its"
                    + " sessions no longer send: a start of DN " + ask.dn() + " goes to call control");
            return Optional.empty();
        }
        LOG.info(() -> "Recording " + again.id() + " of call " + call.callUuid() + " started by " + ask.requestedBy()
                + " at " + ask.at() + " on the media of stopped recording " + stopped.get().id() + ": streams "
                + taken);
        return Optional.of(again);
    }
}
