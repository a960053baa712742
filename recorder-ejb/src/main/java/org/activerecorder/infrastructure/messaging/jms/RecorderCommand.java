package org.activerecorder.infrastructure.messaging.jms;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.activerecorder.application.CallReference;
import org.activerecorder.application.ControlOperation;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;

import java.io.StringReader;
import java.util.Map;

/**
 * One command from the queue {@code RecorderCommands}, read from its JSON
 * {@code {"operation":"pause|resume|stop|start","callUuid","dn","id","dest"}}: the body of
 * {@code POST /api/calls/{callUuid}/recording/{operation}} with the path's two parts as fields; or, naming the call
 * as T-Lib's {@code TRequestPrivateService} does, {@code {"operation","thisDn","connId","id","dest"}} (the DN then
 * also picks the recording). Read by hand with JSON-P rather than bound, so that every way a message can be wrong
 * gets its own sentence for the sender.
 *
 * @param operation what is asked
 * @param call      the call, by its CallUUID or by its connection id
 * @param dn        which of the call's recordings, by its recorded DN ({@code dn}, or {@code thisDn});
 *                  {@code null}: the one still recording
 * @param id        the requester's {@code id} extension key, or {@code null}
 * @param dest      the requester's {@code dest} extension key, or {@code null}
 */
record RecorderCommand(ControlOperation operation, CallReference call, Dn dn, String id, String dest) {

    /** What to send to name the call, for the sentences of malformed messages. */
    private static final String NAME_THE_CALL = "send 'callUuid', or 'thisDn' and 'connId'";

    /** Characters of a command read at most: the five fields need far fewer. */
    static final int MAX_LENGTH = 8192;

    /**
     * Made once: {@code Json.createReader} looks the JSON-P provider up each time, milliseconds the command's
     * effect would wait (a resume's audio stays silent until the media plane hears of it).
     */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    /** A message that is not a command; what could be read of it is kept for the refusal. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Partial partial;

        Malformed(String message, Partial partial) {
            super(message);
            this.partial = partial;
        }

        Partial partial() {
            return partial;
        }
    }

    /** The fields of a malformed message that could be read as text, each {@code null} otherwise. */
    record Partial(String operation, String callUuid, String dn, String id, String dest, String connId) {
        static final Partial NONE = new Partial(null, null, null, null, null, null);
    }

    /** The call's CallUUID, when the command named it so; {@code null} when it named a connection id. */
    CallUuid callUuid() {
        return call.callUuid();
    }

    static RecorderCommand parse(String text) throws Malformed {
        if (text == null || text.isBlank()) {
            throw new Malformed("the message is empty: send a JSON object such as {\"operation\":\"pause\","
                    + "\"callUuid\":\"...\"} as a text message", Partial.NONE);
        }
        if (text.length() > MAX_LENGTH) {
            throw new Malformed("the message is longer than " + MAX_LENGTH + " characters", Partial.NONE);
        }
        JsonObject json;
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new Malformed("the message must be a JSON object such as {\"operation\":\"pause\","
                        + "\"callUuid\":\"...\"}", Partial.NONE);
            }
            json = value.asJsonObject();
        } catch (JsonException e) {
            throw new Malformed("the message is not JSON: " + e.getMessage(), Partial.NONE);
        }
        String partialDn = lenient(json, "dn") != null ? lenient(json, "dn") : lenient(json, "thisDn");
        Partial partial = new Partial(lenient(json, "operation"), lenient(json, "callUuid"), partialDn,
                lenient(json, "id"), lenient(json, "dest"), lenient(json, "connId"));
        String operationName = text(json, "operation", partial);
        if (operationName == null) {
            throw new Malformed("'operation' is missing: start, stop, pause or resume", partial);
        }
        ControlOperation operation = ControlOperation.named(operationName).orElseThrow(() -> new Malformed(
                "no operation '" + operationName + "': use start, stop, pause or resume", partial));
        String callUuid = text(json, "callUuid", partial);
        String connId = text(json, "connId", partial);
        String dn = dn(text(json, "dn", partial), text(json, "thisDn", partial), partial);
        if (callUuid == null && connId == null) {
            throw new Malformed("the call is missing: " + NAME_THE_CALL + " (T-Server's connection id)", partial);
        }
        if (callUuid != null && connId != null) {
            throw new Malformed("the call is named twice: " + NAME_THE_CALL + ", not both", partial);
        }
        if (connId != null && dn == null) {
            throw new Malformed("'connId' names a call with its DN: " + NAME_THE_CALL, partial);
        }
        try {
            return new RecorderCommand(operation,
                    callUuid != null ? CallReference.of(new CallUuid(callUuid)) : CallReference.byConnId(connId),
                    dn == null ? null : new Dn(dn), text(json, "id", partial), text(json, "dest", partial));
        } catch (IllegalArgumentException e) {
            throw new Malformed("not a CallUUID, connId or DN: " + e.getMessage(), partial);
        }
    }

    /** The DN, as {@code dn} or as T-Lib's {@code thisDn}: the same field, so two different values are a mistake. */
    private static String dn(String dn, String thisDn, Partial partial) throws Malformed {
        String given = dn == null || dn.isEmpty() ? null : dn;
        String tlib = thisDn == null || thisDn.isEmpty() ? null : thisDn;
        if (given != null && tlib != null && !given.equals(tlib)) {
            throw new Malformed("'dn' " + given + " and 'thisDn' " + tlib + " differ: send one of them", partial);
        }
        return given != null ? given : tlib;
    }

    private static String text(JsonObject json, String name, Partial partial) throws Malformed {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new Malformed("'" + name + "' must be a string", partial);
    }

    private static String lenient(JsonObject json, String name) {
        return json.get(name) instanceof JsonString string ? string.getString() : null;
    }
}
