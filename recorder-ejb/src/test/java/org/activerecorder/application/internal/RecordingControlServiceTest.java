package org.activerecorder.application.internal;

import org.activerecorder.application.CallReference;
import org.activerecorder.application.ControlOperation;
import org.activerecorder.application.ControlRefused;
import org.activerecorder.application.ControlRequest;
import org.activerecorder.application.RecordingControlled;
import org.activerecorder.application.SessionParties;
import org.activerecorder.application.StreamAccepted;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.application.calls.CallControlCommand;
import org.activerecorder.application.events.RecordingControlEvent;
import org.activerecorder.application.events.RecordingEvent;
import org.activerecorder.application.events.RecordingFailed;
import org.activerecorder.application.ports.MediaPlane;
import org.activerecorder.application.calls.CallFacts;
import org.activerecorder.application.calls.CallFactsChanged;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.application.audit.RecordedAudit;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallRepository;
import org.activerecorder.domain.model.call.CallState;
import org.activerecorder.domain.model.call.CallUpdate;
import org.activerecorder.domain.model.recording.ControlState;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingPhase;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.StreamDescription;
import org.activerecorder.domain.model.recording.StreamEnd;
import org.activerecorder.domain.model.recording.StreamEndReason;
import org.activerecorder.domain.model.recording.StreamSide;
import org.activerecorder.domain.model.recording.StreamStatistics;
import org.activerecorder.domain.model.recording.StreamTimeline;
import org.activerecorder.domain.model.rule.RecordingDecision;
import org.activerecorder.domain.model.rule.RecordingDecisionRepository;
import org.activerecorder.domain.model.rule.RecordingRule;
import org.activerecorder.domain.model.rule.RuleDraft;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pause, resume and stop as the API asks them: which recording is meant, what the media plane is told for each
 * open stream and at which instant, what is published, and what is refused with which reason. Repositories, the
 * intake and the topic are in-memory doubles.
 */
class RecordingControlServiceTest {

    private static final CallUuid CALL = new CallUuid("CALL-7");
    private static final Dn AGENT = new Dn("1001");
    private static final Dn CUSTOMER = new Dn("5551234");
    private static final Instant T0 = Instant.parse("2026-11-30T20:00:00Z");
    private static final Instant T2 = T0.plusSeconds(2);
    private static final Instant T4 = T0.plusSeconds(4);

    private final Map<CallUuid, Call> callsById = new HashMap<>();
    private final InMemoryRecordings recordings = new InMemoryRecordings();
    private final List<String> media = new ArrayList<>();
    private final Set<String> mediaKept = new HashSet<>(Set.of("agent", "customer"));
    private final List<RecordingEvent> published = new ArrayList<>();
    private final RecordedAudit audit = new RecordedAudit();
    private final List<CallControlCommand> sentToCallControl = new ArrayList<>();

    @TempDir
    Path root;
    private RecordingControlService control;
    private RecordingRequests requests;
    private CallRepository calls;
    private Recording recording;

    @BeforeEach
    void wire() {
        calls = new CallRepository() {
            @Override
            public Optional<Call> findByCallUuid(CallUuid callUuid) {
                return Optional.ofNullable(callsById.get(callUuid));
            }

            @Override
            public List<Call> findByConnId(String connId) {
                return callsById.values().stream().filter(call -> connId.equals(call.connId()))
                        .sorted(Comparator.comparing(Call::firstSeenAt).reversed()).toList();
            }

            @Override
            public Call findOrCreate(CallUuid callUuid) {
                return callsById.computeIfAbsent(callUuid, id -> new Call(id, T0));
            }

            @Override
            public Call lock(Call call) {
                return call;
            }
        };
        requests = new RecordingRequests(recordings, sentToCallControl::add, published::add,
                () -> "rec-" + UUID.randomUUID());
        Media plane = new Media();
        TransactionCallbacks committing = new TransactionCallbacks() {
            @Override
            public void unlessCommitted(Runnable action) {
                // these transactions always commit
            }
        };
        control = new RecordingControlService(calls, recordings, plane, published::add,
                new CallControlReports(sentToCallControl::add, new RecorderSettings(name -> null, name -> null),
                        RecordingStorageForTests.at(root)), requests, plane,
                new LiveMediaStart(recordings, RecordingStorageForTests.at(root), plane, requests, committing), audit);
        recording = recordingOf(calls.findOrCreate(CALL), AGENT, T0);
        join(recording, "agent", AGENT);
        join(recording, "customer", CUSTOMER);
    }

