package org.activerecorder.application.calls;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.call.CallUpdate;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One call event from call control, read and checked ({@link CallEventJson}), as it came over REST or the queue
 * {@code CallEvents}.
 *
 * @param callUuid   the call
 * @param update     the facts and user data it names
 * @param extensions the extensions it carries (a routing strategy's {@code record}, {@code id}, {@code dest}): passed
 *                   on to the rules in {@link CallFacts#extensions()}, kept in the history with the event, not merged
 * @param json       the event as received, for the call's history
 * @param receivedAt when it arrived
 */
public record CallEvent(CallUuid callUuid, CallUpdate update, Map<String, String> extensions, String json,
                        Instant receivedAt) {

    public CallEvent {
        Objects.requireNonNull(callUuid, "callUuid");
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(receivedAt, "receivedAt");
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }
}
