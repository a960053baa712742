package org.activerecorder.application.internal;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import org.activerecorder.application.IntakeRefused;
import org.activerecorder.application.SessionParties;
import org.activerecorder.application.StreamAccepted;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.application.ports.ProgressiveAssembly;
import org.activerecorder.application.ports.RecordingFolder;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallRepository;
import org.activerecorder.domain.model.recording.ControlState;
import org.activerecorder.domain.model.recording.IllegalRecordingStateException;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.RecordingSummary;
import org.activerecorder.domain.model.recording.StreamDescription;
import org.activerecorder.domain.model.recording.StreamParty;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Joins recording sessions to recordings and opens their media. The call is locked while a session
 * joins, so the two sessions of one call, arriving together, still make one recording; the streams of one
 * session (both parties in one INVITE) join in one transaction, all or none.
 */
@Stateless
public class StreamIntakeService implements StreamIntake {

    private static final Logger LOG = Logger.getLogger(StreamIntakeService.class.getName());

    @Inject
    private CallRepository calls;

    @Inject
    private RecordingRepository recordings;

    @Inject
    private RecordingFolder storage;

    @Resource(lookup = RtpConnectionFactory.JNDI_NAME)
    private RtpConnectionFactory media;

    @Inject
    private TransactionCallbacks transaction;

    @Inject
    private UnacknowledgedSessions unacknowledged;

    @Inject
    private CallControlReports callControl;

    @Inject
    private BuiltAheadStreams builtAhead;

    @Inject
    private ProgressiveAssembly progressive;

    /** Nothing to do: the container holds the call until the startup singletons are ready, which is the point. */
    @Override
    public void awaitStartup() {
        // intentionally empty
    }

    @Override
    public StreamAccepted openStream(StreamRequest request) throws IntakeRefused {
        return openSession(List.of(request)).get(0);
    }

