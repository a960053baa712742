package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.activerecorder.application.audit.AuditEntries;
import org.activerecorder.application.audit.AuditEntryView;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.domain.model.audit.AuditSearch;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.audit.UnknownAuditEntry;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /api/audit}: the audit log, newest first, filtered by {@code user}, {@code recordingId}, {@code from}
 * (inclusive) and {@code to} (exclusive), a page of at most {@code limit} entries (default 100, at most 1000) older
 * than the entry {@code before} names (none: the newest page). The body is the page's array; when an older page
 * exists, {@code Link: <url>; rel="next"} (RFC 8288: this request with {@code before} set) and {@code X-Next-Before}
 * (the cursor alone) say where it is. For the roles admin and auditor. docs/users.md says what is recorded.
 * {@code GET /api/audit/verify} checks the log's hash chain.
 */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    /** The header that carries the next page's cursor alone, for clients that do not read {@code Link}. */
    static final String NEXT_BEFORE = "X-Next-Before";

    private static final Jsonb WITH_NULLS = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    @EJB
    private AuditTrail audit;

    @Context
    private UriInfo uri;

    @GET
    @Allowed(Entitlement.READ_AUDIT)
    public Response search(@QueryParam("user") String user, @QueryParam("recordingId") String recordingId,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("before") String before,
                           @QueryParam("limit") @DefaultValue("100") String limit) {
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new BadRequest("'from' (" + since + ") must be before 'to' (" + until + ")");
        }
        AuditSearch search = new AuditSearch(given(user) ? user : null,
                given(recordingId) ? AuditTarget.recording(positive("recordingId", recordingId, Long.MAX_VALUE)) : null,
                since, until, given(before) ? positive("before", before, Long.MAX_VALUE) : null,
                (int) positive("limit", limit, AuditSearch.MAX_LIMIT));
        AuditEntries page;
        try {
            page = audit.search(search);
        } catch (UnknownAuditEntry unknown) {
            throw new BadRequest("'before' must be the id of an audit entry (the last of the previous page), and no"
                    + " entry has the id " + unknown.id());
        }
        Response.ResponseBuilder answer = Response.ok(new GenericEntity<List<AuditEntryView>>(page.entries()) {
        });
        if (page.hasOlder()) {
            URI next = uri.getRequestUriBuilder().replaceQueryParam("before", page.olderBefore()).build();
            answer.link(next, "next").header(NEXT_BEFORE, page.olderBefore());
        }
        return answer.build();
    }

    /**
     * {@code GET /api/audit/verify}: walks the hash chain from its genesis to its head;
     * {@code {"verified": n, "firstBroken": {...} | null, "head": {...}}}, null members written as null so that an
     * intact chain says {@code "firstBroken": null} rather than leaving it out. Same roles as reading the log.
     */
    @GET
    @Path("verify")
    @Allowed(Entitlement.READ_AUDIT)
    public Response verify() {
        return Response.ok(WITH_NULLS.toJson(audit.verifyChain())).build();
    }

    private static boolean given(String parameter) {
        return parameter != null && !parameter.isEmpty();
    }

    private static Instant instant(String name, String value) {
        if (!given(value)) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest("'" + name + "' must be an ISO-8601 instant such as 2026-11-30T09:00:00Z, not '" + value
                    + "'");
        }
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
        throw new BadRequest("'" + name + "' must be a whole number from 1 to " + max + ", not '" + value + "'");
    }
}
