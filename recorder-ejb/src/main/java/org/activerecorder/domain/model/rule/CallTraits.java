package org.activerecorder.domain.model.rule;

import org.activerecorder.domain.model.CallUuid;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule can see of a call at one instant: the values call control reported, merged over its events. Fields not
 * reported yet are {@code null}; a criterion on a missing field does not match.
 *
 * @param thisDn the DN the event is about: the party a rule would record
 * @param at     the instant the rules are evaluated at (the event's arrival): days and hours are taken from it
 */
public record CallTraits(CallUuid callUuid, String thisDn, String otherDn, String agentId, String direction,
                         String ani, String dnis, Map<String, String> userData, Instant at) {

    public CallTraits {
        Objects.requireNonNull(callUuid, "callUuid");
        Objects.requireNonNull(at, "at");
        userData = userData == null ? Map.of() : Map.copyOf(userData);
    }
}
