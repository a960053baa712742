package org.activerecorder.application.internal;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import org.activerecorder.application.IntakeRefused;
import org.activerecorder.application.StreamAccepted;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallRepository;
import org.activerecorder.domain.model.recording.IllegalRecordingStateException;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.StreamDescription;
import org.activerecorder.infrastructure.storage.RecordingStorage;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;
import org.activerecorder.rtp.api.StreamSpec;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Joins recording sessions to recordings and opens their media. The call is locked while a session
 * joins, so the two sessions of one call, arriving together, still make one recording.
 */
@Stateless
public class StreamIntakeService implements StreamIntake {

    private static final Logger LOG = Logger.getLogger(StreamIntakeService.class.getName());

    @Inject
    private CallRepository calls;

    @Inject
    private RecordingRepository recordings;

    @Inject
    private RecordingStorage storage;

    @Resource(lookup = RtpConnectionFactory.JNDI_NAME)
    private RtpConnectionFactory media;

    @Inject
    private TransactionCallbacks transaction;

    @Override
    public StreamAccepted openStream(StreamRequest request) throws IntakeRefused {
        Call call = calls.lock(calls.findOrCreate(request.callUuid()));
        Instant now = Instant.now();
        Recording recording = activeRecording(call).orElseGet(() -> {
            Recording opened = new Recording(call, request.requestId(), request.recordDn(), request.attributes(), now);
            recordings.add(opened);
            LOG.info(() -> "Recording " + opened.id() + " opened for call " + call.callUuid()
                    + " (record=" + request.requestId() + ", recordDN " + request.recordDn() + ")");
            return opened;
        });
        if (!recording.recordDn().equals(request.recordDn())) {
            LOG.warning(() -> "Session " + request.sipCallId() + " names recordDN " + request.recordDn()
                    + " but recording " + recording.id() + " of call " + call.callUuid() + " records "
                    + recording.recordDn() + "; channels follow the recording's");
        }
        String streamId = UUID.randomUUID().toString();
        String file = storage.streamFile(recording.startedAt(), recording.id(), streamId);
        RecordingStream stream;
        try {
            stream = recording.addStream(new StreamDescription(streamId, request.dn(), request.sipCallId(),
                    request.codec().name(), request.payloadType(), request.codec().clockRate(),
                    describe(request.mediaSource()), file), now);
        } catch (IllegalRecordingStateException e) {
            throw new IntakeRefused(IntakeRefused.Reason.CONFLICT, e.getMessage(), e);
        }
        OpenedStream opened = openMedia(new StreamSpec(streamId, request.codec(), request.payloadType(),
                request.telephoneEventPayloadType(), request.mediaSource(), storage.resolve(file)));
        stream.listeningAt(describe(opened.localRtp()));
        closeMediaIfNotCommitted(streamId);
        LOG.info(() -> "Stream " + streamId + " of DN " + request.dn() + " joined recording " + recording.id()
                + " as " + stream.side() + ", RTP at " + stream.localRtp());
        return new StreamAccepted(streamId, recording.id(), opened.localRtp());
    }

    /**
     * The call's recording that still takes streams, locked: a recording waiting for its second party may be
     * assembled by the sweep at this very moment, and then this session opens a new one instead of joining it.
     */
    private Optional<Recording> activeRecording(Call call) {
        return recordings.findActive(call)
                .flatMap(found -> recordings.lock(found.id()))
                .filter(locked -> locked.state() == RecordingState.ACTIVE);
    }

    @Override
    public void endStream(String streamId) {
        Optional<RecordingStream> stream = recordings.findStream(streamId);
        if (stream.isEmpty() || stream.get().isEnded()) {
            return;
        }
        if (!closeMedia(streamId)) {
            // The media plane already closed the stream (its sender went quiet, its socket or file failed): its
            // end report is on the way and brings the stream's counters and gaps. If it never comes (the adapter
            // was redeployed), the sweep ends the stream from its file once it is sure.
            LOG.fine(() -> "Stream " + streamId + " was already closed by the media plane; its end report follows");
        }
    }

    @Override
    public void pauseStream(String streamId, Instant at) {
        try (RtpConnection connection = media.getConnection()) {
            if (!connection.pause(streamId, at)) {
                LOG.fine(() -> "Pause of stream " + streamId + " ignored: not open in the media plane");
            }
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "Cannot pause stream " + streamId, e);
        }
    }

    @Override
    public void resumeStream(String streamId, Instant at) {
        try (RtpConnection connection = media.getConnection()) {
            if (!connection.resume(streamId, at)) {
                LOG.fine(() -> "Resume of stream " + streamId + " ignored: not open in the media plane");
            }
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "Cannot resume stream " + streamId, e);
        }
    }

    private OpenedStream openMedia(StreamSpec spec) throws IntakeRefused {
        try (RtpConnection connection = media.getConnection()) {
            return connection.open(spec);
        } catch (ResourceException e) {
            throw new IntakeRefused(IntakeRefused.Reason.NO_MEDIA_RESOURCES,
                    "no RTP port could be opened: " + e.getMessage(), e);
        }
    }

    private boolean closeMedia(String streamId) {
        try (RtpConnection connection = media.getConnection()) {
            return connection.close(streamId);
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "Cannot close media of stream " + streamId, e);
            return false;
        }
    }

    /** If the transaction that opened the stream does not commit, nobody will ever close its port: close it now. */
    private void closeMediaIfNotCommitted(String streamId) {
        transaction.unlessCommitted(() -> {
            LOG.warning(() -> "Stream " + streamId + " was not stored; releasing its RTP port");
            closeMedia(streamId);
        });
    }

    private static String describe(InetSocketAddress address) {
        return address == null ? null : address.getHostString() + ":" + address.getPort();
    }
}
