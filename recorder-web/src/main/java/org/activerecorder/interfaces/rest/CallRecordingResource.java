package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.activerecorder.application.CallReference;
import org.activerecorder.application.RecordingControl;
import org.activerecorder.domain.model.CallUuid;

import java.io.InputStream;
import java.time.Instant;

/**
 * {@code POST /api/calls/{callUuid}/recording/{start|stop|pause|resume}}: a third party controls a call's
 * recording. The optional JSON body {@code {"id", "dest", "dn"}} names the recording by its recorded DN when the
 * call has several (for a start: the DN to record, required), and carries the requester's extension keys into the
 * event. 200 with the recording's new state; 202 for a start (the recording is REQUESTED until the Media Server's
 * sessions come); 400 a start without a DN; 404 an unknown call or DN; 409 a move the state machine refuses (see
 * {@link ControlExchange}). The request's arrival is the instant the operation takes effect in the audio, so it is
 * taken first, before anything can wait.
 */
@Path("calls/{callUuid}/recording")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallRecordingResource {

    @EJB
    private RecordingControl control;

    @Context
    private SecurityContext security;

    @POST
    @Path("{operation}")
    @Allowed(Entitlement.CONTROL_RECORDINGS)
    public Response control(@PathParam("callUuid") String callUuid, @PathParam("operation") String operation,
                            InputStream body) {
        Instant arrivedAt = Instant.now();
        return ControlExchange.apply(control, security, operation, () -> CallReference.of(callUuid(callUuid)), body,
                arrivedAt);
    }

    private static CallUuid callUuid(String value) {
        try {
            return new CallUuid(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("not a CallUUID: " + e.getMessage());
        }
    }
}
