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
import org.activerecorder.application.rules.ListedRule;
import org.activerecorder.application.rules.RuleCatalog;
import org.activerecorder.application.rules.RuleView;
import org.activerecorder.domain.model.rule.InvalidRuleException;
import org.activerecorder.domain.model.rule.RuleDraft;

import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/rules}: the recording rules. {@code GET} lists the current version of every rule in the order they
 * are tried, {@code POST} adds one (version 1), {@code GET/PUT/DELETE /api/rules/{id}} read, change (a new version)
 * and delete one (out of use; its versions stay), {@code GET /api/rules/{id}/versions/{v}} reads any version, and
 * {@code PUT /api/rules/order} sets the order they are tried in, all at once. A rule is validated on save: 400 lists
 * every problem. A rule's answer carries its version's {@code ETag} ({@code "v3"}); a {@code PUT} or {@code DELETE}
 * naming the version it is based on ({@code If-Match}, or {@code "version"} in the body: {@link SeenVersion}) is
 * refused when the rule moved on since (412 or 409), so that nobody undoes a change unseen. The JSON is in
 * docs/rules.md. Changes need the role {@code admin}.
 */
@Path("rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

    private static final Set<String> FIELDS = Set.of("name", "priority", "enabled", "dn", "agentId", "direction",
            "ani", "dnis", "userDataKey", "userDataValue", "days", "hoursFrom", "hoursTo", "timeZone",
            "samplingPercent", "record", "parties", "retentionDays", "fileNameTemplate");

    /** A change's fields: a rule's and the version it is based on. */
    private static final Set<String> CHANGE_FIELDS = with(FIELDS, "version");

    @EJB
    private RuleCatalog catalog;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @GET
    @Allowed(Entitlement.READ_CONFIGURATION)
    public List<RuleView> list() {
        return catalog.current();
    }

    @POST
    @Allowed(Entitlement.CONFIGURE)
    public Response create(InputStream body) {
        RuleDraft draft = draft(JsonBody.read(body, FIELDS));
        try {
            RuleView created = catalog.create(draft, user());
            return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
                    .tag(SeenVersion.tag(created.version())).entity(created).build();
        } catch (ConfigurationRefused refused) {
            return DnsResource.refusal(refused);
        }
    }

    @GET
    @Path("{id}")
    @Allowed(Entitlement.READ_CONFIGURATION)
    public Response get(@PathParam("id") String id) {
        try {
            return tagged(catalog.find(ruleId(id)));
        } catch (ConfigurationRefused refused) {
            return DnsResource.refusal(refused);
        }
    }

    @PUT
    @Path("{id}")
    @Allowed(Entitlement.CONFIGURE)
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, InputStream body) {
        long rule = ruleId(id);
        JsonBody json = JsonBody.read(body, CHANGE_FIELDS);
        Integer bodyVersion = json.integer("version");
        RuleDraft draft = draft(json);
        SeenVersion seen = SeenVersion.of(ifMatch, bodyVersion);
        try {
            return tagged(catalog.update(rule, draft, seen.ruleVersion(), user()));
        } catch (ConfigurationRefused refused) {
            return seen.refusal(refused);
        }
    }

    @DELETE
    @Path("{id}")
    @Allowed(Entitlement.CONFIGURE)
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        long rule = ruleId(id);
        SeenVersion seen = SeenVersion.of(ifMatch);
        try {
            catalog.delete(rule, seen.ruleVersion(), user());
            return Response.noContent().build();
        } catch (ConfigurationRefused refused) {
            return seen.refusal(refused);
        }
    }

    /**
     * Sets the order the rules are tried in, in one transaction; the body lists every rule in use at the version the
     * caller read ({@link RuleOrderBody}). 409 when the rules changed since, naming each difference.
     */
    @PUT
    @Path("order")
    @Allowed(Entitlement.CONFIGURE)
    public Response reorder(InputStream body) {
        List<ListedRule> order = RuleOrderBody.read(body);
        try {
            return Response.ok(catalog.reorder(order, user())).build();
        } catch (ConfigurationRefused refused) {
            return DnsResource.refusal(refused);
        }
    }

    @GET
    @Path("{id}/versions/{version}")
    @Allowed(Entitlement.READ_CONFIGURATION)
    public Response version(@PathParam("id") String id, @PathParam("version") String version) {
        try {
            return Response.ok(catalog.version(ruleId(id), (int) positive("version", version, Integer.MAX_VALUE)))
                    .build();
        } catch (ConfigurationRefused refused) {
            return DnsResource.refusal(refused);
        }
    }

    /** A rule's current version, with its ETag. */
    private static Response tagged(RuleView rule) {
        return Response.ok(rule).tag(SeenVersion.tag(rule.version())).build();
    }

    private static Set<String> with(Set<String> fields, String field) {
        Set<String> all = new HashSet<>(fields);
        all.add(field);
        return Set.copyOf(all);
    }

    /** The body as a rule draft; 400 listing every problem of the JSON and of the rule. */
    private static RuleDraft draft(JsonBody json) {
        RuleDraft draft = new RuleDraft(json.text("name"), json.integer("priority"), json.bool("enabled"),
                json.text("dn"), json.text("agentId"), json.text("direction"), json.text("ani"), json.text("dnis"),
                json.text("userDataKey"), json.text("userDataValue"), json.texts("days"), json.text("hoursFrom"),
                json.text("hoursTo"), json.text("timeZone"), json.integer("samplingPercent"), json.bool("record"),
                json.text("parties"), json.integer("retentionDays"), json.text("fileNameTemplate"));
        List<String> problems = json.problems();
        try {
            draft.validate();
        } catch (InvalidRuleException invalid) {
            problems = json.with(invalid.problems());
        }
        if (!problems.isEmpty()) {
            throw JsonBody.invalid(problems);
        }
        return draft;
    }

    private String user() {
        return security.getUserPrincipal().getName();
    }

    private static long ruleId(String id) {
        return positive("rule id", id, Long.MAX_VALUE);
    }

    private static long positive(String name, String value, long max) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadRequest(name + " must be a positive whole number, not '" + value + "'");
    }
}
