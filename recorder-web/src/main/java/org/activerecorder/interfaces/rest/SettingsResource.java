package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.activerecorder.application.settings.SettingRefused;
import org.activerecorder.application.settings.SettingView;
import org.activerecorder.application.settings.SettingsCatalog;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/settings}: the recorder's settings. {@code GET} lists them with the value in effect and where it comes
 * from; {@code GET /api/settings/{name}} reads one; {@code PUT} with {@code {"value":"90"}} stores a value that wins
 * over the server's configuration (400 when the setting cannot use it: nothing is stored); {@code DELETE} forgets the
 * stored value. Changes need the role {@code admin} and are on the audit log. docs/settings.md.
 */
@Path("settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private static final Set<String> FIELDS = Set.of("value");

    @EJB
    private SettingsCatalog settings;

    @GET
    @Allowed(Entitlement.READ_SETTINGS)
    public List<SettingView> list() {
        return settings.all();
    }

    @GET
    @Path("{name}")
    @Allowed(Entitlement.READ_SETTINGS)
    public Response get(@PathParam("name") String name) {
        try {
            return Response.ok(settings.find(name)).build();
        } catch (SettingRefused refused) {
            return refusal(refused);
        }
    }

    @PUT
    @Path("{name}")
    @Allowed(Entitlement.CHANGE_SETTINGS)
    public Response change(@PathParam("name") String name, InputStream body) {
        JsonBody json = JsonBody.read(body, FIELDS);
        String value = json.text("value");
        List<String> problems = json.with(value == null ? List.of("value is missing") : List.of());
        if (!problems.isEmpty()) {
            throw JsonBody.invalid(problems);
        }
        try {
            return Response.ok(settings.change(name, value)).build();
        } catch (SettingRefused refused) {
            return refusal(refused);
        }
    }

    @DELETE
    @Path("{name}")
    @Allowed(Entitlement.CHANGE_SETTINGS)
    public Response reset(@PathParam("name") String name) {
        try {
            return Response.ok(settings.reset(name)).build();
        } catch (SettingRefused refused) {
            return refusal(refused);
        }
    }

    private static Response refusal(SettingRefused refused) {
        return switch (refused.reason()) {
            case INVALID -> JsonBody.invalid(List.of(refused.getMessage())).getResponse();
            case UNKNOWN -> ApiError.response(Response.Status.NOT_FOUND, refused.getMessage());
        };
    }
}
