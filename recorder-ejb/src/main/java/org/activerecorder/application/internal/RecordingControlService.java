package org.activerecorder.application.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.activerecorder.application.ControlOperation;
import org.activerecorder.application.ControlRefused;
import org.activerecorder.application.ControlRequest;
import org.activerecorder.application.RecordingControl;
import org.activerecorder.application.RecordingControlled;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.application.events.RecordingControlEvent;
import org.activerecorder.application.events.RecordingEvents;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallRepository;
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
import java.util.UUID;
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

    /** For the container. */
    public RecordingControlService() {
    }

    /** A service over these collaborators: for tests. */
    RecordingControlService(CallRepository calls, RecordingRepository recordings, StreamIntake streams,
                            RecordingEvents events, CallControlReports callControl) {
        this.calls = calls;
        this.recordings = recordings;
        this.streams = streams;
        this.events = events;
        this.callControl = callControl;
    }

    @Override
    public RecordingControlled apply(ControlOperation operation, ControlRequest request) throws ControlRefused {
        if (operation == ControlOperation.START) {
            return start(request);
        }
        Recording recording = target(request);
        List<RecordingStream> open = recording.openStreams();
        try {
            switch (operation) {
                case PAUSE -> recording.pause(request.arrivedAt(), request.requestedBy());
                case RESUME -> recording.resume(request.arrivedAt(), request.requestedBy());
                case STOP -> recording.stop(request.arrivedAt(), request.requestedBy());
                default -> throw new IllegalArgumentException(operation.name());
            }
        } catch (IllegalRecordingStateException refused) {
            throw new ControlRefused(ControlRefused.Reason.NOT_ALLOWED, refused.getMessage());
        }
        tellMediaPlane(operation, open, request.arrivedAt());
        LOG.info(() -> "Recording " + recording.id() + " of call " + request.callUuid() + ": " + operation
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
                    // silenced from the request's instant first: what arrives while the port closes is not kept
                    streams.pauseStream(stream.id(), at);
                    streams.endStream(stream.id());
                }
            }
        }
    }

    /**
     * A new recording of the DN, requested of call control: the call is locked so that two starts of one DN never
     * make two recordings, and a start of a DN the call already records (or waits for) is refused.
     */
    private RecordingControlled start(ControlRequest request) throws ControlRefused {
        if (request.dn() == null) {
            throw new ControlRefused(ControlRefused.Reason.INCOMPLETE, "start needs the DN to record: give \"dn\"");
        }
        Call call = calls.lock(calls.findOrCreate(request.callUuid()));
        List<Recording> ofCall = recordings.ofCall(call);
        Optional<Recording> running = ofCall.stream().filter(r -> r.recordDn().equals(request.dn()))
                .filter(r -> r.phase() == RecordingPhase.REQUESTED || r.phase() == RecordingPhase.ACTIVE
                        || r.phase() == RecordingPhase.PAUSED)
                .findFirst();
        if (running.isPresent()) {
            throw new ControlRefused(ControlRefused.Reason.NOT_ALLOWED, "call " + request.callUuid() + " already "
                    + (running.get().phase() == RecordingPhase.REQUESTED ? "waits for the media of" : "records")
                    + " DN " + request.dn() + " (recording " + running.get().id() + ", " + running.get().phase()
                    + "); stop it first");
        }
        RecordingRequestId requestId = requestId(request, ofCall);
        Recording recording = Recording.requested(call, requestId, request.dn(), request.arrivedAt());
        recordings.add(recording);
        callControl.operation(ControlOperation.START, recording, request);
        LOG.info(() -> "Recording " + recording.id() + " of call " + request.callUuid() + " requested by "
                + request.requestedBy() + " at " + request.arrivedAt() + " for DN " + request.dn() + " (record="
                + requestId + "); START_RECORDING sent to call control");
        events.publish(new RecordingControlEvent(RecordingControlEvent.REQUESTED, recording.id(),
                call.callUuid().value(), requestId.value(), request.dn().value(), recording.control().name(),
                request.requestedBy(), request.arrivedAt(), request.id(), request.dest(), 0));
        return new RecordingControlled(recording.id(), call.callUuid().value(), requestId.value(),
                request.dn().value(), ControlOperation.START.name(), recording.control().name(),
                recording.state().name(), request.arrivedAt(), null, request.requestedBy(), 0);
    }

    /** The request's {@code id} when it can be a {@code record=} id no recording of the call has, else a fresh one. */
    private static RecordingRequestId requestId(ControlRequest request, List<Recording> ofCall) {
        if (request.id() != null) {
            try {
                RecordingRequestId given = new RecordingRequestId(request.id());
                if (ofCall.stream().noneMatch(r -> r.requestId().equals(given))) {
                    return given;
                }
                LOG.info(() -> "Start of call " + request.callUuid() + ": id " + given + " is taken by another"
                        + " recording of the call; using a fresh one");
            } catch (IllegalArgumentException unusable) {
                LOG.info(() -> "Start of call " + request.callUuid() + ": id '" + request.id() + "' cannot be a"
                        + " record= id (" + unusable.getMessage() + "); using a fresh one");
            }
        }
        return new RecordingRequestId("rec-" + UUID.randomUUID());
    }

    /**
     * The recording the request is about, locked. The call's lock comes first, as a joining session takes it, so
     * that a session joining at this moment either is part of the recording when it is paused or stopped, or sees
     * the pause or stop when it joins.
     */
    private Recording target(ControlRequest request) throws ControlRefused {
        Call call = calls.findByCallUuid(request.callUuid()).orElseThrow(() -> new ControlRefused(
                ControlRefused.Reason.UNKNOWN, "the recorder knows no call " + request.callUuid()));
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
                request.dn() == null ? "call " + request.callUuid() + " has no recording"
                        : "call " + request.callUuid() + " has no recording of DN " + request.dn()));
        return recordings.lock(found.id()).orElseThrow(() -> new ControlRefused(ControlRefused.Reason.UNKNOWN,
                "recording " + found.id() + " of call " + request.callUuid() + " no longer exists"));
    }

    private static String eventType(ControlOperation operation) {
        return switch (operation) {
            case PAUSE -> RecordingControlEvent.PAUSED;
            case RESUME -> RecordingControlEvent.RESUMED;
            default -> RecordingControlEvent.STOPPED;
        };
    }
}
