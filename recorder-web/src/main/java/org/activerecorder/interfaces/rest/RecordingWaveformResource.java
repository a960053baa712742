package org.activerecorder.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.activerecorder.application.RecordingCatalog;
import org.activerecorder.application.audit.AuditTrail;

import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /api/recordings/{id}/waveform}: the peaks the console's player draws ({@link Waveform}), computed from the
 * recording's WAV at each request. It reveals the shape of what was said, so it is read like the audio: the same
 * roles, and the same audit entry as a download of the audio.
 */
@Path("recordings/{id}/waveform")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RecordingWaveformResource {

    private static final Logger LOG = Logger.getLogger(RecordingWaveformResource.class.getName());

    @EJB
    private RecordingCatalog catalog;

    @EJB
    private AuditTrail audit;

    @GET
    @Allowed(Entitlement.READ_RECORDINGS)
    public Response waveform(@PathParam("id") String id) {
        long recordingId = recordingId(id);
        java.nio.file.Path file = catalog.audioFile(recordingId).orElse(null);
        if (file == null) {
            return catalog.find(recordingId).filter(view -> view.purgedAt() != null)
                    .map(purged -> ApiError.response(Response.Status.GONE, "recording " + recordingId
                            + "'s audio was deleted at " + purged.purgedAt() + ", at the end of its retention; its"
                            + " metadata is kept"))
                    .orElseGet(() -> ApiError.response(Response.Status.NOT_FOUND,
                            "recording " + recordingId + " does not exist or has no audio file (yet)"));
        }
        try {
            Waveform waveform = Waveform.of(file);
            audit.audioDownloaded(recordingId);
            return Response.ok(waveform).build();
        } catch (IOException | UnsupportedAudioFileException e) {
            LOG.log(Level.WARNING, "recording " + recordingId + ": its waveform could not be read from " + file, e);
            return ApiError.response(Response.Status.INTERNAL_SERVER_ERROR, "recording " + recordingId
                    + "'s audio file could not be read as a WAV: " + e.getMessage());
        }
    }

    // As RecordingsResource's: the same words for the same mistake (a private helper there, owned by its audio work).
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
}
