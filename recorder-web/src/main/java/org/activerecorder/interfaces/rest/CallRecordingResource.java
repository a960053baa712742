package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.activerecorder.application.ControlOperation;
import org.activerecorder.application.ControlRefused;
import org.activerecorder.application.ControlRequest;
import org.activerecorder.application.RecordingControl;
import org.activerecorder.application.RecordingControlled;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /api/calls/{callUuid}/recording/{start|stop|pause|resume}}: a third party controls a call's
 * recording. The optional JSON body {@code {"id", "dest", "dn"}} names the recording by its recorded DN when the
 * call has several (for a start: the DN to record, required), and carries the requester's extension keys into the
 * event. 200 with the recording's new state; 202 for a start (the recording is REQUESTED until the Media Server's
 * sessions come); 400 a start without a DN; 404 an unknown call or DN; 409 a move the state machine refuses. The request's arrival is the
 * instant the operation takes effect in the audio, so it is taken first, before anything can wait.
 */
@Path("calls/{callUuid}/recording")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallRecordingResource {

    /** Bytes of body taken at most: {@code {"id","dest","dn"}} needs far fewer. */
    private static final int MAX_BODY = 8192;

    /**
     * Made once, on first use: {@code Json.createReader} looks the JSON-P provider up each time, while the request
     * waits (a holder, so that loading the resource class needs no provider).
     */
    private static final class Readers {
        static final JsonReaderFactory FACTORY = Json.createReaderFactory(Map.of());
    }

    @EJB
    private RecordingControl control;

    @Context
    private SecurityContext security;

    @POST
    @Path("{operation}")
    public Response control(@PathParam("callUuid") String callUuid, @PathParam("operation") String operation,
                            InputStream body) {
        Instant arrivedAt = Instant.now();
        Entitlement.CONTROL_RECORDINGS.require(security);
        ControlOperation op = ControlOperation.named(operation).orElseThrow(() -> new NotFound(
                "no operation '" + operation + "': use start, stop, pause or resume"));
        JsonObject fields = fields(read(body));
        ControlRequest request = new ControlRequest(callUuid(callUuid), dn(text(fields, "dn")), text(fields, "id"),
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

    /**
     * The body as text, read here rather than by a JSON provider: it is optional, small, and an empty one (curl -X
     * POST without -d) must not be an error.
     */
    private static String read(InputStream body) {
        if (body == null) {
            return "";
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new BadRequest("the body is larger than " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadRequest("the body could not be read: " + e.getMessage());
        }
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

    private static CallUuid callUuid(String value) {
        try {
            return new CallUuid(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("not a CallUUID: " + e.getMessage());
        }
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