    @Test
    void pauseSilencesEveryOpenStreamFromTheRequestsArrivalAndIsPublished() throws ControlRefused {
        RecordingControlled answer = control.apply(ControlOperation.PAUSE, request(null, T2));

        assertEquals(List.of("pause agent " + T2, "pause customer " + T2), media);
        assertEquals(ControlState.PAUSED, recording.control());
        assertEquals("PAUSED", answer.control());
        assertEquals("ACTIVE", answer.state());
        assertEquals(T2, answer.pausedSince());
        assertEquals(2, answer.streams());
        RecordingControlEvent event = (RecordingControlEvent) published.get(0);
        assertEquals(RecordingControlEvent.PAUSED, event.type());
        assertEquals(recording.id(), event.recordingId());
        assertEquals("CALL-7", event.callUuid());
        assertEquals("supervisor1", event.requestedBy());
        assertEquals(T2, event.at());
        assertEquals("corr-1", event.id());
        assertEquals("desk-9", event.dest());
        assertEquals("PAUSED", event.control());
    }

    @Test
    void resumeLetsTheStreamsRecordAgainFromItsArrival() throws ControlRefused {
        control.apply(ControlOperation.PAUSE, request(null, T2));
        RecordingControlled answer = control.apply(ControlOperation.RESUME, request(null, T4));

        assertEquals(List.of("pause agent " + T2, "pause customer " + T2, "resume agent " + T4,
                "resume customer " + T4), media);
        assertEquals("RECORDING", answer.control());
        assertEquals(RecordingControlEvent.RESUMED, published.get(1).type());
    }

    @Test
    void aSecondPauseIsRefusedAndTouchesNeitherMediaNorTopic() throws ControlRefused {
        control.apply(ControlOperation.PAUSE, request(null, T2));
        ControlRefused refused = assertThrows(ControlRefused.class,
                () -> control.apply(ControlOperation.PAUSE, request(null, T4)));

        assertEquals(ControlRefused.Reason.NOT_ALLOWED, refused.reason());
        assertTrue(refused.getMessage().contains("already paused"), refused.getMessage());
        assertEquals(2, media.size());
        assertEquals(1, published.size());
        assertEquals(List.of(new RecordedAudit.Entry("caller", AuditAction.RECORDING_CONTROLLED,
                AuditTarget.recording(recording.id()), "PAUSE requested by supervisor1: now PAUSED")), audit.entries,
                "the pause is audited, the refused second one is not");
    }

    @Test
    void resumeOfARecordingNotPausedIsRefused() {
        ControlRefused refused = assertThrows(ControlRefused.class,
                () -> control.apply(ControlOperation.RESUME, request(null, T2)));
        assertEquals(ControlRefused.Reason.NOT_ALLOWED, refused.reason());
        assertTrue(refused.getMessage().contains("not paused"), refused.getMessage());
        assertTrue(media.isEmpty());
        assertTrue(published.isEmpty());
    }

    @Test
    void stopEndsOnlyTheStreamsStillOpenAndRefusesEveryLaterMove() throws ControlRefused {
        recording.streamEnded("customer", new StreamEnd(T0, StreamStatistics.NONE, StreamEndReason.REQUESTED,
                StreamTimeline.EMPTY), T0.plusSeconds(1));
        RecordingControlled answer = control.apply(ControlOperation.STOP, request(null, T2));

        assertEquals(List.of("stop agent " + T2), media,
                "its recording ends at the request's instant, its media kept; the stream already ended is left alone");
        assertEquals("STOPPED", answer.control());
        assertEquals(1, answer.streams());
        assertEquals(RecordingControlEvent.STOPPED, published.get(0).type());
        for (ControlOperation later : List.of(ControlOperation.STOP, ControlOperation.PAUSE, ControlOperation.RESUME)) {
            ControlRefused refused = assertThrows(ControlRefused.class, () -> control.apply(later, request(null, T4)));
            assertEquals(ControlRefused.Reason.NOT_ALLOWED, refused.reason());
            assertTrue(refused.getMessage().contains("already stopped"), refused.getMessage());
        }
        assertEquals(1, published.size());
    }

