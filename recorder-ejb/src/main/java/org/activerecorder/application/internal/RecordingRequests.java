package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.application.calls.CallControl;
import org.activerecorder.application.calls.CallControlCommand;
import org.activerecorder.application.events.RecordingControlEvent;
import org.activerecorder.application.events.RecordingEvents;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.recording.Filing;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The one way the recorder asks call control for a recording, whoever decided it (a third party's {@code start}, the
 * DN's configuration, a rule, a routing strategy): a {@code REQUESTED} recording is created with its {@code record=}
 * id, {@code START_RECORDING} (3013) is sent with the call's connId and that id, and {@code RecordingRequested} is
 * published. So every asked-for recording whose media never comes is failed by the requested-timeout sweep and
 * published, and the Media Server's sessions with that id join it. The caller holds the call's lock (taken before
 * looking for a recording {@link #underway underway}), so two requests of one DN never make two recordings; the
 * command and the event leave when the caller's transaction commits.
 */
@ApplicationScoped
public class RecordingRequests {

    /**
     * Who or what asks for a recording, and with which extension keys.
     *
     * @param dn          the DN to record
     * @param id          the {@code id} the asker gave: the {@code record=} id when it can be one and no recording of
     *                    the call has it, and the event's correlation id; may be {@code null}
     * @param dest        the {@code dest} the asker gave, passed on to call control; may be {@code null}
     * @param requestedBy who decided, as the event names it: a login, or what decided ({@code rule 7 v3 "gold"})
     * @param reason      why, as call control's command says it
     * @param at          when it was asked
     */
    public record Ask(Dn dn, String id, String dest, String requestedBy, String reason, Instant at) {
        public Ask {
            Objects.requireNonNull(dn, "dn");
            Objects.requireNonNull(requestedBy, "requestedBy");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    private static final Logger LOG = Logger.getLogger(RecordingRequests.class.getName());

    @Inject
    private RecordingRepository recordings;

    @Inject
    private CallControl callControl;

    @Inject
    private RecordingEvents events;

    private Supplier<String> freshIds = () -> "rec-" + UUID.randomUUID();

    /** For CDI. */
    public RecordingRequests() {
    }

    /** Requests over these collaborators, with fresh {@code record=} ids from {@code freshIds}: for tests. */
    RecordingRequests(RecordingRepository recordings, CallControl callControl, RecordingEvents events,
                      Supplier<String> freshIds) {
        this.recordings = recordings;
        this.callControl = callControl;
        this.events = events;
        this.freshIds = freshIds;
    }

    /** The call's recording of {@code dn} that is requested, active or paused: the DN needs no other. */
    public Optional<Recording> underway(Call call, Dn dn) {
        return recordings.ofCall(call).stream().filter(r -> r.recordDn().equals(dn))
                .filter(r -> r.phase().isUnderway())
                .findFirst();
    }

    /** A new {@code REQUESTED} recording of the ask's DN, asked of call control and published; filed as any is. */
    public Recording request(Call call, Ask ask) {
        return request(call, ask, Filing.NONE);
    }

    /**
     * A new {@code REQUESTED} recording of the ask's DN, asked of call control and published; its file is named and
     * kept as {@code filing} says (a decision's file-name template and retention).
     */
    public Recording request(Call call, Ask ask, Filing filing) {
        RecordingRequestId requestId = requestId(call, ask);
        Recording recording = Recording.requested(call, requestId, ask.dn(), filing, ask.at());
        recordings.add(recording);
        callControl.send(new CallControlCommand(CallControlCommand.Type.START_RECORDING, call.callUuid(),
                call.connId(), ask.dn().value(), requestId.value(), ask.dest(), Map.of(), ask.reason(), ask.at()));
        events.publish(new RecordingControlEvent(RecordingControlEvent.REQUESTED, recording.id(),
                call.callUuid().value(), requestId.value(), ask.dn().value(), recording.control().name(),
                ask.requestedBy(), ask.at(), ask.id(), ask.dest(), 0));
        LOG.info(() -> "Recording " + recording.id() + " of call " + call.callUuid() + " requested by "
                + ask.requestedBy() + " at " + ask.at() + " for DN " + ask.dn() + " (record=" + requestId
                + ")" + describe(filing) + "; START_RECORDING sent to call control");
        return recording;
    }

    private static String describe(Filing filing) {
        return (filing.fileNameTemplate() == null ? "" : ", file named " + filing.fileNameTemplate())
                + (filing.retentionDays() == null ? "" : ", kept " + filing.retentionDays() + " days");
    }

    /** The ask's {@code id} when it can be a {@code record=} id no recording of the call has, else a fresh one. */
    RecordingRequestId requestId(Call call, Ask ask) {
        if (ask.id() != null) {
            try {
                RecordingRequestId given = new RecordingRequestId(ask.id());
                List<Recording> ofCall = recordings.ofCall(call);
                if (ofCall.stream().noneMatch(r -> r.requestId().equals(given))) {
                    return given;
                }
                LOG.info(() -> "Recording of DN " + ask.dn() + " of call " + call.callUuid() + ": id " + given
                        + " is taken by another recording of the call; a fresh one is used");
            } catch (IllegalArgumentException unusable) {
                LOG.warning(() -> "Recording of DN " + ask.dn() + " of call " + call.callUuid() + ": id '" + ask.id()
                        + "' cannot be a record= id (" + unusable.getMessage() + "); a fresh one is used");
            }
        }
        return new RecordingRequestId(freshIds.get());
    }
}
