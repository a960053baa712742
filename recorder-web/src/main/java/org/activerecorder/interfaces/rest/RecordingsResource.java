package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.activerecorder.application.RecordingCatalog;
import org.activerecorder.application.RecordingView;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * {@code /api/recordings}: the recordings, newest first; one recording with its streams; its audio.
 */
@Path("recordings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RecordingsResource {

    static final String AUDIO_WAV = "audio/wav";

    @EJB
    private RecordingCatalog catalog;

    @GET
    public Response list(@QueryParam("offset") @DefaultValue("0") String offset,
                         @QueryParam("limit") @DefaultValue("50") String limit) {
        int first = nonNegative("offset", offset, Integer.MAX_VALUE);
        int max = nonNegative("limit", limit, RecordingCatalog.MAX_PAGE);
        List<RecordingView> page = catalog.newest(first, max);
        return Response.ok(page).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        long recordingId = recordingId(id);
        return catalog.find(recordingId)
                .map(view -> Response.ok(view).build())
                .orElseGet(() -> ApiError.response(Response.Status.NOT_FOUND, "no recording " + recordingId));
    }

    @GET
    @Path("{id}/audio")
    @Produces({AUDIO_WAV, MediaType.APPLICATION_JSON})
    public Response audio(@PathParam("id") String id) {
        long recordingId = recordingId(id);
        return catalog.audioFile(recordingId)
                .map(file -> {
                    StreamingOutput body = out -> Files.copy(file, out);
                    return Response.ok(body, AUDIO_WAV)
                            .header("Content-Length", size(file))
                            .header("Content-Disposition",
                                    "attachment; filename=\"" + file.getFileName() + "\"")
                            .build();
                })
                .orElseGet(() -> ApiError.response(Response.Status.NOT_FOUND,
                        "recording " + recordingId + " does not exist or has no audio file (yet)"));
    }

    private static long size(java.nio.file.Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
