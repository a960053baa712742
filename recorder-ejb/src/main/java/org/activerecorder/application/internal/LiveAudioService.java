package org.activerecorder.application.internal;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.application.live.LiveAudio;
import org.activerecorder.application.live.LiveAudioRefused;
import org.activerecorder.application.live.LiveListening;
import org.activerecorder.application.live.SampleRing;
import org.activerecorder.application.live.StreamTapHub;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.StreamSide;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Keeps the media plane's taps of the streams being listened to: one {@link StreamTapHub} per stream, shared by its
 * listeners, attached with the first and detached with the last. A singleton with the container's write lock:
 * starting and stopping are rare, and serialising them keeps a tap from being detached while another listener
 * joins it.
 */
@Singleton
@SecurityDomain("recorder")
@RolesAllowed({"admin", "supervisor"})
public class LiveAudioService implements LiveAudio {

    private static final Logger LOG = Logger.getLogger(LiveAudioService.class.getName());

    @Inject
    private RecordingRepository recordings;

    @Resource(lookup = RtpConnectionFactory.JNDI_NAME)
    private RtpConnectionFactory media;

    @Inject
    private AuditTrail audit;

    private final Map<String, StreamTapHub> hubs = new HashMap<>();

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public LiveListening listen(long recordingId) throws LiveAudioRefused {
        Recording recording = recordings.find(recordingId).orElseThrow(() -> new LiveAudioRefused(
                LiveAudioRefused.Reason.NOT_FOUND, "recording " + recordingId + " does not exist"));
        if (recording.state() != RecordingState.ACTIVE) {
            throw new LiveAudioRefused(LiveAudioRefused.Reason.NOT_ACTIVE, "recording " + recordingId + " is "
                    + recording.state() + ": only an active recording can be heard live; play its audio instead");
        }
        List<LiveListening.Heard> heard = new ArrayList<>();
        try (RtpConnection connection = media.getConnection()) {
            for (RecordingStream stream : recording.streams()) {
                if (stream.isEnded()) {
                    continue;
                }
                StreamTapHub hub = hubs.get(stream.id());
                if (hub == null) {
                    hub = new StreamTapHub(stream.id());
                    if (!connection.attachTap(stream.id(), hub)) {
                        continue; // not open in the media plane (ending now)
                    }
                    hubs.put(stream.id(), hub);
                }
                SampleRing ring = SampleRing.holding(stream.sampleRate(), BUFFER_MILLIS);
                hub.join(ring);
                heard.add(new LiveListening.Heard(heard.size(), stream.side() == StreamSide.RECORDED_PARTY
                        ? LiveListening.Side.LEFT : LiveListening.Side.RIGHT, stream.id(), stream.dn().value(),
                        stream.sampleRate(), ring));
            }
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "Cannot tap the streams of recording " + recordingId, e);
        }
        if (heard.isEmpty()) {
            throw new LiveAudioRefused(LiveAudioRefused.Reason.NO_MEDIA, "recording " + recordingId
                    + " has no stream open in the media plane to listen to");
        }
        LiveListening listening = new LiveListening(recordingId, heard);
        audit.record(AuditAction.LIVE_LISTENED, AuditTarget.recording(recordingId), heard.stream()
                .map(stream -> stream.side() + " " + stream.dn() + " (" + stream.streamId() + ")")
                .collect(Collectors.joining(", ")));
        LOG.info(() -> "Live listening to recording " + recordingId + " started: " + heard.size() + " stream(s)");
        return listening;
    }

    @Override
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void stop(LiveListening listening) {
        try (RtpConnection connection = media.getConnection()) {
            for (LiveListening.Heard stream : listening.streams()) {
                StreamTapHub hub = hubs.get(stream.streamId());
                if (hub != null && hub.leave(stream.ring())) {
                    hubs.remove(stream.streamId());
                    connection.detachTap(stream.streamId(), hub);
                }
            }
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "Cannot detach the taps of recording " + listening.recordingId(), e);
        }
        long dropped = listening.dropped();
        LOG.info(() -> "Live listening to recording " + listening.recordingId() + " stopped"
                + (dropped == 0 ? "" : "; the listener missed " + dropped + " samples (too slow)"));
    }

    @Override
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean active(LiveListening listening) {
        return recordings.find(listening.recordingId()).map(recording -> recording.state() == RecordingState.ACTIVE)
                .orElse(false);
    }
}
