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

import java.io.InputStream;
import java.time.Instant;

/**
 * {@code POST /api/connections/{connId}/recording/{start|stop|pause|resume}}: the same control as
 * {@link CallRecordingResource}, the call named as T-Lib's {@code TRequestPrivateService} names it, by T-Server's
 * connection id and the DN ({@code thisDn}, the body's {@code "dn"}, required: it also picks the recording). The
 * recorder knows a connection id from the call's events; an id none named is 404, saying to send the call event.
 */
@Path("connections/{connId}/recording")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionRecordingResource {

    @EJB
    private RecordingControl control;

    @Context
    private SecurityContext security;

    @POST
    @Path("{operation}")
    @Allowed(Entitlement.CONTROL_RECORDINGS)
    public Response control(@PathParam("connId") String connId, @PathParam("operation") String operation,
                            InputStream body) {
        Instant arrivedAt = Instant.now();
        return ControlExchange.apply(control, security, operation, () -> connection(connId), body, arrivedAt);
    }

    private static CallReference connection(String connId) {
        try {
            return CallReference.byConnId(connId);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("not a connId: " + e.getMessage());
        }
    }
}