    @Test
    void aStreamTheMediaPlaneNoLongerHasIsEndedAsAByeEndsIt() throws ControlRefused {
        mediaKept.remove("agent");

        control.apply(ControlOperation.STOP, request(null, T2));

        assertEquals(List.of("stop agent " + T2, "end agent", "stop customer " + T2), media);
    }

    @Test
    void aStartAfterAStopWhileTheSessionsStillSendRecordsTheirMediaAgainAsANewRecordingAtOnce()
            throws ControlRefused {
        control.apply(ControlOperation.STOP, request(null, T2));
        stoppedWithMediaKept("agent", "customer");
        published.clear();
        media.clear();
        sentToCallControl.clear();

        RecordingControlled answer = control.apply(ControlOperation.START, request(AGENT, T4));

        Recording again = recordings.ofCall(recording.call()).get(0);
        assertNotEquals(recording.id(), again.id(), "a new recording of the call");
        assertEquals(again.id(), answer.recordingId());
        assertEquals("ACTIVE", answer.state());
        assertEquals("RECORDING", answer.control());
        assertEquals(2, answer.streams());
        assertEquals(T4, again.startedAt());
        assertEquals(AGENT, again.recordDn());
        assertEquals(List.of("agent", "customer"), again.streams().stream().map(RecordingStream::sessionStreamId)
                .toList(), "their sessions go on knowing the media by the first ids");
        assertEquals(List.of(StreamSide.RECORDED_PARTY, StreamSide.OTHER_PARTY),
                again.streams().stream().map(RecordingStream::side).toList());
        assertEquals(List.of("again agent", "again customer"), media);
        assertTrue(sentToCallControl.stream().noneMatch(c -> c.type() == CallControlCommand.Type.START_RECORDING),
                "the media is here: nothing to ask of call control");
        assertEquals(List.of("USER_DATA_UPDATE 0 CALL-7 1001 id corr-1 dest null GSIP_RECORD=ON"),
                sentToCallControl.stream().map(RecordingControlServiceTest::describe).toList());
        assertEquals(List.of(RecordingControlEvent.STARTED), published.stream().map(RecordingEvent::type).toList());

        control.apply(ControlOperation.PAUSE, request(AGENT, T4.plusSeconds(1)));
        assertEquals("pause " + again.streams().get(0).id() + " " + T4.plusSeconds(1), media.get(2),
                "the DN's operations now reach the new recording");
    }

    @Test
    void aStartAfterAStopWhoseSessionsHaveEndedAsksCallControl() throws ControlRefused {
        control.apply(ControlOperation.STOP, request(null, T2));
        stoppedWithMediaKept("agent", "customer");
        mediaKept.clear(); // their BYEs came

        RecordingControlled answer = control.apply(ControlOperation.START, request(AGENT, T4));

        assertEquals("REQUESTED", answer.state());
        assertEquals(2, recordings.ofCall(recording.call()).size(), "the stopped one and the requested one");
        assertTrue(sentToCallControl.stream().anyMatch(c -> c.type() == CallControlCommand.Type.START_RECORDING));
    }

    /** The media plane reports the stop's stream ends. */
    private void stoppedWithMediaKept(String... streamIds) {
        for (String streamId : streamIds) {
            recording.streamEnded(streamId, new StreamEnd(T0, StreamStatistics.NONE, StreamEndReason.STOPPED,
                    StreamTimeline.EMPTY), T2);
        }
    }

