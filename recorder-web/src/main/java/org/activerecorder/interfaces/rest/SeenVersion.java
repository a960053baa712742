package org.activerecorder.interfaces.rest;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.activerecorder.application.rules.ConfigurationRefused;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of a rule or DN that a {@code PUT} or {@code DELETE} is based on, as the request names it: in
 * {@code If-Match: "v3"} (the {@code ETag} its {@code GET} answered, as HTTP does it) or in a {@code "version"} field
 * of the body (what a form can carry). Neither: none, and the change is made on whatever is current (last write wins,
 * as for every client older than versioned edits; docs/rules.md). When the version is out of date the answer is 412
 * if it was named in {@code If-Match} (a precondition of the request failed), 409 if in the body (the content conflicts
 * with the state, as {@code PUT /api/rules/order}'s), either naming the version now current, who saved it and when.
 */
final class SeenVersion {

    /** What the server sends: one strong tag per version, {@code "v3"}. */
    private static final Pattern TAG = Pattern.compile("\"v([1-9][0-9]{0,17})\"");

    private static final SeenVersion NONE = new SeenVersion(null, false);

    private final Long version;
    private final boolean ifMatch;

    private SeenVersion(Long version, boolean ifMatch) {
        this.version = version;
        this.ifMatch = ifMatch;
    }

    /** The ETag of a version: {@code "v3"}. */
    static EntityTag tag(long version) {
        return new EntityTag("v" + version);
    }

    /** The version named in {@code If-Match} alone; {@code *} (any version) names none. */
    static SeenVersion of(String ifMatch) {
        return of(ifMatch, null);
    }

    /**
     * The version named in {@code If-Match} or the body's {@code version}; 400 when {@code If-Match} is not one tag
     * this server sends, or when the two name different versions.
     */
    static SeenVersion of(String ifMatch, Integer bodyVersion) {
        Long header = header(ifMatch);
        if (header != null && bodyVersion != null && header.longValue() != bodyVersion) {
            throw new BadRequest("If-Match names version " + header + ", the body's version " + bodyVersion
                    + ": name the version the change is based on once, or twice the same");
        }
        if (header != null) {
            return new SeenVersion(header, true);
        }
        if (bodyVersion != null) {
            if (bodyVersion < 1) {
                throw new BadRequest("version must be a positive whole number, not " + bodyVersion);
            }
            return new SeenVersion((long) bodyVersion, false);
        }
        return NONE;
    }

    private static Long header(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher tag = TAG.matcher(ifMatch.strip());
        if (!tag.matches()) {
            throw new BadRequest("If-Match must be one entity tag as the GET's ETag answers it, such as \"v3\","
                    + " not " + ifMatch.strip());
        }
        return Long.valueOf(tag.group(1));
    }

    /** The version, {@code null} when none was named. */
    Long version() {
        return version;
    }

    /** As a rule's version number, {@code null} when none was named. */
    Integer ruleVersion() {
        if (version == null) {
            return null;
        }
        if (version > Integer.MAX_VALUE) {
            throw new BadRequest("there is no rule version " + version);
        }
        return version.intValue();
    }

    /** The answer for a refused change: 412 for an out-of-date {@code If-Match}, the usual mapping otherwise. */
    Response refusal(ConfigurationRefused refused) {
        if (ifMatch && refused.reason() == ConfigurationRefused.Reason.STALE) {
            return stale(Response.Status.PRECONDITION_FAILED, refused);
        }
        return DnsResource.refusal(refused);
    }

    /**
     * A stale change's answer: the problems, and when one rule or DN was at another version what it is at now, in the
     * body and as the {@code ETag}, so that the client can read it again.
     */
    static Response stale(Response.Status status, ConfigurationRefused refused) {
        ConfigurationRefused.Current current = refused.current();
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Stale(status.getStatusCode(), status.getReasonPhrase(), refused.getMessage(),
                        refused.problems(), current == null ? null : current.version(),
                        current == null ? null : current.savedAt(), current == null ? null : current.savedBy()));
        return current == null ? answer.build() : answer.tag(tag(current.version())).build();
    }

    /**
     * The body of a 409 or 412 for a change based on an out-of-date view: {@link JsonBody.Invalid}'s fields and, when
     * the change concerned one rule or DN, the version now current, when and by whom it was saved ({@code savedBy}
     * absent when not known).
     */
    public record Stale(int status, String error, String message, List<String> problems, Long currentVersion,
                        Instant savedAt, String savedBy) {
    }
}
