package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.activerecorder.application.RecordingCatalog;
import org.activerecorder.application.RecordingView;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.recording.RecordingSearch;
import org.activerecorder.domain.model.recording.RecordingState;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/recordings}: the recordings, newest first, found by call, DN, agent, time and user data; one recording
 * with its streams; its audio.
 */
@Path("recordings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RecordingsResource {

    static final String AUDIO_WAV = "audio/wav";

    @EJB
    private RecordingCatalog catalog;

    @EJB
    private AuditTrail audit;

    @Inject
    private RecentPlaybacks playbacks;

    /**
     * The recordings, newest first, that match every search parameter given: {@code callUuid}; {@code dn} (the recorded
     * DN or a party's); {@code agentId}; {@code from} (inclusive) and {@code to} (exclusive), ISO-8601 instants on the
     * recording's start; {@code key} (the call's user data has it) and {@code value} (with exactly this value);
     * {@code ani}, {@code dnis} (the call's numbers) and {@code state} (the recording's).
     */
    @GET
    @Allowed(Entitlement.READ_RECORDINGS)
    public Response list(@QueryParam("offset") @DefaultValue("0") String offset,
                         @QueryParam("limit") @DefaultValue("50") String limit,
                         @QueryParam("callUuid") String callUuid, @QueryParam("dn") String dn,
                         @QueryParam("agentId") String agentId, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("key") String key,
                         @QueryParam("value") String value, @QueryParam("ani") String ani,
                         @QueryParam("dnis") String dnis, @QueryParam("state") String state) {
        int first = nonNegative("offset", offset, Integer.MAX_VALUE);
        int max = nonNegative("limit", limit, RecordingCatalog.MAX_PAGE);
        if (value != null && key == null) {
            throw new BadRequest("'value' is searched for under a user-data key: give 'key' too");
        }
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new BadRequest("'from' (" + since + ") must be before 'to' (" + until + ")");
        }
        RecordingSearch search = new RecordingSearch(given(callUuid) ? callUuid(callUuid) : null,
                given(dn) ? dn(dn) : null, given(agentId) ? agentId : null, since, until, given(key) ? key : null,
                value, given(ani) ? ani : null, given(dnis) ? dnis : null, given(state) ? state(state) : null);
        List<RecordingView> page = catalog.search(search, first, max);
        return Response.ok(page).build();
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

    private static CallUuid callUuid(String value) {
        try {
            return new CallUuid(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'callUuid': " + e.getMessage());
        }
    }

    private static RecordingState state(String value) {
        try {
            return RecordingState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'state' must be one of " + java.util.Arrays.toString(RecordingState.values())
                    + ", not '" + value + "'");
        }
    }

    private static Dn dn(String value) {
        try {
            return new Dn(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'dn': " + e.getMessage());
        }
    }

    @GET
    @Path("{id}")
    @Allowed(Entitlement.READ_RECORDINGS)
    public Response get(@PathParam("id") String id) {
        long recordingId = recordingId(id);
        return catalog.find(recordingId)
                .map(view -> Response.ok(view).build())
                .orElseGet(() -> ApiError.response(Response.Status.NOT_FOUND, "no recording " + recordingId));
    }

    /**
     * The recording's stereo WAV, whole or one byte range of it (RFC 9110: {@code Range: bytes=a-b}, {@code a-} or
     * {@code -n}, optionally on {@code If-Range} with the file's ETag, its SHA-256), so that players can seek. Several
     * ranges in one request get the whole file (200), as RFC 9110 allows. Each read is audited as a download, a
     * player's seeks at most once per {@link RecentPlaybacks#WINDOW}; a HEAD or a 416 hands out nothing and writes
     * nothing.
     */
    @GET
    @Path("{id}/audio")
    @Produces({AUDIO_WAV, MediaType.APPLICATION_JSON})
    @Allowed(Entitlement.READ_RECORDINGS)
    public Response audio(@PathParam("id") String id, @HeaderParam("Range") String range,
                          @HeaderParam("If-Range") String ifRange, @Context Request request,
                          @Context SecurityContext caller) {
        long recordingId = recordingId(id);
        Optional<java.nio.file.Path> file = catalog.audioFile(recordingId);
        if (file.isEmpty()) {
            return noAudio(recordingId);
        }
        String sha256 = catalog.find(recordingId).map(RecordingView::sha256).orElse(null);
        RangedFile audio = RangedFile.of(file.get(), sha256);
        ByteRange sent = audio.select(range, ifRange);
        if (sent.kind() != ByteRange.Kind.UNSATISFIABLE && !HttpMethod.HEAD.equals(request.getMethod())) {
            auditRead(recordingId, sent.first(), caller.getUserPrincipal().getName());
        }
        return audio.answer(sent, AUDIO_WAV, "attachment; filename=\"" + file.get().getFileName() + "\"");
    }

    /** Writes the download's entry, before the first byte leaves, when {@link RecentPlaybacks} says it needs one. */
    private void auditRead(long recordingId, long firstByte, String user) {
        long now = System.nanoTime();
        if (playbacks.needsEntry(user, recordingId, firstByte, now)) {
            audit.audioDownloaded(recordingId);
            playbacks.entryWritten(user, recordingId, now);
        }
    }

    private Response noAudio(long recordingId) {
        return catalog.find(recordingId).filter(view -> view.purgedAt() != null)
                .map(purged -> ApiError.response(Response.Status.GONE, "recording " + recordingId
                        + "'s audio was deleted at " + purged.purgedAt() + ", at the end of its retention of "
                        + purged.retentionDays() + " day(s); its metadata is kept"))
                .orElseGet(() -> ApiError.response(Response.Status.NOT_FOUND,
                        "recording " + recordingId + " does not exist or has no audio file (yet)"));
    }

    private static long recordingId(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadRequest("recording id must be a positive whole number, not '" + id + "'");
    }

    private static int nonNegative(String name, String value, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadRequest(name + " must be a whole number from 0 to " + max + ", not '" + value + "'");
    }
}