    @Test
    void anUnknownCallOrDnIsUnknown() {
        ControlRefused unknownCall = assertThrows(ControlRefused.class, () -> control.apply(ControlOperation.PAUSE,
                new ControlRequest(new CallUuid("NO-SUCH-CALL"), null, null, null, "supervisor1", T2)));
        assertEquals(ControlRefused.Reason.UNKNOWN, unknownCall.reason());
        assertTrue(unknownCall.getMessage().contains("NO-SUCH-CALL"), unknownCall.getMessage());

        ControlRefused unknownDn = assertThrows(ControlRefused.class,
                () -> control.apply(ControlOperation.PAUSE, request(new Dn("4711"), T2)));
        assertEquals(ControlRefused.Reason.UNKNOWN, unknownDn.reason());
        assertTrue(unknownDn.getMessage().contains("4711"), unknownDn.getMessage());
        assertTrue(media.isEmpty());
    }

    @Test
    void theDnChoosesAmongTheCallsRecordings() throws ControlRefused {
        Recording customers = recordingOf(callsById.get(CALL), CUSTOMER, T0.plusSeconds(1));
        join(customers, "customer-2", CUSTOMER);

        RecordingControlled answer = control.apply(ControlOperation.PAUSE, request(AGENT, T2));

        assertEquals(recording.id(), answer.recordingId());
        assertEquals(List.of("pause agent " + T2, "pause customer " + T2), media);
        assertEquals(ControlState.RECORDING, customers.control());
    }

    @Test
    void startOnACallWithoutMediaRequestsTheDnOfCallControlAndAnswersTheRequestedRecording() throws ControlRefused {
        RecordingControlled answer = control.apply(ControlOperation.START, new ControlRequest(new CallUuid("CALL-8"),
                AGENT, "rq-42", "desk-9", "desk", T2));

        assertEquals("REQUESTED", answer.state());
        assertEquals("START", answer.operation());
        assertEquals("rq-42", answer.requestId(), "the requester's id is the record= id the INVITEs will carry");
        Recording requested = recordings.find(answer.recordingId()).orElseThrow();
        assertEquals(RecordingPhase.REQUESTED, requested.phase());
        assertEquals(AGENT, requested.recordDn());
        assertEquals(List.of("START_RECORDING 3013 CALL-8 1001 id rq-42 dest desk-9"),
                sentToCallControl.stream().map(RecordingControlServiceTest::describe).toList());
        RecordingControlEvent event = (RecordingControlEvent) published.get(0);
        assertEquals(RecordingControlEvent.REQUESTED, event.type());
        assertEquals("rq-42", event.requestId());
        assertTrue(media.isEmpty(), "no media to touch yet");
    }

    @Test
    void startNeedsTheDnAndRefusesADnAlreadyRecordedOrRequested() throws ControlRefused {
        ControlRefused noDn = assertThrows(ControlRefused.class, () -> control.apply(ControlOperation.START,
                request(null, T2)));
        assertEquals(ControlRefused.Reason.INCOMPLETE, noDn.reason());

        ControlRefused recorded = assertThrows(ControlRefused.class, () -> control.apply(ControlOperation.START,
                request(AGENT, T2)));
        assertEquals(ControlRefused.Reason.NOT_ALLOWED, recorded.reason());
        assertTrue(recorded.getMessage().contains("already records DN 1001"), recorded.getMessage());

        control.apply(ControlOperation.START, request(CUSTOMER, T2));
        ControlRefused requested = assertThrows(ControlRefused.class, () -> control.apply(ControlOperation.START,
                request(CUSTOMER, T4)));
        assertTrue(requested.getMessage().contains("waits for the media of DN 5551234"), requested.getMessage());
        assertEquals(1, sentToCallControl.size(), "one START_RECORDING");
    }

