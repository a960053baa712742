package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.application.ControlOperation;
import org.activerecorder.application.ControlRequest;
import org.activerecorder.application.calls.CallControl;
import org.activerecorder.application.calls.CallControlCommand;
import org.activerecorder.application.ports.RecordingFolder;
import org.activerecorder.domain.model.recording.Recording;

import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Tells call control what happened to a recording, through the {@link CallControl} port: an operation carried out on
 * request is passed on as its {@code TRequestPrivateService} (3014 stop, 3015 pause, 3016 resume), and every change of
 * what the recorder records goes back as a user-data update with the recording state ({@code ON}, {@code PAUSED},
 * {@code OFF}) and the file name, under the keys of {@link RecorderSettings} (Genesys SIP Server's by default), so
 * desktops and strategies that read the SIP Server's keys read the recorder's. Called inside the transaction that
 * made the change: the port sends when it commits.
 */
@ApplicationScoped
public class CallControlReports {

    /** What the recorder records of the call's DN, as the state key says it. */
    public enum State {
        /** Audio is being recorded. */
        ON,
        /** The recording is paused on request: silence is recorded. */
        PAUSED,
        /** Nothing is recorded: the recording was stopped, finished or failed. */
        OFF
    }

    private static final Logger LOG = Logger.getLogger(CallControlReports.class.getName());

    @Inject
    private CallControl callControl;

    @Inject
    private RecorderSettings settings;

    @Inject
    private RecordingFolder storage;

    /** For CDI. */
    public CallControlReports() {
    }

    /** Reports over these collaborators: for tests. */
    CallControlReports(CallControl callControl, RecorderSettings settings, RecordingFolder storage) {
        this.callControl = callControl;
        this.settings = settings;
        this.storage = storage;
    }

    /**
     * A pause, resume or stop carried out on request, passed on so that call control (and the Media Server) follow,
     * with the requester's {@code id} (the recording's when it gave none). A start is asked of call control by
     * {@link RecordingRequests}, with the recording's {@code record=} id.
     */
    public void operation(ControlOperation operation, Recording recording, ControlRequest request) {
        CallControlCommand.Type type = switch (operation) {
            case STOP -> CallControlCommand.Type.STOP_RECORDING;
            case PAUSE -> CallControlCommand.Type.PAUSE_RECORDING;
            case RESUME -> CallControlCommand.Type.RESUME_RECORDING;
            case START -> throw new IllegalArgumentException("a start is requested through RecordingRequests");
        };
        callControl.send(new CallControlCommand(type, recording.call().callUuid(), recording.call().connId(),
                recording.recordDn().value(), request.id() != null ? request.id() : recording.requestId().value(),
                request.dest(), Map.of(), "request by " + request.requestedBy(), request.arrivedAt()));
    }

    /** The recording's state and file name, attached to the call. */
    public void state(Recording recording, State state, Instant at, String why) {
        String file = file(recording);
        callControl.send(new CallControlCommand(CallControlCommand.Type.USER_DATA_UPDATE,
                recording.call().callUuid(), recording.call().connId(), recording.recordDn().value(),
                recording.requestId().value(), null,
                Map.of(settings.stateKey(), state.name(), settings.fileKey(), file),
                "recording " + recording.id() + " " + why, at));
        LOG.fine(() -> "Recording " + recording.id() + " of call " + recording.call().callUuid() + ": state " + state
                + " sent to call control (" + why + ")");
    }

    /**
     * The file the recording is in once assembled; before that, the one it is to be: named by its template (a
     * {@code -2} suffix is added at assembly if another recording took that name meanwhile, and the final report,
     * {@code OFF}, names the real file) or {@code <callUuid>_<recordingId>.wav}.
     */
    private String file(Recording recording) {
        if (recording.audioFile() != null) {
            return recording.audioFile();
        }
        return RecordingFileName.of(recording).map(name -> storage.recordingFile(recording.startedAt(), name))
                .orElseGet(() -> storage.recordingFile(recording.startedAt(), recording.call().callUuid().value(),
                        recording.id()));
    }
}
