package org.activerecorder.application.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.application.CallReference;
import org.activerecorder.application.ControlOperation;
import org.activerecorder.application.ControlRefused;
import org.activerecorder.application.ControlRequest;
import org.activerecorder.application.RecordingControl;
import org.activerecorder.application.RecordingControlled;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.application.events.RecordingControlEvent;
import org.activerecorder.application.events.RecordingEvents;
import org.activerecorder.application.events.RecordingFailed;
import org.activerecorder.application.ports.MediaPlane;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallRepository;
import org.activerecorder.domain.model.call.CallState;
import org.activerecorder.domain.model.recording.IllegalRecordingStateException;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingPhase;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Carries out pause, resume and stop: the recording's state machine decides, the media plane is told through the
 * intake's stream operations (the same path a SIP hold takes), the move is published, and call control hears of it
 * (the operation passed on, the recording state attached to the call) when the transaction commits. The call and then the
 * recording are locked, so a request never crosses a session joining, a stream ending or the assembly: a stream that
 * joins after a pause sees it (and is silenced from its start), and a stop's stream ends are applied after it commits.
 */
@Stateless
@SecurityDomain("recorder")
@RolesAllowed({"admin", "supervisor", "control"})
public class RecordingControlService implements RecordingControl {

    private static final Logger LOG = Logger.getLogger(RecordingControlService.class.getName());

    @Inject
    private CallRepository calls;

    @Inject
    private RecordingRepository recordings;

    @Inject
    private StreamIntake streams;

    @Inject
    private RecordingEvents events;

    @Inject
    private CallControlReports callControl;

    @Inject
    private RecordingRequests requests;

    @Inject
    private MediaPlane media;

    @Inject
    private LiveMediaStart liveMedia;

    @Inject
    private AuditTrail audit;

    /** For the container. */
    public RecordingControlService() {
    }

    /** A service over these collaborators: for tests. */
    RecordingControlService(CallRepository calls, RecordingRepository recordings, StreamIntake streams,
                            RecordingEvents events, CallControlReports callControl, RecordingRequests requests,
                            MediaPlane media, LiveMediaStart liveMedia, AuditTrail audit) {
        this.calls = calls;
        this.recordings = recordings;
        this.streams = streams;
        this.events = events;
        this.callControl = callControl;
        this.requests = requests;
        this.media = media;
        this.liveMedia = liveMedia;
        this.audit = audit;
    }

    @Override
    public RecordingControlled apply(ControlOperation operation, ControlRequest request) throws ControlRefused {
        RecordingControlled done = carryOut(operation, request);
        audit.record(AuditAction.RECORDING_CONTROLLED, AuditTarget.recording(done.recordingId()), operation
                + " requested by " + done.requestedBy() + ": now " + done.control());
        return done;
    }

    private RecordingControlled carryOut(ControlOperation operation, ControlRequest request) throws ControlRefused {
        if (request.call().connId() != null && request.dn() == null) {
            // T-Lib names a call by the DN and the connection id together; the DN also picks the recording
            throw new ControlRefused(ControlRefused.Reason.INCOMPLETE, "a call named by its connId needs its DN"
                    + " too (T-Lib's thisDn): give \"dn\"");
        }
        if (operation == ControlOperation.START) {
            return start(request);
        }
        Recording recording = target(request);
        List<RecordingStream> open = recording.openStreams();
        boolean wasRequested = recording.state() == RecordingState.REQUESTED;
        try {
            switch (operation) {
                case PAUSE -> recording.pause(request.arrivedAt(), request.requestedBy());
                case RESUME -> recording.resume(request.arrivedAt(), request.requestedBy());
                case STOP -> recording.stop(request.arrivedAt(), request.requestedBy());
                default -> throw new IllegalArgumentException(operation.name());
            }
        } catch (IllegalRecordingStateException refused) {
            throw new ControlRefused(ControlRefused.Reason.NOT_ALLOWED, refused.getMessage(),
                    recording.call().callUuid());
        }
        tellMediaPlane(operation, open, request.arrivedAt());
        LOG.info(() -> "Recording " + recording.id() + " of call " + recording.call().callUuid() + ": " + operation
                + " by " + request.requestedBy() + " at " + request.arrivedAt() + ", " + open.size()
                + " open stream(s); now " + recording.control());
        callControl.operation(operation, recording, request);
        callControl.state(recording, switch (operation) {
            case PAUSE -> CallControlReports.State.PAUSED;
            case RESUME -> CallControlReports.State.ON;
            default -> CallControlReports.State.OFF;
        }, request.arrivedAt(), operation.name().toLowerCase(Locale.ROOT) + " by " + request.requestedBy());
        events.publish(new RecordingControlEvent(eventType(operation), recording.id(),
                recording.call().callUuid().value(), recording.requestId().value(), recording.recordDn().value(),
                recording.control().name(), request.requestedBy(), request.arrivedAt(), request.id(), request.dest(),
                open.size()));
        if (wasRequested && recording.state() == RecordingState.FAILED) {
            // stopped before its media came: it ends here, and says so as every recording that ends does
            events.publish(new RecordingFailed(RecordingFailed.TYPE, recording.id(),
                    recording.call().callUuid().value(), recording.recordDn().value(), recording.failureReason(),
                    request.arrivedAt()));
        }
        return new RecordingControlled(recording.id(), recording.call().callUuid().value(),
                recording.requestId().value(), recording.recordDn().value(), operation.name(),
                recording.control().name(), recording.state().name(), request.arrivedAt(), recording.pausedSince(),
                request.requestedBy(), open.size());
    }