    @Test
    void aStartOfADnARuleAlreadyRequestedIsRefused() throws ControlRefused {
        InMemoryRules rules = new InMemoryRules();
        RecordingRule rule = new RecordingRule(T0);
        rules.add(rule);
        rules.add(rule.revise(new RuleDraft("Everything", 1, true, null, null, null, null, null, null, null,
                List.of(), null, null, null, null, true, null, null, null), T0, "admin"));
        List<RecordingDecision> decisions = new ArrayList<>();
        RecordingDecider decider = new RecordingDecider(new RecordingDecisionRepository() {
            @Override
            public void add(RecordingDecision decision) {
                decisions.add(decision);
            }

            @Override
            public List<RecordingDecision> ofCall(CallUuid callUuid) {
                return List.copyOf(decisions);
            }
        }, new InMemoryDns(), rules, calls, requests);
        CallUuid other = new CallUuid("CALL-9");
        calls.findOrCreate(other);
        decider.on(new CallFactsChanged(new CallFacts(other, "established", null, "5551234", "1001", null, null,
                null, null, Map.of(), Map.of(), T0), CallFactsChanged.Trigger.ESTABLISHED, null));

        ControlRefused refused = assertThrows(ControlRefused.class, () -> control.apply(ControlOperation.START,
                new ControlRequest(other, CUSTOMER, null, null, "desk", T2)));

        assertEquals(ControlRefused.Reason.NOT_ALLOWED, refused.reason(), "409 over REST");
        assertTrue(refused.getMessage().contains("waits for the media of DN 5551234"), refused.getMessage());
        assertEquals(decisions.get(0).requestId(), recordings.ofCall(calls.findOrCreate(other)).get(0).requestId());
        assertEquals(1, sentToCallControl.size(), "the rule's START_RECORDING only");
    }

    @Test
    void aStartAfterAStopRequestsANewRecordingWithAFreshIdWhenTheGivenOneIsTakenOrUnusable() throws ControlRefused {
        control.apply(ControlOperation.STOP, request(null, T2));
        RecordingControlled taken = control.apply(ControlOperation.START, new ControlRequest(CALL, AGENT,
                "rec-1001", null, "desk", T4));
        assertTrue(taken.requestId().startsWith("rec-") && !taken.requestId().equals("rec-1001"), taken.requestId());
        assertTrue(recording.id() != taken.recordingId());

        control.apply(ControlOperation.STOP, new ControlRequest(CALL, AGENT, null, null, "desk", T4));
        RecordingControlled unusable = control.apply(ControlOperation.START, new ControlRequest(CALL, AGENT,
                "not a record id!", null, "desk", T4.plusSeconds(1)));
        assertTrue(unusable.requestId().startsWith("rec-"), unusable.requestId());
    }

    @Test
    void aStopOfARequestedRecordingFailsItAndSaysSoAsEveryEndingRecordingDoes() throws ControlRefused {
        control.apply(ControlOperation.START, new ControlRequest(CALL, CUSTOMER, "rq-9", null, "desk", T2));
        RecordingControlled stopped = control.apply(ControlOperation.STOP, new ControlRequest(CALL, CUSTOMER,
                null, null, "desk", T4));

        assertEquals("FAILED", stopped.state());
        assertEquals("STOPPED", stopped.control());
        assertEquals(List.of(RecordingControlEvent.REQUESTED, RecordingControlEvent.STOPPED, RecordingFailed.TYPE),
                published.stream().map(RecordingEvent::type).toList());
        RecordingFailed failed = (RecordingFailed) published.get(2);
        assertEquals(stopped.recordingId(), failed.recordingId());
        assertTrue(failed.reason().contains("before the Media Server's sessions came"), failed.reason());
    }

    @Test
    void eachOperationIsPassedOnToCallControlWithTheRecordingStateAttachedToTheCall() throws ControlRefused {
        control.apply(ControlOperation.PAUSE, request(null, T2));
        control.apply(ControlOperation.RESUME, request(null, T4));
        control.apply(ControlOperation.STOP, new ControlRequest(CALL, null, null, null, "admin", T4.plusSeconds(1)));

        assertEquals(List.of("PAUSE_RECORDING 3015 CALL-7 1001 id corr-1 dest desk-9",
                        "USER_DATA_UPDATE 0 CALL-7 1001 id rec-1001 dest null GSIP_RECORD=PAUSED",
                        "RESUME_RECORDING 3016 CALL-7 1001 id corr-1 dest desk-9",
                        "USER_DATA_UPDATE 0 CALL-7 1001 id rec-1001 dest null GSIP_RECORD=ON",
                        "STOP_RECORDING 3014 CALL-7 1001 id rec-1001 dest null",
                        "USER_DATA_UPDATE 0 CALL-7 1001 id rec-1001 dest null GSIP_RECORD=OFF"),
                sentToCallControl.stream().map(RecordingControlServiceTest::describe).toList(),
                "the requester's id when it gave one, else the recording's record= id");
        String file = "2026/11/30/CALL-7_" + recording.id() + ".wav";
        assertTrue(sentToCallControl.stream().filter(c -> c.type() == CallControlCommand.Type.USER_DATA_UPDATE)
                .allMatch(c -> file.equals(c.userData().get("GSIP_REC_FN"))), () -> "the file name " + file + " in "
                + sentToCallControl);
        assertEquals(T2, sentToCallControl.get(0).at());
    }

