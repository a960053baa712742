package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.activerecorder.application.rules.ConfigurationRefused;
import org.activerecorder.application.rules.DecisionPreview;
import org.activerecorder.application.rules.SampleCall;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/rules/test}: "would this call be recorded?". The body is a sample call as call control could
 * report it; the answer is what the recorder's decider would decide for its {@code thisDn} (routing instruction,
 * always-recorded DN, the first matching rule by priority, or nothing) and why. Nothing is recorded or stored.
 * Roles admin and supervisor. The JSON is in docs/rules.md.
 */
@Path("rules/test")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RuleTestResource {

    private static final Set<String> FIELDS = Set.of("callUuid", "thisDn", "otherDn", "ani", "dnis", "agentId",
            "direction", "userData", "extensions", "at");

    @EJB
    private DecisionPreview preview;

    @POST
    @Allowed(Entitlement.PREVIEW_DECISIONS)
    public Response test(InputStream body) {
        JsonBody json = JsonBody.read(body, FIELDS);
        SampleCall call = new SampleCall(json.text("callUuid"), json.text("thisDn"), json.text("otherDn"),
                json.text("ani"), json.text("dnis"), json.text("agentId"), json.text("direction"),
                json.textMap("userData"), json.textMap("extensions"), json.instant("at"));
        List<String> problems = json.problems();
        if (!problems.isEmpty()) {
            throw JsonBody.invalid(problems);
        }
        try {
            return Response.ok(preview.preview(call)).build();
        } catch (ConfigurationRefused refused) {
            return DnsResource.refusal(refused);
        }
    }
}
