package org.activerecorder.application.calls;

import org.activerecorder.domain.model.CallUuid;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the recorder knows of a call from call control after an event was merged: the values rules decide on.
 * Fields the events have not named yet are {@code null}; {@code userData} is the merged attached data, never
 * {@code null}.
 *
 * @param callUuid  the call
 * @param state     {@code established} or {@code released}; {@code null} before either was heard
 * @param connId    T-Server's connection id of the call
 * @param thisDn    the DN the event is about (the party that may be recorded)
 * @param otherDn   the other party's DN
 * @param ani       the calling number
 * @param dnis      the dialled number
 * @param direction {@code inbound}, {@code outbound} or {@code internal}
 * @param agentId   the agent logged in on {@code thisDn}
 * @param userData  the call's attached data, merged over every event
 * @param extensions the extensions of the latest event as the bridge passed them on (a routing strategy's
 *                  {@code record=source|destination}, {@code disable_destination}, {@code id}, {@code dest} from
 *                  its {@code TRouteCall}); not merged: they are instructions of that event
 * @param at        when the event that produced these facts arrived
 */
public record CallFacts(CallUuid callUuid, String state, String connId, String thisDn, String otherDn, String ani,
                        String dnis, String direction, String agentId, Map<String, String> userData,
                        Map<String, String> extensions, Instant at) {

    public CallFacts {
        Objects.requireNonNull(callUuid, "callUuid");
        Objects.requireNonNull(at, "at");
        userData = userData == null ? Map.of() : Map.copyOf(userData);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }
}