    @Test
    void aCallNamedByThisDnAndConnIdIsTheMostRecentNotReleasedThatHadIt() throws ControlRefused {
        Call old = callWithConnId("CALL-OLD", T0.minusSeconds(3600), "conn-7", CallState.RELEASED);
        Recording oldRecording = recordingOf(old, AGENT, T0.minusSeconds(3600));
        join(oldRecording, "old-agent", AGENT);
        calls.findOrCreate(CALL).merge(update(CallState.ESTABLISHED, "conn-7"), T0, "{}");

        RecordingControlled answer = control.apply(ControlOperation.PAUSE, byConnId("conn-7", AGENT, T2));

        assertEquals("CALL-7", answer.callUuid());
        assertEquals(recording.id(), answer.recordingId());
        assertEquals(ControlState.PAUSED, recording.control());
        assertEquals(ControlState.RECORDING, oldRecording.control(), "the released call that had the id is left alone");
        assertEquals(List.of("pause agent " + T2, "pause customer " + T2), media);
        assertEquals("CALL-7", ((RecordingControlEvent) published.get(0)).callUuid(), "events name the CallUUID");
        assertEquals("PAUSE_RECORDING 3015 CALL-7 1001 id corr-1 dest desk-9",
                describe(sentToCallControl.get(0)), "call control hears of the call by its CallUUID");
    }

    @Test
    void aConnIdNoCallEventNamedIsUnknownAndSaysToSendTheEvent() {
        ControlRefused refused = assertThrows(ControlRefused.class,
                () -> control.apply(ControlOperation.PAUSE, byConnId("conn-404", AGENT, T2)));

        assertEquals(ControlRefused.Reason.UNKNOWN, refused.reason());
        assertEquals("no call with connId conn-404 is known: send its call event first", refused.getMessage());
        ControlRefused start = assertThrows(ControlRefused.class,
                () -> control.apply(ControlOperation.START, byConnId("conn-404", AGENT, T2)));
        assertEquals(ControlRefused.Reason.UNKNOWN, start.reason());
        assertEquals(1, callsById.size(), "a start by an unknown connId makes no call");
        assertTrue(media.isEmpty());
        assertTrue(published.isEmpty());
    }

