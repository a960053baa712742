package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.activerecorder.application.rules.ConfigurationRefused;
import org.activerecorder.application.rules.DnDirectory;
import org.activerecorder.application.rules.DnView;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.dn.DnSettings;

import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/dns}: the DN configuration. {@code GET} lists it, {@code POST} adds a DN (409 when it is configured
 * already), {@code GET/PUT/DELETE /api/dns/{dn}} read, change and remove one. Body:
 * {@code {"dn","type","alwaysRecorded","description","retentionDays"}} (docs/rules.md); on {@code PUT} the DN may
 * be left out. A DN's answer carries its version's {@code ETag} ({@code "v3"}); a {@code PUT} or {@code DELETE}
 * naming the version it is based on ({@code If-Match}, or {@code "version"} in the body: {@link SeenVersion}) is
 * refused when the DN moved on since (412 or 409). Changes need the role {@code admin}.
 */
@Path("dns")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DnsResource {

    private static final Set<String> FIELDS = Set.of("dn", "type", "alwaysRecorded", "description", "retentionDays");

    /** A change's fields: the settings and the version it is based on. */
    private static final Set<String> CHANGE_FIELDS = withVersion(FIELDS);

    @EJB
    private DnDirectory directory;

    @Context
    private UriInfo uri;

    @Context
    private SecurityContext security;

    @GET
    @Allowed(Entitlement.READ_CONFIGURATION)
    public List<DnView> list() {
        return directory.all();
    }

    @POST
    @Allowed(Entitlement.CONFIGURE)
    public Response create(InputStream body) {
        DnSettings settings = settings(JsonBody.read(body, FIELDS), null);
        try {
            DnView created = directory.create(settings, user());
            return Response.created(uri.getAbsolutePathBuilder().path(created.dn()).build())
                    .tag(SeenVersion.tag(created.version())).entity(created).build();
        } catch (ConfigurationRefused refused) {
            return refusal(refused);
        }
    }

    @GET
    @Path("{dn}")
    @Allowed(Entitlement.READ_CONFIGURATION)
    public Response get(@PathParam("dn") String dn) {
        Dn wanted = dn(dn);
        return directory.find(wanted).map(DnsResource::tagged)
                .orElseGet(() -> ApiError.response(Response.Status.NOT_FOUND, "DN " + wanted + " is not configured"));
    }

    @PUT
    @Path("{dn}")
    @Allowed(Entitlement.CONFIGURE)
    public Response update(@PathParam("dn") String dn, @HeaderParam("If-Match") String ifMatch, InputStream body) {
        Dn wanted = dn(dn);
        JsonBody json = JsonBody.read(body, CHANGE_FIELDS);
        Integer bodyVersion = json.integer("version");
        DnSettings settings = settings(json, wanted);
        SeenVersion seen = SeenVersion.of(ifMatch, bodyVersion);
        try {
            return tagged(directory.update(wanted, settings, seen.version(), user()));
        } catch (ConfigurationRefused refused) {
            return seen.refusal(refused);
        }
    }

    @DELETE
    @Path("{dn}")
    @Allowed(Entitlement.CONFIGURE)
    public Response delete(@PathParam("dn") String dn, @HeaderParam("If-Match") String ifMatch) {
        Dn wanted = dn(dn);
        SeenVersion seen = SeenVersion.of(ifMatch);
        try {
            directory.delete(wanted, seen.version());
            return Response.noContent().build();
        } catch (ConfigurationRefused refused) {
            return seen.refusal(refused);
        }
    }

    /** A DN's configuration, with its ETag. */
    private static Response tagged(DnView view) {
        return Response.ok(view).tag(SeenVersion.tag(view.version())).build();
    }

    private String user() {
        return security.getUserPrincipal().getName();
    }

    private static Set<String> withVersion(Set<String> fields) {
        Set<String> all = new HashSet<>(fields);
        all.add("version");
        return Set.copyOf(all);
    }

    /** The body's settings, the path's DN standing in for a missing one; 400 with every problem found. */
    private static DnSettings settings(JsonBody json, Dn path) {
        String dn = json.text("dn");
        DnSettings settings = new DnSettings(dn == null && path != null ? path.value() : dn, json.text("type"),
                json.bool("alwaysRecorded"), json.text("description"), json.integer("retentionDays"));
        List<String> problems = json.with(settings.problems());
        if (!problems.isEmpty()) {
            throw JsonBody.invalid(problems);
        }
        return settings;
    }

    static Response refusal(ConfigurationRefused refused) {
        return switch (refused.reason()) {
            case INVALID -> JsonBody.invalid(refused.problems()).getResponse();
            case UNKNOWN -> ApiError.response(Response.Status.NOT_FOUND, refused.getMessage());
            case DUPLICATE -> ApiError.response(Response.Status.CONFLICT, refused.getMessage());
            case STALE -> SeenVersion.stale(Response.Status.CONFLICT, refused);
        };
    }

    private static Dn dn(String value) {
        try {
            return new Dn(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("not a DN: " + e.getMessage());
        }
    }
}
