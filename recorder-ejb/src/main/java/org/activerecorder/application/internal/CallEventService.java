package org.activerecorder.application.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.activerecorder.application.calls.CallEvent;
import org.activerecorder.application.calls.CallEventApplied;
import org.activerecorder.application.calls.CallEventRefused;
import org.activerecorder.application.calls.CallEvents;
import org.activerecorder.application.calls.CallFacts;
import org.activerecorder.application.calls.CallFactsChanged;
import org.activerecorder.application.calls.CallView;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallChange;
import org.activerecorder.domain.model.call.CallRepository;
import org.activerecorder.domain.model.call.CallState;
import org.activerecorder.domain.model.call.InvalidCallData;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Merges call events into their calls. The call is found or created (an event may come before any recording session,
 * or after), then locked, so that two events of one call, or an event and a joining session, take turns; what the
 * event changed is announced as {@link CallFactsChanged} in the same transaction, so the rules' decisions are stored
 * with the event or not at all. The announcement's trigger: {@code ESTABLISHED} when the call becomes established,
 * {@code RELEASED} when it is released, else {@code USER_DATA_UPDATED} when user data of an established call changed,
 * else {@code INSTRUCTED} when an event on an established call carries a routing strategy's {@code record} extension
 * (extensions are not kept with the call, so they change nothing, yet they are an instruction to decide on); any other
 * event that changes no state and no user data of an established call is announced not at all.
 */
@Stateless
@SecurityDomain("recorder")
public class CallEventService implements CallEvents {

    private static final Logger LOG = Logger.getLogger(CallEventService.class.getName());

    /** The extension key of a routing strategy's recording instruction ({@code record=destination}, ...). */
    private static final String ROUTING_KEY = "record";

    @Inject
    private CallRepository calls;

    @Inject
    private RecordingRepository recordings;

    @Inject
    private Event<CallFactsChanged> factsChanged;

    private Consumer<CallFactsChanged> announcement;

    /** For the container. */
    public CallEventService() {
    }

    /** A service over these collaborators: for tests. */
    CallEventService(CallRepository calls, RecordingRepository recordings, Consumer<CallFactsChanged> announcement) {
        this.calls = calls;
        this.recordings = recordings;
        this.announcement = announcement;
    }

    @Override
    @RolesAllowed({"admin", "control"})
    public CallEventApplied apply(CallEvent event) throws CallEventRefused {
        boolean known = calls.findByCallUuid(event.callUuid()).isPresent();
        Call call = calls.findOrCreateLocked(event.callUuid());
        CallChange change;
        try {
            change = call.merge(event.update(), event.receivedAt(), event.json());
        } catch (InvalidCallData refused) {
            throw new CallEventRefused(refused.getMessage());
        }
        LOG.fine(() -> "Call " + event.callUuid() + ": event merged, " + change);
        trigger(change, event.extensions()).ifPresent(trigger -> announce(new CallFactsChanged(facts(call, event),
                trigger, change.changedKeys())));
        return new CallEventApplied(!known, view(call));
    }

    @Override
    @RolesAllowed({"admin", "supervisor", "auditor", "control"})
    public Optional<CallView> find(CallUuid callUuid) {
        return calls.findByCallUuid(callUuid).map(this::view);
    }

    static Optional<CallFactsChanged.Trigger> trigger(CallChange change, Map<String, String> extensions) {
        if (change.becameEstablished()) {
            return Optional.of(CallFactsChanged.Trigger.ESTABLISHED);
        }
        if (change.becameReleased()) {
            return Optional.of(CallFactsChanged.Trigger.RELEASED);
        }
        if (change.after() == CallState.ESTABLISHED
                && !change.changedKeys().isEmpty()) {
            return Optional.of(CallFactsChanged.Trigger.USER_DATA_UPDATED);
        }
        if (change.after() == CallState.ESTABLISHED && extensions.containsKey(ROUTING_KEY)) {
            // a routing strategy's instruction is news even when the event changes nothing the call keeps
            return Optional.of(CallFactsChanged.Trigger.INSTRUCTED);
        }
        return Optional.empty();
    }

    private void announce(CallFactsChanged changed) {
        if (announcement != null) {
            announcement.accept(changed);
        } else {
            factsChanged.fire(changed);
        }
    }

    static CallFacts facts(Call call, CallEvent event) {
        return new CallFacts(call.callUuid(), call.state() == null ? null : call.state().eventName(), call.connId(),
                call.thisDn() == null ? null : call.thisDn().value(),
                call.otherDn() == null ? null : call.otherDn().value(), call.ani(), call.dnis(),
                call.direction() == null ? null : call.direction().eventName(), call.agentId(),
                call.userDataValues(), event.extensions(), event.receivedAt());
    }

    private CallView view(Call call) {
        Map<String, CallView.UserDataEntry> userData = new LinkedHashMap<>();
        call.userData().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> userData.put(
                entry.getKey(), new CallView.UserDataEntry(entry.getValue().text(), entry.getValue().updatedAt())));
        return new CallView(call.callUuid().value(), call.state() == null ? null : call.state().eventName(),
                call.connId(), call.thisDn() == null ? null : call.thisDn().value(),
                call.otherDn() == null ? null : call.otherDn().value(), call.ani(), call.dnis(),
                call.direction() == null ? null : call.direction().eventName(), call.agentId(), call.firstSeenAt(),
                call.establishedAt(), call.releasedAt(), call.lastEventAt(), userData,
                recordings.ofCall(call).stream().map(Recording::id).toList(),
                call.history().stream().map(e -> new CallView.ReceivedEvent(e.receivedAt(), e.json())).toList());
    }
}