    @Test
    void aConnIdOfOneReleasedCallNamesItAndOfSeveralIsAmbiguous() throws ControlRefused {
        calls.findOrCreate(CALL).merge(update(CallState.RELEASED, "conn-8"), T0, "{}");
        assertEquals("CALL-7", control.apply(ControlOperation.STOP, byConnId("conn-8", AGENT, T2)).callUuid(),
                "the only call that had it: a stop after the release");

        callWithConnId("CALL-LATER", T0.plusSeconds(60), "conn-8", CallState.RELEASED);
        ControlRefused refused = assertThrows(ControlRefused.class,
                () -> control.apply(ControlOperation.STOP, byConnId("conn-8", AGENT, T4)));
        assertEquals(ControlRefused.Reason.UNKNOWN, refused.reason());
        assertTrue(refused.getMessage().contains("2 calls, all released (the most recent CALL-LATER)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("callUuid"), refused.getMessage());
    }

    @Test
    void aConnIdWithoutItsDnIsIncomplete() {
        calls.findOrCreate(CALL).merge(update(CallState.ESTABLISHED, "conn-7"), T0, "{}");
        ControlRefused refused = assertThrows(ControlRefused.class,
                () -> control.apply(ControlOperation.PAUSE, byConnId("conn-7", null, T2)));
        assertEquals(ControlRefused.Reason.INCOMPLETE, refused.reason());
        assertTrue(refused.getMessage().contains("thisDn"), refused.getMessage());
        assertTrue(media.isEmpty());
    }

    @Test
    void aStartByConnIdRequestsTheDnOnTheCallThatHasTheId() throws ControlRefused {
        Call live = callWithConnId("CALL-9", T0, "conn-9", CallState.ESTABLISHED);

        RecordingControlled answer = control.apply(ControlOperation.START, byConnId("conn-9", CUSTOMER, T2));

        assertEquals("CALL-9", answer.callUuid());
        assertEquals("REQUESTED", answer.state());
        assertEquals(List.of(CUSTOMER), recordings.ofCall(live).stream().map(Recording::recordDn).toList());
        assertEquals(CallControlCommand.Type.START_RECORDING, sentToCallControl.get(0).type());
        assertEquals("CALL-9", sentToCallControl.get(0).callUuid().value());
    }

    private Call callWithConnId(String uuid, Instant seen, String connId, CallState state) {
        Call call = new Call(new CallUuid(uuid), seen);
        call.merge(update(state, connId), seen, "{}");
        callsById.put(call.callUuid(), call);
        return call;
    }

    private static CallUpdate update(CallState state, String connId) {
        return new CallUpdate(state, connId, null, null, null, null, null, null, Map.of());
    }

    private static ControlRequest byConnId(String connId, Dn thisDn, Instant at) {
        return new ControlRequest(CallReference.byConnId(connId), thisDn, "corr-1", "desk-9", "supervisor1", at);
    }

    @Test
    void aRefusedOperationSendsNothingToCallControl() {
        assertThrows(ControlRefused.class, () -> control.apply(ControlOperation.RESUME, request(null, T2)));
        assertTrue(sentToCallControl.isEmpty());
    }

    private static String describe(CallControlCommand command) {
        String state = command.userData().containsKey("GSIP_RECORD") ? " GSIP_RECORD="
                + command.userData().get("GSIP_RECORD") : "";
        return command.type() + " " + command.type().privateService() + " " + command.callUuid() + " "
                + command.thisDn() + " id " + command.id() + " dest " + command.dest() + state;
    }

    private static ControlRequest request(Dn dn, Instant at) {
        return new ControlRequest(CALL, dn, "corr-1", "desk-9", "supervisor1", at);
    }

    private Recording recordingOf(Call call, Dn recordDn, Instant at) {
        Recording opened = new Recording(call, new RecordingRequestId("rec-" + recordDn), recordDn, Map.of(), at);
        recordings.add(opened);
        return opened;
    }

    private static void join(Recording recording, String streamId, Dn dn) {
        recording.addStream(new StreamDescription(streamId, dn, "sip-" + streamId, "PCMU", 0, 8000, null,
                streamId + ".wav"), T0);
    }

    /**
     * The media plane as the intake and the control drive it: each operation noted with its stream and instant; the
     * streams in {@link #mediaKept} are open there.
     */
    private final class Media implements StreamIntake, MediaPlane {
        @Override
        public StreamAccepted openStream(StreamRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StreamAccepted> openSession(List<StreamRequest> requests) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void describeStreams(SessionParties parties, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void endStream(String streamId) {
            media.add("end " + streamId);
        }

        @Override
        public void pauseStream(String streamId, Instant at) {
            media.add("pause " + streamId + " " + at);
        }

        @Override
        public void resumeStream(String streamId, Instant at) {
            media.add("resume " + streamId + " " + at);
        }

        @Override
        public boolean stopRecording(String streamId, Instant at) {
            media.add("stop " + streamId + " " + at);
            return mediaKept.contains(streamId);
        }

        @Override
        public Optional<String> recordAgain(String streamId, String newStreamId, String audioFile) {
            media.add("again " + streamId);
            if (!mediaKept.contains(streamId)) {
                return Optional.empty();
            }
            mediaKept.add(newStreamId);
            return Optional.of("127.0.0.1:40000");
        }
    }
}
