package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.activerecorder.application.calls.CallEvent;
import org.activerecorder.application.calls.CallEventApplied;
import org.activerecorder.application.calls.CallEventJson;
import org.activerecorder.application.calls.CallEventRefused;
import org.activerecorder.application.calls.CallEvents;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.call.CallEventEntry;

import java.io.InputStream;
import java.time.Instant;

/**
 * {@code /api/calls/{callUuid}}: call control's events in ({@code PUT}: established, released, user data; the JSON of
 * docs/call-events.md), and the call as the recorder knows it ({@code GET}). A {@code PUT} answers 201 when it created
 * the call (no recording session had named it yet), else 200, with the call; 400 for every mistake in the event.
 */
@Path("calls/{callUuid}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    /** Bytes of body taken at most: a call event's JSON is at most this many characters. */
    private static final int MAX_BODY = CallEventEntry.MAX_JSON_LENGTH;

    @EJB
    private CallEvents calls;

    @PUT
    @Allowed(Entitlement.SEND_CALL_EVENTS)
    public Response event(@PathParam("callUuid") String callUuid, InputStream body) {
        Instant receivedAt = Instant.now();
        try {
            CallEvent event = CallEventJson.read(callUuid(callUuid), read(body), receivedAt);
            CallEventApplied applied = calls.apply(event);
            return Response.status(applied.created() ? Response.Status.CREATED : Response.Status.OK)
                    .entity(applied.call()).build();
        } catch (CallEventRefused refused) {
            throw new BadRequest(refused.getMessage());
        }
    }

    @GET
    @Allowed(Entitlement.READ_CALLS)
    public Response call(@PathParam("callUuid") String callUuid) {
        CallUuid id = callUuid(callUuid);
        return calls.find(id)
                .map(view -> Response.ok(view).build())
                .orElseGet(() -> ApiError.response(Response.Status.NOT_FOUND, "the recorder knows no call " + id));
    }

    private static CallUuid callUuid(String value) {
        try {
            return CallEventJson.callUuid(value);
        } catch (CallEventRefused refused) {
            throw new BadRequest(refused.getMessage());
        }
    }

    /** The body as text: the event is read by {@link CallEventJson}, the same reader the queue uses. */
    private static String read(InputStream body) {
        return BoundedBody.read(body, MAX_BODY, "the call event");
    }
}
