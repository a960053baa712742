package org.activerecorder.application.internal;

import jakarta.ejb.ApplicationException;
import jakarta.resource.ResourceException;
import org.activerecorder.application.IntakeRefused;
import org.activerecorder.application.SessionParties;
import org.activerecorder.application.StreamAccepted;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.application.ports.LiveStream;
import org.activerecorder.application.ports.ProgressiveAssembly;
import org.activerecorder.application.ports.RecordingFolder;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallRepository;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingPhase;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.RecordingSummary;
import org.activerecorder.domain.model.recording.StreamEnd;
import org.activerecorder.domain.model.recording.StreamEndReason;
import org.activerecorder.domain.model.recording.StreamStatistics;
import org.activerecorder.domain.model.recording.StreamTimeline;
import org.activerecorder.domain.model.recording.StreamSide;
import org.activerecorder.domain.model.recording.CompletenessPolicy;
import org.activerecorder.domain.model.recording.StoredAudio;
import org.activerecorder.domain.model.recording.StreamEnd;
import org.activerecorder.domain.model.recording.StreamEndReason;
import org.activerecorder.domain.model.recording.StreamParty;
import org.activerecorder.domain.model.recording.StreamStatistics;
import org.activerecorder.domain.model.recording.StreamTimeline;
import org.activerecorder.infrastructure.storage.RecordingStorage;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.application.calls.CallControlCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening the streams of one SIP session (both parties in one INVITE): one recording, a port each, and when one
 * cannot be opened, nothing left open. The repositories, storage, media plane and transaction are doubles; the
 * rollback is the container's, so the test runs what the transaction runs when it does not commit.
 */
class StreamIntakeServiceTest {

    private static final CallUuid CALL = new CallUuid("CALL1");

    @TempDir
    Path root;

    private final List<Recording> stored = new ArrayList<>();
    private final List<String> openedMedia = new ArrayList<>();
    private final List<StreamSpec> openedSpecs = new ArrayList<>();
    private final List<String> closedMedia = new ArrayList<>();
    private final List<Runnable> unlessCommitted = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<String> expectedSources = new ArrayList<>();
    private final List<Recording> removed = new ArrayList<>();
    private final StreamLifecycle lifecycle = new StreamLifecycle();
    private RecordingStorage storage;
    private int failOpenNumber = -1;
    /** The call's recording that still takes streams, when a test has one. */
    private final List<String> pausedMedia = new ArrayList<>();
    private final List<CallControlCommand> sentToCallControl = new ArrayList<>();
    private Call theCall;
    private final List<String> resumedMedia = new ArrayList<>();
    /** What the media plane's counters say of each open stream. */
    private final Map<String, org.activerecorder.rtp.api.StreamStatistics> liveCounters = new java.util.HashMap<>();
    private final StreamIntakeService intake = new StreamIntakeService();
    /** What building recordings' files ahead was told. */
    private final List<String> toldProgressive = new ArrayList<>();
    /** The open streams told with their recording: the ones the real one takes a first packet of by the stream. */
    private final java.util.Set<String> listedAhead = new java.util.HashSet<>();
    private final ProgressiveAssembly progressive = new ProgressiveAssembly() {
        @Override
        public void streamsNow(long recordingId, List<LiveStream> streams) {
            streams.forEach(s -> {
                if (s.ended()) {
                    listedAhead.remove(s.streamId());
                } else {
                    listedAhead.add(s.streamId());
                }
            });
            toldProgressive.add(recordingId + ": " + streams.stream().map(s -> s.streamId() + (s.left() ? " left" :
                    " right") + (s.firstPacketAt() == null ? "" : " packet") + (s.ended() ? " ended at "
                    + s.firstSample() : "") + " " + s.file().getFileName()).toList());
        }

        @Override
        public void firstSampleSettled(long recordingId, String streamId, Instant firstSample) {
            toldProgressive.add(recordingId + ": " + streamId + " settled at " + firstSample);
        }

        @Override
        public boolean firstSampleSettled(String streamId, Instant firstSample) {
            return false; // the intake's reports go with their recording
        }

        @Override
        public boolean firstPacketArrived(String streamId, Instant arrival) {
            if (!listedAhead.contains(streamId)) {
                return false;
            }
            toldProgressive.add(streamId + " packet at " + arrival);
            return true;
        }

        @Override
        public void discard(long recordingId) {
            toldProgressive.add(recordingId + ": discarded");
        }
    };

