package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.activerecorder.application.rules.CallDecisions;
import org.activerecorder.application.rules.DecisionView;
import org.activerecorder.domain.model.CallUuid;

import java.util.List;

/**
 * {@code GET /api/calls/{callUuid}/decisions}: every decision taken on the call's events (routing instruction, DN
 * configuration, rule with its version, or none), oldest first; an empty list for a call nothing was decided on.
 */
@Path("calls/{callUuid}/decisions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallDecisionsResource {

    @EJB
    private CallDecisions decisions;

    @GET
    @Allowed(Entitlement.READ_CONFIGURATION)
    public List<DecisionView> list(@PathParam("callUuid") String callUuid) {
        CallUuid call;
        try {
            call = new CallUuid(callUuid);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("not a CallUUID: " + e.getMessage());
        }
        return decisions.ofCall(call);
    }
}
