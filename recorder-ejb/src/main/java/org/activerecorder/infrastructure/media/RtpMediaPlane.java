package org.activerecorder.infrastructure.media;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import org.activerecorder.application.ports.MediaPlane;
import org.activerecorder.application.ports.RecordingFolder;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@link MediaPlane} over the RTP resource adapter's connection. */
@ApplicationScoped
public class RtpMediaPlane implements MediaPlane {

    private static final Logger LOG = Logger.getLogger(RtpMediaPlane.class.getName());

    @Resource(lookup = RtpConnectionFactory.JNDI_NAME)
    private RtpConnectionFactory media;

    @Inject
    private RecordingFolder folder;

    @Override
    public boolean stopRecording(String streamId, Instant at) {
        try (RtpConnection connection = media.getConnection()) {
            return connection.stopRecording(streamId, at);
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "Cannot stop the recording of stream " + streamId, e);
            return false;
        }
    }

    @Override
    public Optional<String> recordAgain(String streamId, String newStreamId, String audioFile) {
        try (RtpConnection connection = media.getConnection()) {
            return connection.recordAgain(streamId, newStreamId, folder.resolve(audioFile))
                    .map(RtpMediaPlane::describe);
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "Cannot record stream " + streamId + " again as " + newStreamId, e);
            return Optional.empty();
        }
    }

    private static String describe(OpenedStream opened) {
        return opened.localRtp().getHostString() + ":" + opened.localRtp().getPort();
    }
}