    /**
     * One transaction for the whole session: a stream that cannot be opened throws, the transaction rolls back (no
     * recording, no stream rows), and the ports opened before it are closed by {@link #closeMediaIfNotCommitted}.
     */
    @Override
    public List<StreamAccepted> openSession(List<StreamRequest> requests) throws IntakeRefused {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("a session opens at least one stream");
        }
        StreamRequest first = requests.get(0);
        for (StreamRequest request : requests) {
            if (!request.callUuid().equals(first.callUuid()) || !request.sipCallId().equals(first.sipCallId())) {
                throw new IllegalArgumentException("the streams of one session belong to one call and SIP session");
            }
        }
        Call call = calls.findOrCreateLocked(first.callUuid());
        Instant now = Instant.now();
        List<RecordingSummary> ofCall = recordings.summariesOfCall(call);
        Optional<Recording> joined = requestedById(ofCall, first.requestId())
                .or(() -> activeRecording(ofCall, first.recordDn()));
        Recording recording = joined.orElseGet(() -> {
            Recording opened = new Recording(call, first.requestId(), first.recordDn(), first.attributes(), now);
            recordings.add(opened);
            LOG.info(() -> "Recording " + opened.id() + " opened for call " + call.callUuid()
                    + " (record=" + first.requestId() + ", recordDN " + first.recordDn() + ")");
            callControl.state(opened, CallControlReports.State.ON, now, "opened by session " + first.sipCallId());
            return opened;
        });
        if (recording.state() == RecordingState.REQUESTED) {
            recording.mediaJoins(now);
            LOG.info(() -> "Recording " + recording.id() + " of call " + call.callUuid() + ", requested as record="
                    + first.requestId() + ", is active: session " + first.sipCallId() + " joined");
            callControl.state(recording, CallControlReports.State.ON, now, "media joined (session "
                    + first.sipCallId() + ")");
        }
        if (!recording.recordDn().equals(first.recordDn())) {
            LOG.warning(() -> "Session " + first.sipCallId() + " names recordDN " + first.recordDn()
                    + " but recording " + recording.id() + " of call " + call.callUuid() + " records "
                    + recording.recordDn() + "; channels follow the recording's");
        }
        List<StreamAccepted> accepted = new ArrayList<>(requests.size());
        for (StreamRequest request : requests) {
            accepted.add(join(recording, request, now));
        }
        // Told now, with the recording locked, so that each first packet after this is told by its stream alone,
        // without the recording read (series BM). A recording opened here that is not stored is built no further.
        builtAhead.tell(recording);
        if (joined.isEmpty()) {
            long id = recording.id();
            transaction.unlessCommitted(() -> progressive.discard(id));
        }
        return accepted;
    }

    private StreamAccepted join(Recording recording, StreamRequest request, Instant now) throws IntakeRefused {
        String streamId = UUID.randomUUID().toString();
        String file = storage.streamFile(recording.startedAt(), recording.id(), streamId);
        RecordingStream stream;
        try {
            stream = recording.addStream(new StreamDescription(streamId, request.dn(), request.sipCallId(),
                    request.codec().name(), request.payloadType(), request.codec().sampleRate(),
                    describe(request.mediaSource()), file), now);
        } catch (IllegalRecordingStateException e) {
            throw new IntakeRefused(IntakeRefused.Reason.CONFLICT, e.getMessage(), e);
        }
        OpenedStream opened = openMedia(new StreamSpec(streamId, request.codec(), request.payloadType(),
                request.telephoneEventPayloadType(), request.mediaSource(), storage.resolve(file), request.rtcpMux()));
        stream.listeningAt(describe(opened.localRtp()));
        closeMediaIfNotCommitted(streamId);
        if (recording.isPaused()) {
            // paused on request before this party joined: nothing of it is kept until the recording is resumed
            pauseStream(streamId, now);
        }
        // FINE: the SIP side's line for the session (its stream, DN, codec and port) is the INFO one (series BG)
        LOG.fine(() -> "Stream " + streamId + " of DN " + request.dn() + " joined recording " + recording.id()
                + " as " + stream.side() + ", RTP at " + stream.localRtp());
        return new StreamAccepted(streamId, recording.id(), opened.localRtp());
    }

    /**
     * The recording a start on request made for this {@code record=} id, still waiting for its media or already
     * joined by its first session, locked: the INVITEs that call control's command caused join the recording that
     * asked for them, whatever else the call records. Sessions with an id no command named join by call
     * ({@link #activeRecording}).
     */
    private Optional<Recording> requestedById(List<RecordingSummary> ofCall, RecordingRequestId requestId) {
        return ofCall.stream()
                .filter(r -> r.requestId().equals(requestId))
                .filter(r -> r.phase().isUnderway())
                .findFirst()
                .flatMap(found -> recordings.lock(found.id()))
                .filter(locked -> locked.state() == RecordingState.REQUESTED || locked.state() == RecordingState.ACTIVE);
    }

    /**
     * The call's recording of {@code recordDn} that still takes streams, locked: sessions without a {@code record=} id
     * a command named join by (CallUUID, recordDN), so another recorded DN of the call, or a session after a stop, gets
     * a recording of its own. A recording waiting for its second party may be assembled by the sweep at this very
     * moment, and then this session opens a new one instead of joining it.
     */
    private Optional<Recording> activeRecording(List<RecordingSummary> ofCall, Dn recordDn) {
        return ofCall.stream()
                .filter(r -> r.recordDn().equals(recordDn) && takesStreams(r.state(), r.control()))
                .findFirst()
                .flatMap(found -> recordings.lock(found.id()))
                .filter(locked -> takesStreams(locked.state(), locked.control()));
    }

    private static boolean takesStreams(RecordingState state, ControlState control) {
        return state == RecordingState.ACTIVE && control != ControlState.STOPPED;
    }

    /**
     * The stream the session knows by {@code streamId} may have been stopped on request with its media kept, and
     * recorded again since under another id: the media plane knows it by the session's id too, and its close ends
     * whichever stream records it now (that one's end report follows), or just frees the port.
     */
    @Override
    public void endStream(String streamId) {
        end(streamId, true);
    }

    /**
     * Reads the stream without a transaction of its own (the SIP side calls it with none): it changes nothing in the
     * database, the media plane's end report does, and the BYE of every stream no longer costs a commit (series BL).
     */
    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void handOffStreamEnd(String streamId) {
        end(streamId, false);
    }

    private void end(String streamId, boolean awaitMedia) {
        Optional<RecordingStream> stream = recordings.findLatestOfSession(streamId);
        if (stream.isEmpty() || stream.get().isEnded() && !stream.get().stoppedWithMediaKept()) {
            return;
        }
        if (!closeMedia(streamId, awaitMedia)) {
            // The media plane already closed the stream (its sender went quiet, its socket or file failed): its
            // end report is on the way and brings the stream's counters and gaps. If it never comes (the adapter
            // was redeployed), the sweep ends the stream from its file once it is sure.
            LOG.fine(() -> "Stream " + streamId + " was already closed by the media plane; its end report follows");
        }
    }

    /** The stored first packet says so for a stream already reported; the media plane's counters for one not yet. */
    @Override
    public boolean mediaArrived(List<String> streamIds) {
        for (String streamId : streamIds) {
            if (recordings.findStream(streamId).map(RecordingStream::receivedMedia).orElse(false)
                    || liveStatistics(streamId).map(StreamStatistics::receivedMedia).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private Optional<StreamStatistics> liveStatistics(String streamId) {
        try (RtpConnection connection = media.getConnection()) {
            return connection.statistics(streamId);
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "Cannot read the counters of stream " + streamId, e);
            return Optional.empty();
        }
    }

    /**
     * Marks each stream's session unacknowledged, then closes its media: the media plane's end report, applied
     * after this transaction commits (it waits for the recording's lock), drops the stream if it received nothing
     * ({@link StreamLifecycle}). A stream the media plane had already ended is decided here.
     */
    @Override
    public void abandonStreams(List<String> streamIds) {
        for (String streamId : streamIds) {
            Optional<Recording> locked = recordings.lockByStream(streamId);
            Optional<RecordingStream> stream = locked.flatMap(recording -> recording.stream(streamId));
            if (stream.isEmpty()) {
                continue;
            }
            stream.get().sessionUnacknowledged();
            if (stream.get().isEnded()) {
                unacknowledged.dropSilentStreams(locked.get());
            } else if (!closeMedia(streamId)) {
                LOG.fine(() -> "Stream " + streamId + " was already closed by the media plane; its end report follows");
            }
        }
    }

    /**
     * The recording is locked like a stream's end locks it, so a correction and the assembly never cross: the
     * assembly sees the streams' sides either all before or all after. One that comes after the assembly changes
     * nothing (the file is made), and says so.
     */
    @Override
    public void describeStreams(SessionParties parties, Instant at) {
        String first = parties.streams().get(0).streamId();
        Optional<Recording> found = recordings.lockByStream(first);
        if (found.isEmpty()) {
            LOG.warning(() -> "Streams of " + parties.streams().stream().map(StreamParty::streamId).toList()
                    + " not described (" + parties.cause() + "): stream " + first + " is unknown");
            return;
        }
        Recording recording = found.get();
        List<StreamParty> known = parties.streams().stream()
                .filter(party -> recording.stream(party.streamId()).isPresent()).toList();
        if (known.size() < parties.streams().size()) {
            LOG.warning(() -> "Recording " + recording.id() + " has no stream "
                    + parties.streams().stream().map(StreamParty::streamId)
                    .filter(id -> recording.stream(id).isEmpty()).toList() + "; described without it");
        }
        List<String> changes;
        try {
            changes = recording.describeStreams(parties.recordDn(), known, parties.attributes());
        } catch (IllegalRecordingStateException assembled) {
            LOG.warning(() -> "Recording " + recording.id() + " keeps its channels after " + parties.cause() + " at "
                    + at + ": " + assembled.getMessage());
            return;
        }
        if (changes.isEmpty()) {
            LOG.fine(() -> "Recording " + recording.id() + ": " + parties.cause() + " at " + at + " changes nothing");
            return;
        }
        LOG.info(() -> "Recording " + recording.id() + " of call " + recording.call().callUuid()
                + ": streams described again by " + parties.cause() + " at " + at + ": " + String.join("; ", changes));
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
    public void followSender(String streamId, InetSocketAddress source) {
        try (RtpConnection connection = media.getConnection()) {
            if (!connection.expectSource(streamId, source)) {
                LOG.fine(() -> "New sender address of stream " + streamId + " ignored: not open in the media plane");
            }
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "Cannot tell the media plane that stream " + streamId + " now comes from " + source
                    + "; it follows the sender after a few packets all the same", e);
        }
    }

    /**
     * A recording paused on request stays silent whatever the session signals: a SIP resume (the end of a hold)
     * during it must not let audio through. The media resumes with the recording ({@link RecordingControlService}).
     */
    @Override
    public void resumeStream(String streamId, Instant at) {
        if (recordings.findLatestOfSession(streamId).map(stream -> stream.recording().isPaused()).orElse(false)) {
            LOG.info(() -> "Stream " + streamId + " stays silent: its session resumed at " + at
                    + " but its recording is paused on request");
            return;
        }
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
        return closeMedia(streamId, true);
    }

    /**
     * Closes the stream's media; without {@code await}, hands the close to the media plane and returns: its file is
     * finished, its end reported and its ports freed after, on the media plane's threads. A caller that waited would
     * hold one of the container's few executor threads while the receive loop and the disk work (series BJ).
     */
    private boolean closeMedia(String streamId, boolean await) {
        try (RtpConnection connection = media.getConnection()) {
            return await ? connection.close(streamId) : connection.closeLater(streamId);
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
