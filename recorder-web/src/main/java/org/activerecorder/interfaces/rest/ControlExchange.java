package org.activerecorder.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.activerecorder.application.CallReference;
import org.activerecorder.application.ControlOperation;
import org.activerecorder.application.ControlRefused;
import org.activerecorder.application.ControlRequest;
import org.activerecorder.application.RecordingControl;
import org.activerecorder.application.RecordingControlled;
import org.activerecorder.domain.model.Dn;

import java.io.InputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One third-party control request over REST, whichever way its path names the call (by CallUUID,
 * {@link CallRecordingResource}, or by T-Server's connection id, {@link ConnectionRecordingResource}): the caller's
 * entitlement checked first, the optional body {@code {"id", "dest", "dn"}} read, the control applied, and its answer
 * or refusal as the status the API promises (200, 202 for a start, 400, 404, 409).
 */
final class ControlExchange {

    /** Bytes of body taken at most: {@code {"id","dest","dn"}} needs far fewer. */
    private static final int MAX_BODY = 8192;

    /**
     * Made once, on first use: {@code Json.createReader} looks the JSON-P provider up each time, while the request
     * waits (a holder, so that loading the class needs no provider).
     */
    private static final class Readers {
        static final JsonReaderFactory FACTORY = Json.createReaderFactory(Map.of());
    }

    private ControlExchange() {
    }

    /**
     * Carries out {@code operation} on the call {@code call} names.
     *
     * @param call      the call its path names, checked after the body (400 for a path that cannot be one); the
     *                  roles were checked before ({@link EntitlementCheck})
     * @param arrivedAt the request's arrival, taken before anything can wait: the instant it takes effect in the audio
     */
    static Response apply(RecordingControl control, SecurityContext security, String operation,
                          Supplier<CallReference> call, InputStream body, Instant arrivedAt) {
        ControlOperation op = ControlOperation.named(operation).orElseThrow(() -> new NotFound(
                "no operation '" + operation + "': use start, stop, pause or resume"));
        JsonObject fields = fields(read(body));
        CallReference reference = call.get();
        ControlRequest request = new ControlRequest(reference, dn(text(fields, "dn")), text(fields, "id"),
                text(fields, "dest"), security.getUserPrincipal().getName(), arrivedAt);
        try {
            RecordingControlled done = control.apply(op, request);
            // a start is carried out when the Media Server's sessions come: accepted, not done
            return Response.status("REQUESTED".equals(done.state()) ? Response.Status.ACCEPTED : Response.Status.OK)
                    .entity(done).build();
        } catch (ControlRefused refused) {
            return ApiError.response(switch (refused.reason()) {
                case UNKNOWN -> Response.Status.NOT_FOUND;
                case NOT_ALLOWED -> Response.Status.CONFLICT;
                case NOT_SUPPORTED -> Response.Status.NOT_IMPLEMENTED;
                case INCOMPLETE -> Response.Status.BAD_REQUEST;
            }, refused.getMessage());
        }
    }

    /** The body as text: it is optional, and an empty one (curl -X POST without -d) must not be an error. */
    private static String read(InputStream body) {
        return BoundedBody.read(body, MAX_BODY, "the body");
    }

    private static JsonObject fields(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Readers.FACTORY.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BadRequest("the body must be a JSON object such as {\"id\":\"...\",\"dest\":\"...\","
                        + "\"dn\":\"...\"}, or empty");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new BadRequest("the body is not JSON: " + e.getMessage());
        }
    }

    private static String text(JsonObject fields, String name) {
        JsonValue value = fields.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new BadRequest("'" + name + "' must be a string");
    }

    private static Dn dn(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return new Dn(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("not a DN: " + e.getMessage());
        }
    }
}
