package org.activerecorder.application.calls;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.call.CallDirection;
import org.activerecorder.domain.model.call.CallEventEntry;
import org.activerecorder.domain.model.call.CallState;
import org.activerecorder.domain.model.call.CallUpdate;
import org.activerecorder.domain.model.call.InvalidCallData;

import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a call event's JSON, the same over REST ({@code PUT /api/calls/{callUuid}}) and the queue {@code CallEvents}
 * (docs/call-events.md), and refuses every mistake with a message naming the field: not JSON, an unknown field, a
 * wrong type, an unknown state or direction, a value too long, a nested user-data value.
 *
 * <p>Facts that are missing or {@code null} stay as they are. A user-data value {@code null} deletes the key; strings,
 * numbers and booleans are kept as text (a number as written: {@code 1.50} stays {@code 1.50}).
 */
public final class CallEventJson {

    /** Looked up once: {@code Json.create...} looks the provider up at every call (docs/performance.md, series U). */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Set<String> FIELDS = Set.of("callUuid", "state", "connId", "thisDn", "otherDn", "ani", "dnis",
            "direction", "agentId", "userData", "extensions");

    private CallEventJson() {
    }

    /** An event of the queue: its {@code callUuid} is in the JSON. */
    public static CallEvent read(String json, Instant receivedAt) throws CallEventRefused {
        JsonObject event = object(json);
        String callUuid = text(event, "callUuid");
        if (callUuid == null) {
            throw new CallEventRefused("'callUuid' is missing: a call event on the queue names its call");
        }
        return event(callUuid(callUuid), event, json, receivedAt);
    }

    /** An event of the API, for the call of its path; a {@code callUuid} in the JSON must be the same. */
    public static CallEvent read(CallUuid callUuid, String json, Instant receivedAt) throws CallEventRefused {
        JsonObject event = object(json);
        String named = text(event, "callUuid");
        if (named != null && !named.equals(callUuid.value())) {
            throw new CallEventRefused("'callUuid' is " + named + " but the path names " + callUuid
                    + ": leave it out or make them the same");
        }
        return event(callUuid, event, json, receivedAt);
    }

    /** The CallUUID the JSON names, if it is readable at all: for reporting an event that was refused. */
    public static Optional<String> callUuidOf(String json) {
        try {
            JsonObject event = object(json);
            JsonValue value = event.get("callUuid");
            return value instanceof JsonString string ? Optional.of(string.getString()) : Optional.empty();
        } catch (CallEventRefused notReadable) {
            return Optional.empty();
        }
    }

    private static CallEvent event(CallUuid callUuid, JsonObject event, String json, Instant receivedAt)
            throws CallEventRefused {
        Set<String> unknown = new TreeSet<>(event.keySet());
        unknown.removeAll(FIELDS);
        if (!unknown.isEmpty()) {
            throw new CallEventRefused("unknown field(s) " + unknown + "; a call event has " + new TreeSet<>(FIELDS));
        }
        String state = text(event, "state");
        String direction = text(event, "direction");
        try {
            CallUpdate update = new CallUpdate(
                    state == null ? null : CallState.named(state).orElseThrow(() -> new CallEventRefused(
                            "'state' must be \"established\" or \"released\" (or left out on an update), not \""
                                    + state + "\"")),
                    text(event, "connId"), dn(event, "thisDn"), dn(event, "otherDn"), text(event, "ani"),
                    text(event, "dnis"),
                    direction == null ? null : CallDirection.named(direction).orElseThrow(() -> new CallEventRefused(
                            "'direction' must be \"inbound\", \"outbound\" or \"internal\", not \"" + direction
                                    + "\"")),
                    text(event, "agentId"), pairs(event, "userData", true));
            return new CallEvent(callUuid, update, pairs(event, "extensions", false), json, receivedAt);
        } catch (InvalidCallData tooMuch) {
            throw new CallEventRefused(tooMuch.getMessage());
        }
    }

    private static JsonObject object(String json) throws CallEventRefused {
        if (json == null || json.isBlank()) {
            throw new CallEventRefused("the call event is empty: send a JSON object such as {\"state\":\"established\","
                    + "\"thisDn\":\"1001\",\"userData\":{...}}");
        }
        if (json.length() > CallEventEntry.MAX_JSON_LENGTH) {
            throw new CallEventRefused("the call event is " + json.length() + " characters long; at most "
                    + CallEventEntry.MAX_JSON_LENGTH);
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new CallEventRefused("the call event must be a JSON object, not " + kind(value));
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw new CallEventRefused("the call event is not JSON: " + e.getMessage());
        }
    }

    private static String text(JsonObject event, String name) throws CallEventRefused {
        JsonValue value = event.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new CallEventRefused("'" + name + "' must be a string, not " + kind(value));
    }

    private static Dn dn(JsonObject event, String name) throws CallEventRefused {
        String value = text(event, name);
        if (value == null) {
            return null;
        }
        try {
            return new Dn(value);
        } catch (IllegalArgumentException e) {
            throw new CallEventRefused("'" + name + "': " + e.getMessage());
        }
    }

    /** An object of flat values; {@code null} values are kept (they delete a user-data key) when {@code nulls}. */
    private static Map<String, String> pairs(JsonObject event, String name, boolean nulls) throws CallEventRefused {
        JsonValue value = event.get(name);
        Map<String, String> pairs = new LinkedHashMap<>();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return pairs;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new CallEventRefused("'" + name + "' must be a JSON object of keys and values, not " + kind(value));
        }
        for (Map.Entry<String, JsonValue> entry : value.asJsonObject().entrySet()) {
            JsonValue item = entry.getValue();
            switch (item.getValueType()) {
                case STRING -> pairs.put(entry.getKey(), ((JsonString) item).getString());
                case NUMBER -> pairs.put(entry.getKey(), item.toString());
                case TRUE -> pairs.put(entry.getKey(), "true");
                case FALSE -> pairs.put(entry.getKey(), "false");
                case NULL -> {
                    if (!nulls) {
                        throw new CallEventRefused(name + " '" + entry.getKey() + "' is null: extensions are strings");
                    }
                    pairs.put(entry.getKey(), null);
                }
                default -> throw new CallEventRefused(name + " '" + entry.getKey() + "' is " + kind(item)
                        + ": values are strings, numbers or booleans (null deletes a user-data key)");
            }
        }
        return pairs;
    }

    private static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    /** The CallUUID, checked as everywhere it enters. */
    public static CallUuid callUuid(String value) throws CallEventRefused {
        try {
            return new CallUuid(value);
        } catch (IllegalArgumentException e) {
            throw new CallEventRefused("not a CallUUID: " + e.getMessage());
        }
    }
}