    /** The open streams follow the move, from the request's instant (the same path a SIP hold takes). */
    private void tellMediaPlane(ControlOperation operation, List<RecordingStream> open, Instant at) {
        for (RecordingStream stream : open) {
            switch (operation) {
                case PAUSE -> streams.pauseStream(stream.id(), at);
                case RESUME -> streams.resumeStream(stream.id(), at);
                default -> {
                    // the file ends at the request's instant; the session's media goes on, not recorded, and a start
                    // may take it again (LiveMediaStart). A stream the media plane no longer has is ended as a BYE does.
                    if (!media.stopRecording(stream.id(), at)) {
                        streams.endStream(stream.id());
                    }
                }
            }
        }
    }

    /**
     * A new recording of the DN: on the media of its stopped recording when the sessions still send
     * ({@link LiveMediaStart}), active at once, else requested of call control ({@link RecordingRequests}). The call
     * is locked so that two starts of one DN never make two recordings, and a start of a DN the call already records
     * (or waits for) is refused.
     */
    private RecordingControlled start(ControlRequest request) throws ControlRefused {
        if (request.dn() == null) {
            throw new ControlRefused(ControlRefused.Reason.INCOMPLETE, "start needs the DN to record: give \"dn\"");
        }
        CallReference reference = request.call();
        Call call = calls.lock(reference.callUuid() != null ? calls.findOrCreate(reference.callUuid())
                : byConnId(reference.connId()));
        Optional<Recording> running = requests.underway(call, request.dn());
        if (running.isPresent()) {
            throw new ControlRefused(ControlRefused.Reason.NOT_ALLOWED, "call " + call.callUuid() + " already "
                    + (running.get().phase() == RecordingPhase.REQUESTED ? "waits for the media of" : "records")
                    + " DN " + request.dn() + " (recording " + running.get().id() + ", " + running.get().phase()
                    + "); stop it first", call.callUuid());
        }
        RecordingRequests.Ask ask = new RecordingRequests.Ask(request.dn(), request.id(), request.dest(),
                request.requestedBy(), "request by " + request.requestedBy(), request.arrivedAt());
        Optional<Recording> onLiveMedia = liveMedia.start(call, ask);
        Recording recording = onLiveMedia.orElseGet(() -> requests.request(call, ask));
        int streamCount = recording.openStreams().size();
        if (onLiveMedia.isPresent()) {
            callControl.state(recording, CallControlReports.State.ON, request.arrivedAt(),
                    "start by " + request.requestedBy() + " on the call's media");
            events.publish(new RecordingControlEvent(RecordingControlEvent.STARTED, recording.id(),
                    call.callUuid().value(), recording.requestId().value(), request.dn().value(),
                    recording.control().name(), request.requestedBy(), request.arrivedAt(), request.id(),
                    request.dest(), streamCount));
        }
        return new RecordingControlled(recording.id(), call.callUuid().value(), recording.requestId().value(),
                request.dn().value(), ControlOperation.START.name(), recording.control().name(),
                recording.state().name(), request.arrivedAt(), null, request.requestedBy(), streamCount);
    }

    /**
     * The recording the request is about, locked. The call's lock comes first, as a joining session takes it, so
     * that a session joining at this moment either is part of the recording when it is paused or stopped, or sees
     * the pause or stop when it joins.
     */
    private Recording target(ControlRequest request) throws ControlRefused {
        CallReference reference = request.call();
        Call call = reference.callUuid() == null ? byConnId(reference.connId())
                : calls.findByCallUuid(reference.callUuid()).orElseThrow(() -> new ControlRefused(
                        ControlRefused.Reason.UNKNOWN, "the recorder knows no call " + reference.callUuid()));
        Call locked = calls.lock(call);
        List<Recording> ofCall = recordings.ofCall(locked);
        Optional<Recording> chosen;
        if (request.dn() != null) {
            chosen = ofCall.stream().filter(r -> r.recordDn().equals(request.dn())).findFirst();
        } else {
            chosen = ofCall.stream().filter(r -> r.state() == RecordingState.ACTIVE
                            || r.state() == RecordingState.REQUESTED).findFirst()
                    .or(() -> ofCall.stream().findFirst());
        }
        Recording found = chosen.orElseThrow(() -> new ControlRefused(ControlRefused.Reason.UNKNOWN,
                request.dn() == null ? "call " + locked.callUuid() + " has no recording"
                        : "call " + locked.callUuid() + " has no recording of DN " + request.dn(), locked.callUuid()));
        return recordings.lock(found.id()).orElseThrow(() -> new ControlRefused(ControlRefused.Reason.UNKNOWN,
                "recording " + found.id() + " of call " + locked.callUuid() + " no longer exists", locked.callUuid()));
    }

    /**
     * The call T-Server knows by this connection id now. T-Server reuses connection ids, so several calls may have had
     * it: the most recent one not released is meant; a single call that had it is meant even when released (a stop
     * after the release); several released ones are ambiguous.
     */
    private Call byConnId(String connId) throws ControlRefused {
        List<Call> had = calls.findByConnId(connId);
        if (had.isEmpty()) {
            throw new ControlRefused(ControlRefused.Reason.UNKNOWN, "no call with connId " + connId
                    + " is known: send its call event first");
        }
        Optional<Call> live = had.stream().filter(call -> call.state() != CallState.RELEASED).findFirst();
        if (live.isPresent() || had.size() == 1) {
            return live.orElse(had.get(0));
        }
        throw new ControlRefused(ControlRefused.Reason.UNKNOWN, "connId " + connId + " named " + had.size()
                + " calls, all released (the most recent " + had.get(0).callUuid() + "): name the call by its"
                + " callUuid");
    }

    private static String eventType(ControlOperation operation) {
        return switch (operation) {
            case PAUSE -> RecordingControlEvent.PAUSED;
            case RESUME -> RecordingControlEvent.RESUMED;
            default -> RecordingControlEvent.STOPPED;
        };
    }
}