    @BeforeEach
    void wire() throws ReflectiveOperationException {
        Call call = new Call(CALL, Instant.now());
        theCall = call;
        set("calls", new CallRepository() {
            @Override
            public Optional<Call> findByCallUuid(CallUuid callUuid) {
                return Optional.of(call);
            }

            @Override
            public List<Call> findByConnId(String connId) {
                return connId.equals(call.connId()) ? List.of(call) : List.of();
            }

            @Override
            public Call findOrCreate(CallUuid callUuid) {
                return call;
            }

            @Override
            public Call lock(Call locked) {
                return locked;
            }
        });
        RecordingRepository repository = (RecordingRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{RecordingRepository.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "add" -> {
                        Recording recording = (Recording) args[0];
                        Field id = Recording.class.getDeclaredField("id"); // assigned by the database
                        id.setAccessible(true);
                        id.set(recording, 40L + stored.size());
                        stored.add(recording);
                        yield null;
                    }
                    case "lock", "find" -> stored.stream().filter(r -> r.id() == (long) args[0]).findFirst();
                    case "lockIdByStream" -> stored.stream()
                            .filter(recording -> recording.stream((String) args[0]).isPresent())
                            .findFirst().map(Recording::id);
                    case "firstPacketArrived" -> stored.stream()
                            .flatMap(recording -> recording.stream((String) args[0]).stream())
                            .findFirst().map(stream -> stream.firstPacketArrived((Instant) args[1])).orElse(false);
                    case "ofCall", "summariesOfCall" -> {
                        List<Recording> newestFirst = new ArrayList<>(stored);
                        java.util.Collections.reverse(newestFirst);
                        yield method.getName().equals("ofCall") ? newestFirst
                                : newestFirst.stream().map(RecordingSummary::of).toList();
                    }
                    case "lockByStream", "findStream", "findLatestOfSession" -> stored.stream()
                            .filter(recording -> recording.stream((String) args[0]).isPresent())
                            .findFirst()
                            .map(recording -> method.getName().equals("lockByStream") ? recording
                                    : recording.stream((String) args[0]).orElseThrow());
                    case "remove" -> {
                        stored.remove((Recording) args[0]);
                        removed.add((Recording) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        set("recordings", repository);
        var newStorage = RecordingStorage.class.getDeclaredConstructor(Path.class, Clock.class);
        newStorage.setAccessible(true);
        storage = newStorage.newInstance(root, Clock.systemUTC());
        set("storage", storage);
        RtpConnection connection = (RtpConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{RtpConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "open" -> {
                        StreamSpec spec = (StreamSpec) args[0];
                        if (openedMedia.size() == failOpenNumber) {
                            throw new ResourceException("no free RTP port");
                        }
                        openedMedia.add(spec.streamId());
                        openedSpecs.add(spec);
                        yield new OpenedStream(spec.streamId(), new InetSocketAddress("127.0.0.1",
                                20000 + 2 * openedMedia.size()));
                    }
                    case "close" -> args == null ? null : closedMedia.add((String) args[0]);
                    case "expectSource" -> expectedSources.add(args[0] + " " + args[1]);
                    case "pause" -> pausedMedia.add(args[0] + " " + args[1]);
                    case "resume" -> resumedMedia.add(args[0] + " " + args[1]);
                    case "statistics" -> java.util.Optional.ofNullable(liveCounters.get((String) args[0]));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        set("media", Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{RtpConnectionFactory.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> connection;
                    default -> throw new UnsupportedOperationException(method.getName());
                }));
        TransactionCallbacks transaction = new TransactionCallbacks() {
            @Override
            public void unlessCommitted(Runnable action) {
                unlessCommitted.add(action);
            }

            @Override
            public void afterCommit(Runnable action) {
                afterCommit.add(action);
            }
        };
        set("transaction", transaction);
        var files = StreamFiles.class.getDeclaredConstructor(RecordingFolder.class);
        files.setAccessible(true);
        UnacknowledgedSessions unacknowledged = new UnacknowledgedSessions(repository, files.newInstance(storage),
                transaction);
        set("unacknowledged", unacknowledged);
        set("callControl", new CallControlReports(sentToCallControl::add, new RecorderSettings(name -> null,
                name -> null), storage));
        BuiltAheadStreams builtAhead = new BuiltAheadStreams(files.newInstance(storage), progressive);
        set("builtAhead", builtAhead);
        set("progressive", progressive);
        Map<String, Object> lifecycleFields = Map.of("recordings", repository, "unacknowledged", unacknowledged,
                "files", files.newInstance(storage), "progressive", progressive, "builtAhead", builtAhead);
        for (Map.Entry<String, Object> field : lifecycleFields.entrySet()) {
            Field target = StreamLifecycle.class.getDeclaredField(field.getKey());
            target.setAccessible(true);
            target.set(lifecycle, field.getValue());
        }
    }

    private void set(String field, Object value) throws ReflectiveOperationException {
        Field target = StreamIntakeService.class.getDeclaredField(field);
        target.setAccessible(true);
        target.set(intake, value);
    }

    private static StreamRequest request(String dn, int port) {
        return new StreamRequest(new RecordingRequestId("rec-1"), CALL, new Dn(dn), new Dn("1001"),
                Map.of("site", "paris"), "sip-call-1", AudioCodec.PCMU, 0, new InetSocketAddress("127.0.0.1", port));
    }

    /** A session of the Media Server's own id for {@code recordDn} (no command named it). */
    private static StreamRequest requestRecording(String dn, String recordDn, int port) {
        return new StreamRequest(new RecordingRequestId("ms-" + recordDn), CALL, new Dn(dn), new Dn(recordDn),
                Map.of(), "sip-call-" + recordDn, AudioCodec.PCMU, 0, new InetSocketAddress("127.0.0.1", port));
    }

    @Test
    void aStreamWhoseAnswerAcceptedRtcpMuxIsOpenedWithOneSocket() throws Exception {
        StreamRequest plain = request("1001", 31000);
        StreamRequest muxed = new StreamRequest(plain.requestId(), CALL, new Dn("5551234"), plain.recordDn(),
                plain.attributes(), plain.sipCallId(), AudioCodec.PCMU, 0, new InetSocketAddress("127.0.0.1", 31002),
                StreamSpec.NONE, true);

        intake.openSession(List.of(plain, muxed));

        assertEquals(List.of(false, true), openedSpecs.stream().map(StreamSpec::rtcpMux).toList());
    }

    @Test
    void aSipResumeDoesNotEndAPauseOnRequestButAResumeOnRequestDoes() throws Exception {
        List<StreamAccepted> accepted = intake.openSession(List.of(request("1001", 31000), request("5551234", 31002)));
        Recording recording = stored.get(0);
        Instant paused = Instant.parse("2026-11-30T20:00:02Z");
        Instant sipResume = paused.plusSeconds(1);
        recording.pause(paused, "tester");

        intake.resumeStream(accepted.get(0).streamId(), sipResume);
        assertEquals(List.of(), resumedMedia, "the hold ended, but the recording is paused on request: still silent");

        recording.resume(sipResume.plusSeconds(1), "tester");
        intake.resumeStream(accepted.get(0).streamId(), sipResume.plusSeconds(1));
        assertEquals(List.of(accepted.get(0).streamId() + " " + sipResume.plusSeconds(1)), resumedMedia);
    }

    @Test
    void aPartyJoiningARecordingPausedOnRequestIsSilencedFromItsStartAndNoneJoinsAStoppedOne() throws Exception {
        intake.openSession(List.of(request("1001", 31000)));
        Recording active = stored.get(0);
        active.pause(Instant.parse("2026-11-30T20:00:02Z"), "tester");

        StreamAccepted customer = intake.openStream(request("5551234", 31002));

        assertEquals(active.id(), customer.recordingId());
        assertEquals(1, pausedMedia.size(), () -> "paused: " + pausedMedia);
        assertTrue(pausedMedia.get(0).startsWith(customer.streamId() + " "), () -> "paused: " + pausedMedia);

        active.stop(Instant.parse("2026-11-30T20:00:03Z"), "tester");
        StreamAccepted later = intake.openStream(request("4711", 31004));
        assertNotEquals(active.id(), later.recordingId(), "a session after the stop opens a recording of its own");
        assertEquals(2, stored.size());
        assertEquals(List.of(), stored.get(0).streams().stream().filter(s -> s.id().equals(later.streamId())).toList(),
                "the stopped recording took no stream");
    }

    @Test
    void sessionsWithoutACommandsIdJoinByCallAndRecordedDn() throws Exception {
        StreamAccepted agent = intake.openStream(requestRecording("1001", "1001", 31000));
        StreamAccepted otherDn = intake.openStream(requestRecording("2002", "2002", 31002));
        // another id than the agent's session: joined by call and recorded DN, not by id
        StreamAccepted customer = intake.openStream(new StreamRequest(new RecordingRequestId("ms-other"), CALL,
                new Dn("5551234"), new Dn("1001"), Map.of(), "sip-call-c", AudioCodec.PCMU, 0,
                new InetSocketAddress("127.0.0.1", 31004)));

        assertEquals(agent.recordingId(), customer.recordingId(), "the same call and recorded DN: one recording");
        assertNotEquals(agent.recordingId(), otherDn.recordingId(), "another recorded DN of the call: its own");
    }

    @Test
    void aSessionNamingTheIdOfARequestedRecordingJoinsItAndMakesItActive() throws Exception {
        Recording requested = Recording.requested(theCall, new RecordingRequestId("rec-1"), new Dn("1001"),
                Instant.parse("2026-11-30T20:00:00Z"));
        Field id = Recording.class.getDeclaredField("id"); // assigned by the database
        id.setAccessible(true);
        id.set(requested, 7L);
        stored.add(requested);

        List<StreamAccepted> accepted = intake.openSession(List.of(request("1001", 31000), request("5551234", 31002)));

        assertEquals(1, stored.size(), "no recording of its own");
        assertEquals(RecordingPhase.ACTIVE, requested.phase());
        assertEquals(2, requested.streams().size());
        assertTrue(requested.startedAt().isAfter(Instant.parse("2026-11-30T20:00:00Z")), "started when its media came");
        assertEquals(List.of("ON"), sentToCallControl.stream().map(c -> c.userData().get("GSIP_RECORD")).toList());
        assertEquals(2, accepted.size());
    }

    @Test
    void theStreamsOfOneSessionJoinOneRecordingAsTheTwoPartiesEachOnItsOwnPort() throws Exception {
        List<StreamAccepted> accepted = intake.openSession(List.of(request("1001", 31000), request("5551234", 31002)));
        assertEquals(1, sentToCallControl.size(), "call control hears once that the recording is on");
        assertEquals(CallControlCommand.Type.USER_DATA_UPDATE, sentToCallControl.get(0).type());
        assertEquals("ON", sentToCallControl.get(0).userData().get("GSIP_RECORD"));
        assertEquals("1001", sentToCallControl.get(0).thisDn());

        assertEquals(1, stored.size(), "one recording");
        Recording recording = stored.get(0);
        assertEquals(List.of(recording.id(), recording.id()), accepted.stream().map(StreamAccepted::recordingId).toList());
        List<RecordingStream> streams = recording.streams();
        assertEquals(List.of(accepted.get(0).streamId(), accepted.get(1).streamId()),
                streams.stream().map(RecordingStream::id).toList());
        assertEquals(List.of(StreamSide.RECORDED_PARTY, StreamSide.OTHER_PARTY),
                streams.stream().map(RecordingStream::side).toList());
        assertEquals(List.of(20002, 20004), accepted.stream().map(opened -> opened.localRtp().getPort()).toList());
        assertEquals(List.of("127.0.0.1:20002", "127.0.0.1:20004"),
                streams.stream().map(RecordingStream::localRtp).toList());
        assertEquals(List.of(streams.get(0)), recording.channelLayout().left(), "left: the recorded party");
        assertEquals(List.of(streams.get(1)), recording.channelLayout().right(), "right: the other party");
    }

    @Test
    void aSessionDescribedAgainTakesItsNewPartiesOnceAndTheRecordingSaysByWhichRule() throws Exception {
        List<StreamAccepted> accepted = intake.openSession(List.of(siprecLine("recorded-party", 31000),
                siprecLine("other-party", 31002)));
        Recording recording = stored.get(0);
        SessionParties corrected = new SessionParties(new Dn("4711"), List.of(
                new StreamParty(accepted.get(0).streamId(), new Dn("5551234"), StreamSide.OTHER_PARTY),
                new StreamParty(accepted.get(1).streamId(), new Dn("4711"), StreamSide.RECORDED_PARTY)),
                Map.of("siprec.channelRule", "CONFIGURED_DN",
                        "siprec.channelsCorrected", "2026-11-30T19:00:00Z by a SIPREC metadata update"),
                "SIPREC metadata update in re-INVITE");

        intake.describeStreams(corrected, Instant.parse("2026-11-30T19:00:00Z"));
        intake.describeStreams(corrected, Instant.parse("2026-11-30T19:00:01Z")); // a retry: the same outcome

        assertEquals(new Dn("4711"), recording.recordDn());
        assertEquals(List.of(StreamSide.OTHER_PARTY, StreamSide.RECORDED_PARTY),
                recording.streams().stream().map(RecordingStream::side).toList());
        assertEquals(List.of("5551234", "4711"), recording.streams().stream().map(s -> s.dn().value()).toList());
        assertEquals(List.of(recording.streams().get(1)), recording.channelLayout().left(), "the second line is left");
        assertEquals("CONFIGURED_DN", recording.attributes().get("siprec.channelRule"));
        assertEquals("2026-11-30T19:00:00Z by a SIPREC metadata update",
                recording.attributes().get("siprec.channelsCorrected"));
        assertEquals("paris", recording.attributes().get("site"), "other attributes stay");
    }

    @Test
    void aDescriptionOfUnknownStreamsChangesNothingAndAnAssembledRecordingKeepsItsChannels() throws Exception {
        SessionParties nobody = new SessionParties(new Dn("4711"),
                List.of(new StreamParty("no-such-stream", new Dn("4711"), StreamSide.RECORDED_PARTY)), Map.of(), "test");
        intake.describeStreams(nobody, Instant.now());
        assertEquals(List.of(), stored);

        List<StreamAccepted> accepted = intake.openSession(List.of(siprecLine("recorded-party", 31000)));
        Recording recording = stored.get(0);
        recording.streamEnded(accepted.get(0).streamId(), new StreamEnd(null, StreamStatistics.NONE,
                StreamEndReason.REQUESTED, StreamTimeline.EMPTY), Instant.now());
        recording.complete(new StoredAudio("f.wav", null, Duration.ZERO, "00"), Set.of(),
                CompletenessPolicy.defaults(), Instant.now());

        intake.describeStreams(new SessionParties(new Dn("4711"), List.of(new StreamParty(accepted.get(0).streamId(),
                new Dn("5551234"), StreamSide.OTHER_PARTY)), Map.of(), "test"), Instant.now());

        assertEquals(StreamSide.RECORDED_PARTY, recording.streams().get(0).side(), "assembled: kept, and logged");
        assertEquals(new Dn("recorded-party"), recording.recordDn());
    }

    private static StreamRequest siprecLine(String dn, int port) {
        return new StreamRequest(new RecordingRequestId("sip-call-1"), CALL, new Dn(dn), new Dn("recorded-party"),
                Map.of("site", "paris", "siprec.channelRule", "FIRST_MLINE"), "sip-call-1", AudioCodec.PCMU, 0,
                new InetSocketAddress("127.0.0.1", port));
    }

    @Test
    void whenTheSecondStreamCannotBeOpenedTheFirstsPortIsClosedAndTheTransactionRollsBack() {
        failOpenNumber = 1;
        IntakeRefused refused = assertThrows(IntakeRefused.class,
                () -> intake.openSession(List.of(request("1001", 31000), request("5551234", 31002))));
        assertEquals(IntakeRefused.Reason.NO_MEDIA_RESOURCES, refused.reason());
        assertTrue(IntakeRefused.class.getAnnotation(ApplicationException.class).rollback(),
                "the refusal rolls the transaction back: no recording, no stream rows");
        assertEquals(1, openedMedia.size());
        assertEquals(List.of(), closedMedia, "nothing closed before the outcome is known");

        unlessCommitted.forEach(Runnable::run); // what the container runs at the rollback
        assertEquals(openedMedia, closedMedia, "the first stream's port is released");
    }

    @Test
    void whatIsBuiltAheadForgetsARecordingThatASessionOpenedAndThatWasNotStored() throws Exception {
        intake.openSession(List.of(request("1001", 31000)));
        long id = stored.get(0).id();
        List<Runnable> firstSession = List.copyOf(unlessCommitted);
        unlessCommitted.clear();
        intake.openSession(List.of(request("5551234", 31002)));
        assertEquals(1, stored.size(), "the second session joined the first one's recording");
        toldProgressive.clear();

        unlessCommitted.forEach(Runnable::run); // the second session's transaction did not commit
        assertEquals(List.of(), toldProgressive, "the recording it joined is still built");
        firstSession.forEach(Runnable::run); // the first one's did not either
        assertEquals(List.of(id + ": discarded"), toldProgressive);
    }

    /** The stream's file as the media plane leaves it: a WAV header, and here no audio. */
    private Path fileOf(String streamId) throws Exception {
        Path file = storage.resolve(stored.get(0).stream(streamId).orElseThrow().audioFile());
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.write(file, new byte[44]);
        return file;
    }

    @Test
    void anAbandonedSessionThatReceivedNothingLeavesNoRecordingNorFile() throws Exception {
        String streamId = intake.openSession(List.of(request("1001", 31000))).get(0).streamId();
        Recording recording = stored.get(0);
        Path file = fileOf(streamId);
        toldProgressive.clear(); // its opening told its stream

        intake.abandonStreams(List.of(streamId));
        assertEquals(List.of(streamId), closedMedia, "its port is released");
        assertTrue(recording.stream(streamId).orElseThrow().isSessionUnacknowledged());
        assertEquals(List.of(), removed, "decided when the media plane reports the end, with its counters");

        lifecycle.streamClosed(streamId, new StreamEnd(null, StreamStatistics.NONE, StreamEndReason.REQUESTED,
                StreamTimeline.EMPTY));
        assertEquals(List.of(recording), removed, "the recording is deleted");
        assertEquals(List.of(recording.id() + ": discarded"), toldProgressive, "nothing of it is built ahead");
        assertTrue(java.nio.file.Files.exists(file), "files go only once the deletion is committed");
        afterCommit.forEach(Runnable::run);
        assertFalse(java.nio.file.Files.exists(file), "the stream's file is deleted");
        assertFalse(java.nio.file.Files.exists(file.getParent()), "and its recording's empty folder");
    }

    @Test
    void theMediaPlanesReportsTellWhatIsBuiltAheadWhereEachStreamIsAndWhenItsFirstSampleIsSettled()
            throws Exception {
        List<StreamAccepted> accepted = intake.openSession(List.of(request("1001", 31000), request("5551234", 31002)));
        String agent = accepted.get(0).streamId();
        String customer = accepted.get(1).streamId();
        long id = stored.get(0).id();
        Instant settled = Instant.parse("2026-12-01T10:00:00.123456789Z");

        lifecycle.firstPacket(agent, settled.plusMillis(20));
        lifecycle.firstSampleSettled(agent, settled);

        List<String> files = List.of(agent + ".wav", customer + ".wav");
        assertEquals(List.of(
                id + ": [" + agent + " left " + files.get(0) + ", " + customer + " right " + files.get(1) + "]",
                agent + " packet at " + settled.plusMillis(20),
                id + ": " + agent + " settled at " + settled,
                id + ": [" + agent + " left packet " + files.get(0) + ", " + customer + " right " + files.get(1) + "]"),
                toldProgressive);
        assertEquals(settled.plusMillis(20), stored.get(0).stream(agent).orElseThrow().firstSampleAt(),
                "kept in memory only: the stream's end stores it");

        toldProgressive.clear();
        lifecycle.firstSampleSettled("unknown", settled);
        assertEquals(List.of(), toldProgressive);
    }

    @Test
    void aFirstPacketIsStoredOnceAndToldByItsStreamWhenWhatIsBuiltAheadListsIt() throws Exception {
        List<StreamAccepted> accepted = intake.openSession(List.of(request("1001", 31000), request("5551234", 31002)));
        String agent = accepted.get(0).streamId();
        String customer = accepted.get(1).streamId();
        Recording recording = stored.get(0);
        Instant at = Instant.parse("2026-12-01T10:00:00Z");

        lifecycle.firstPacket(agent, at);
        listedAhead.clear(); // as if what is built ahead did not list the customer's stream (it forgot the recording)
        lifecycle.firstPacket(customer, at.plusMillis(15));
        lifecycle.firstPacket(customer, at.plusMillis(40)); // delivered again
        lifecycle.firstPacket("unknown", at);

        String streams = agent + " left packet " + agent + ".wav, " + customer + " right ";
        assertEquals(List.of(
                        recording.id() + ": [" + agent + " left " + agent + ".wav, " + customer + " right " + customer
                                + ".wav]",
                        agent + " packet at " + at,
                        recording.id() + ": [" + streams + "packet " + customer + ".wav]"), toldProgressive,
                "the session's opening tells its streams, so a first packet after it goes by its stream alone; one"
                        + " not listed has the recording read and all its streams told; one delivered again changes"
                        + " nothing");
        assertEquals(at, recording.stream(agent).orElseThrow().firstPacketAt());
        assertEquals(at.plusMillis(15), recording.stream(customer).orElseThrow().firstPacketAt());
        assertEquals(at.plusMillis(15), recording.stream(customer).orElseThrow().firstSampleAt());
    }

    @Test
    void anAbandonedStreamThatTheMediaPlaneHadEndedIsDecidedAtOnce() throws Exception {
        List<StreamAccepted> accepted = intake.openSession(List.of(request("1001", 31000), request("5551234", 31002)));
        Recording recording = stored.get(0);
        for (StreamAccepted stream : accepted) {
            recording.streamEnded(stream.streamId(), new StreamEnd(null, StreamStatistics.NONE,
                    StreamEndReason.NO_MEDIA, StreamTimeline.EMPTY), Instant.now());
        }
        intake.abandonStreams(accepted.stream().map(StreamAccepted::streamId).toList());
        assertEquals(List.of(recording), removed);
        assertEquals(List.of(), closedMedia, "nothing left to close");
    }

    @Test
    void aMovedSenderIsExpectedAtItsNewAddressByTheMediaPlane() throws Exception {
        String streamId = intake.openSession(List.of(request("1001", 31000))).get(0).streamId();
        intake.followSender(streamId, new InetSocketAddress("127.0.0.2", 31100));
        assertEquals(List.of(streamId + " /127.0.0.2:31100"), expectedSources);
    }

    @Test
    void anAbandonedStreamThatReceivedMediaIsKept() throws Exception {
        String streamId = intake.openSession(List.of(request("1001", 31000))).get(0).streamId();
        Recording recording = stored.get(0);
        recording.stream(streamId).orElseThrow().firstPacketArrived(Instant.now());
        recording.streamEnded(streamId, new StreamEnd(null, StreamStatistics.NONE, StreamEndReason.REQUESTED,
                StreamTimeline.EMPTY), Instant.now());
        intake.abandonStreams(List.of(streamId));
        assertEquals(List.of(), removed, "a lost ACK must not lose speech");
        assertEquals(List.of(streamId), recording.streams().stream().map(RecordingStream::id).toList());
        assertTrue(afterCommit.isEmpty(), "no file is deleted");
    }

    @Test
    void mediaArrivedWhenAStreamsFirstPacketIsStoredOrTheMediaPlaneCountedOne() throws Exception {
        List<String> streamIds = intake.openSession(List.of(request("1001", 31000), request("5551234", 31002)))
                .stream().map(StreamAccepted::streamId).toList();
        Recording recording = stored.get(0);
        assertFalse(intake.mediaArrived(streamIds), "nothing came");

        liveCounters.put(streamIds.get(1), new org.activerecorder.rtp.api.StreamStatistics(0, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertFalse(intake.mediaArrived(streamIds), "malformed and foreign datagrams are not the session's media");

        liveCounters.put(streamIds.get(1), new org.activerecorder.rtp.api.StreamStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0));
        assertTrue(intake.mediaArrived(streamIds), "comfort noise counted by the media plane, not reported yet");
        assertFalse(intake.mediaArrived(List.of(streamIds.get(0))));

        liveCounters.clear();
        recording.stream(streamIds.get(0)).orElseThrow().firstPacketArrived(Instant.now());
        assertTrue(intake.mediaArrived(streamIds), "a first packet already stored");
        assertFalse(intake.mediaArrived(List.of("unknown")), "an unknown stream received nothing");
    }
}
