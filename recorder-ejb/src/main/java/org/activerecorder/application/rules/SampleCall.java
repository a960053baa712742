package org.activerecorder.application.rules;

import java.time.Instant;
import java.util.Map;

/**
 * A call as call control could report it, for asking what the recorder would decide for its {@code thisDn}
 * ({@link DecisionPreview}). Only {@code thisDn} is needed; a value left out is one the call has not reported, and a
 * rule's criterion on it does not match, as on a real call.
 *
 * @param callUuid   the call's id: a sampled rule draws from it; {@code null} for a fresh one (the answer names it)
 * @param thisDn     the DN decided on: the party that would be recorded
 * @param direction  {@code inbound}, {@code outbound} or {@code internal}
 * @param userData   the call's attached data
 * @param extensions a routing strategy's instruction as a call event passes it on ({@code record=destination} ...)
 * @param at         the instant the rules' days and hours are read at; {@code null} for now
 */
public record SampleCall(String callUuid, String thisDn, String otherDn, String ani, String dnis, String agentId,
                         String direction, Map<String, String> userData, Map<String, String> extensions, Instant at) {

    public SampleCall {
        userData = userData == null ? Map.of() : Map.copyOf(userData);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }
}
