package org.activerecorder.it;

import jakarta.json.JsonObject;
import org.activerecorder.it.support.CallControlBridge;
import org.activerecorder.it.support.EventSubscriber;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.TwoPartyCall;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.activerecorder.testsupport.rtp.RtpScript;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.activerecorder.it.support.RecordedCall.LEFT;
import static org.activerecorder.it.support.RecordedCall.RIGHT;
import static org.activerecorder.it.support.TwoPartyCall.AGENT_DN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue RecorderCommands and the commands out, against the real server and broker, from a bridge outside it
 * (role {@code control}): a two-party call paused at about 2 s and resumed at about 4 s by JSON messages, while the
 * Media Server keeps sending, is silent on both channels exactly for the span its pause timeline shows; the events
 * name the bridge's user (its JMSXUserID); a second pause is answered with ControlRefused carrying the
 * message's correlation id; and call control receives, in order, the recording state ON, the pause (3015) and PAUSED,
 * the resume (3016) and ON, and OFF with the file name once the recording is finished. A stop on the queue ends the
 * recording at once (the sound ends at the stop) and call control hears OFF once; a start after it asks call control
 * again (3013). A start over REST on a call without media answers 202 with a REQUESTED recording and START_RECORDING
 * 3013 with its id; the Media Server's sessions with that id join it, and it is recorded as usual. A message for an
 * unknown call and a malformed one are each answered with ControlRefused, once. A call named as T-Lib names it, by
 * {@code thisDn} + {@code connId} (known from its call event), is paused and resumed on the queue and over REST as by
 * its CallUUID, and a refusal of it names the CallUUID the connId was found to be; a connId no call event named is
 * refused (404, ControlRefused UNKNOWN).
 */
@ExtendWith(ArquillianExtension.class)
class RecorderCommandsIT {

    private static final String PREFIX = "ITRQ" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final int QUIET = 500;
    /**
     * One 20 ms packet at 8 kHz, and the tone's samples below {@link #QUIET} at either edge of a silence: each edge of
     * a pause is within a packet of the timeline's instant (the pause is placed to the sample; the resume takes effect
     * when it reaches the media plane, milliseconds after it arrived).
     */
    private static final int PACKET_FRAMES = 160;
    private static final int EDGE_FRAMES = 16;
    /** As RecordingControlIT: where a sound ends, within 60 ms of the instant mapped into the file. */
    private static final int ALIGNMENT_FRAMES = 480;

    private static final String BRIDGE_USER = PREFIX.toLowerCase() + "-bridge";
    private static final String BRIDGE_PASSWORD = ItUsers.newPassword();

    private static RecorderServer recorder;
    private static MediaServerSimulator mediaServer;
    private static EventSubscriber events;
    private static CallControlBridge bridge;
    /** Commands call control received about another call than the one a test waited for. */
    private static final List<JsonObject> OTHER_CALLS_COMMANDS = new ArrayList<>();

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    /** A bridge's user, role control, put into the recorder's user tables with this run's password. */
    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("bridge-users.war", new ItUsers.Account(BRIDGE_USER, BRIDGE_PASSWORD, "control"));
    }

    @BeforeAll
    static void connect() throws Exception {
        recorder = new RecorderServer();
        events = new EventSubscriber("admin", recorder.adminPassword(), "callUuid LIKE '" + PREFIX + "%'");
        mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (mediaServer != null) {
            mediaServer.close();
        }
        if (events != null) {
            events.close();
        }
    }

    /** The bridge connects once the users' deployment has put its user in. */
    private static CallControlBridge bridge() throws Exception {
        if (bridge == null) {
            bridge = new CallControlBridge(BRIDGE_USER, BRIDGE_PASSWORD, "callUuid LIKE '" + PREFIX + "%'");
        }
        return bridge;
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aPauseAndResumeSentOnTheQueueAreSilenceInTheAudioAndAreSentOnToCallControl() throws Exception {
        String callUuid = PREFIX + "PAUSE";
        CallControlBridge sender = bridge();
        RecordedCall call = TwoPartyCall.play(recorder, mediaServer, callUuid,
                session -> RtpScript.create()
                        .audio(tone(440, 2000))
                        .cue("pause", () -> {
                            send(sender, "{\"operation\":\"pause\",\"callUuid\":\"" + callUuid + "\",\"id\":\"q-1\","
                                    + "\"dest\":\"desk-9\"}", "pause-1");
                            send(sender, "{\"operation\":\"pause\",\"callUuid\":\"" + callUuid + "\"}", "pause-2");
                        })
                        .audio(tone(440, 2000))
                        .cue("resume", () -> send(sender, "{\"operation\":\"RESUME\",\"callUuid\":\"" + callUuid
                                + "\",\"dn\":\"" + AGENT_DN + "\",\"id\":\"q-2\"}", "resume-1"))
                        .audio(tone(440, 2000)),
                session -> RtpScript.create().audio(tone(1000, 6000)));

        JsonObject paused = nextEvent(callUuid, "RecordingPaused");
        assertEquals(BRIDGE_USER, paused.getString("requestedBy"), "the sender's JMSXUserID");
        assertEquals("q-1", paused.getString("id"));
        assertEquals("desk-9", paused.getString("dest"));
        assertEquals(2, paused.getInt("streams"));
        JsonObject refused = nextEvent(callUuid, "ControlRefused");
        assertEquals("NOT_ALLOWED", refused.getString("reason"));
        assertEquals("pause-2", refused.getString("correlationId"));
        assertEquals("pause", refused.getString("operation"));
        assertTrue(refused.getString("explanation").contains("already paused"), refused.toString());
        JsonObject resumed = nextEvent(callUuid, "RecordingResumed");
        assertEquals("q-2", resumed.getString("id"));
        JsonObject finished = nextEvent(callUuid, "RecordingCompleted");
        assertEquals(call.id(), finished.getJsonNumber("recordingId").longValue());

        Instant pauseAt = Instant.parse(paused.getString("at"));
        Instant resumeAt = Instant.parse(resumed.getString("at"));
        assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
        JsonObject span = call.recording().getJsonArray("pauses").getJsonObject(0);
        // the database keeps microseconds
        assertEquals(0, Duration.between(pauseAt, Instant.parse(span.getString("pausedAt"))).toNanos(), 1000);
        assertEquals(0, Duration.between(resumeAt, Instant.parse(span.getString("resumedAt"))).toNanos(), 1000);
        assertEquals(BRIDGE_USER, span.getString("pausedBy"));
        long spanMillis = span.getJsonNumber("durationMillis").longValue();
        assertEquals(2000, spanMillis, 500, "the cues were about 2 s apart");
        WavContent wav = call.audio();
        int middle = (call.frame(pauseAt) + call.frame(resumeAt)) / 2;
        for (int channel : new int[]{LEFT, RIGHT}) {
            int silence = wav.firstLoudFrom(channel, middle, QUIET) - wav.lastLoudBefore(channel, middle, QUIET);
            assertEquals(spanMillis * 8, silence, 2 * (PACKET_FRAMES + EDGE_FRAMES), "channel " + channel + ": the silence ("
                    + RecordedCall.millis(silence) + " ms) is the pause in the timeline (" + spanMillis + " ms)");
        }

        List<JsonObject> sent = callControlCommands(callUuid, 6);
        List<String> brief = sent.stream().map(RecorderCommandsIT::brief).toList();
        assertEquals(List.of("USER_DATA_UPDATE ON", "PAUSE_RECORDING 3015", "USER_DATA_UPDATE PAUSED",
                "RESUME_RECORDING 3016", "USER_DATA_UPDATE ON", "USER_DATA_UPDATE OFF"), brief, sent::toString);
        for (JsonObject command : sent) {
            assertEquals(callUuid, command.getString("callUuid"));
            assertEquals(AGENT_DN, command.getString("thisDn"), command::toString);
        }
        assertEquals("q-1", sent.get(1).getString("id"));
        assertEquals("desk-9", sent.get(1).getString("dest"));
        assertEquals(pauseAt, Instant.parse(sent.get(1).getString("at")));
        assertEquals("q-2", sent.get(3).getString("id"));
        String file = call.recording().getString("audioFile");
        assertEquals(file, sent.get(5).getJsonObject("userData").getString("GSIP_REC_FN"), "the file, once it is made");
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aCommandForAnUnknownCallAndAMalformedOneAreEachRefusedOnce() throws Exception {
        CallControlBridge sender = bridge();
        String unknown = PREFIX + "NOSUCHCALL";
        sender.send("{\"operation\":\"stop\",\"callUuid\":\"" + unknown + "\",\"id\":\"q-3\"}", "stop-unknown");
        JsonObject refused = nextEvent(unknown, "ControlRefused");
        assertEquals("UNKNOWN", refused.getString("reason"));
        assertEquals("stop-unknown", refused.getString("correlationId"));
        assertEquals("q-3", refused.getString("id"));
        assertEquals(BRIDGE_USER, refused.getString("requestedBy"));
        assertTrue(refused.getString("explanation").contains(unknown), refused.toString());

        String malformedCall = PREFIX + "MALFORMED";
        sender.send("{\"operation\":\"rewind\",\"callUuid\":\"" + malformedCall + "\"}", "rewind-1");
        JsonObject malformed = nextEvent(malformedCall, "ControlRefused");
        assertEquals("MALFORMED", malformed.getString("reason"));
        assertEquals("rewind-1", malformed.getString("correlationId"));
        assertTrue(malformed.getString("explanation").contains("rewind"), malformed.toString());
        // answered once, never redelivered: a redelivery would come before the next message of the same call
        sender.send("{\"operation\":\"stop\",\"callUuid\":\"" + malformedCall + "\"}", "after-1");
        assertEquals("after-1", nextEvent(malformedCall, "ControlRefused").getString("correlationId"));
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aStartOnACallWithoutMediaAsksCallControlAndTheSessionsThatFollowJoinTheRequestedRecording() throws Exception {
        String callUuid = PREFIX + "START";
        String requestId = "rec-" + callUuid; // what the Media Server simulator puts in record=
        java.net.http.HttpResponse<byte[]> noDn = recorder.post("/api/calls/" + callUuid + "/recording/start",
                "{\"id\":\"" + requestId + "\"}", BRIDGE_USER, BRIDGE_PASSWORD);
        assertEquals(400, noDn.statusCode(), () -> new String(noDn.body()));

        java.net.http.HttpResponse<byte[]> start = recorder.post("/api/calls/" + callUuid + "/recording/start",
                "{\"id\":\"" + requestId + "\",\"dn\":\"" + AGENT_DN + "\",\"dest\":\"desk-3\"}", BRIDGE_USER,
                BRIDGE_PASSWORD);
        assertEquals(202, start.statusCode(), () -> new String(start.body()));
        JsonObject requested = RecorderServer.json(start).asJsonObject();
        assertEquals("REQUESTED", requested.getString("state"));
        assertEquals(requestId, requested.getString("requestId"));
        JsonObject requestedEvent = nextEvent(callUuid, "RecordingRequested");
        assertEquals(requested.getJsonNumber("recordingId").longValue(),
                requestedEvent.getJsonNumber("recordingId").longValue());
        JsonObject command = callControlCommands(callUuid, 1).get(0);
        assertEquals("START_RECORDING 3013", brief(command));
        assertEquals(requestId, command.getString("id"));
        assertEquals(AGENT_DN, command.getString("thisDn"));
        assertEquals("desk-3", command.getString("dest"));

        // the bridge acts on it: the Media Server's two sessions, record=<id>
        RecordedCall call = TwoPartyCall.play(recorder, mediaServer, callUuid,
                session -> RtpScript.create().audio(tone(440, 2000)),
                session -> RtpScript.create().audio(tone(1000, 2000)));

        assertEquals(requested.getJsonNumber("recordingId").longValue(), call.id(), "the requested recording");
        assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
        assertEquals(440, call.audio().dominantFrequency(LEFT, 4000, 8000), 10);
        assertEquals(1000, call.audio().dominantFrequency(RIGHT, 4000, 8000), 10);
        assertEquals(List.of("USER_DATA_UPDATE ON", "USER_DATA_UPDATE OFF"),
                callControlCommands(callUuid, 2).stream().map(RecorderCommandsIT::brief).toList());
        assertEquals("RecordingCompleted", nextEvent(callUuid, "RecordingCompleted").getString("type"));
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aStopOnTheQueueEndsTheRecordingAtOnceAndAStartAfterItAsksCallControlAgain() throws Exception {
        String callUuid = PREFIX + "STOP";
        CallControlBridge sender = bridge();
        RecordedCall call = TwoPartyCall.play(recorder, mediaServer, callUuid,
                session -> RtpScript.create()
                        .audio(tone(440, 2000))
                        .cue("stop", () -> send(sender, "{\"operation\":\"stop\",\"callUuid\":\"" + callUuid
                                + "\"}", "stop-1"))
                        .audio(tone(440, 2000)),
                session -> RtpScript.create().audio(tone(1000, 4000)));

        JsonObject stopped = nextEvent(callUuid, "RecordingStopped");
        assertEquals(BRIDGE_USER, stopped.getString("requestedBy"));
        assertEquals("RecordingCompleted", nextEvent(callUuid, "RecordingCompleted").getString("type"));
        assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
        assertEquals("STOPPED", call.recording().getString("control"));
        WavContent wav = call.audio();
        int stop = call.frame(Instant.parse(stopped.getString("at")));
        for (int channel : new int[]{LEFT, RIGHT}) {
            int end = wav.end(channel, QUIET);
            assertEquals(stop, end, ALIGNMENT_FRAMES, "channel " + channel + ": the sound ends at the stop ("
                    + RecordedCall.millis(stop) + " ms), not at " + RecordedCall.millis(end) + " ms");
        }

        // a start after the stop: a new recording, asked of call control; the OFF of the finished one came before
        send(sender, "{\"operation\":\"start\",\"callUuid\":\"" + callUuid + "\",\"dn\":\"" + AGENT_DN
                + "\"}", "start-2");
        JsonObject requested = nextEvent(callUuid, "RecordingRequested");
        assertTrue(requested.getJsonNumber("recordingId").longValue() != call.id(), "a new recording");
        assertEquals(List.of("USER_DATA_UPDATE ON", "STOP_RECORDING 3014", "USER_DATA_UPDATE OFF",
                        "START_RECORDING 3013"),
                callControlCommands(callUuid, 4).stream().map(RecorderCommandsIT::brief).toList(),
                "OFF once: at the stop, not again when the file was made");
        // its media will not come: stopped, it fails at once rather than waiting for the sweep
        send(sender, "{\"operation\":\"stop\",\"callUuid\":\"" + callUuid + "\",\"dn\":\"" + AGENT_DN + "\"}",
                "stop-2");
        assertEquals("RecordingStopped", nextEvent(callUuid, "RecordingStopped").getString("type"));
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aPauseAndResumeByThisDnAndConnIdOnTheQueueAndOverRestAreSilenceInTheAudio() throws Exception {
        String callUuid = PREFIX + "CONNID";
        String connId = PREFIX.toLowerCase() + "-conn-1";
        CallControlBridge sender = bridge();
        // call control tells the recorder the call's connection id (no DN: no rule or DN configuration decides)
        java.net.http.HttpResponse<byte[]> callEvent = recorder.send("PUT", "/api/calls/" + callUuid,
                "{\"state\":\"established\",\"connId\":\"" + connId + "\"}", BRIDGE_USER, BRIDGE_PASSWORD);
        assertEquals(2, callEvent.statusCode() / 100, () -> new String(callEvent.body()));
        String byConnection = "/api/connections/" + connId + "/recording/";
        Map<String, CompletableFuture<java.net.http.HttpResponse<byte[]>>> answers = new ConcurrentHashMap<>();
        RecordedCall call = TwoPartyCall.play(recorder, mediaServer, callUuid,
                session -> RtpScript.create()
                        .audio(tone(440, 2000))
                        .cue("pause on the queue", () -> send(sender, "{\"operation\":\"pause\",\"thisDn\":\""
                                + AGENT_DN + "\",\"connId\":\"" + connId + "\",\"id\":\"c-1\"}", "conn-pause-1"))
                        .audio(tone(440, 1500))
                        .cue("resume over REST", () -> answers.put("resume", post(byConnection + "resume",
                                "{\"dn\":\"" + AGENT_DN + "\",\"id\":\"c-2\"}")))
                        .audio(tone(440, 1500))
                        .cue("pause over REST", () -> answers.put("pause", post(byConnection + "pause",
                                "{\"dn\":\"" + AGENT_DN + "\",\"id\":\"c-3\"}")))
                        .audio(tone(440, 1500))
                        .cue("resume on the queue", () -> send(sender, "{\"operation\":\"resume\",\"thisDn\":\""
                                + AGENT_DN + "\",\"connId\":\"" + connId + "\",\"id\":\"c-4\"}", "conn-resume-2"))
                        .audio(tone(440, 1500)),
                session -> RtpScript.create().audio(tone(1000, 8000)));

        for (String[] expected : new String[][]{{"RecordingPaused", "c-1"}, {"RecordingResumed", "c-2"},
                {"RecordingPaused", "c-3"}, {"RecordingResumed", "c-4"}}) {
            JsonObject event = nextEvent(callUuid, expected[0]);
            assertEquals(expected[1], event.getString("id"), event::toString);
            assertEquals(BRIDGE_USER, event.getString("requestedBy"));
            assertEquals(call.id(), event.getJsonNumber("recordingId").longValue());
        }
        assertEquals("RecordingCompleted", nextEvent(callUuid, "RecordingCompleted").getString("type"));
        // too late now: the refusal names the call the connId was found to be, though the command named none
        send(sender, "{\"operation\":\"pause\",\"thisDn\":\"" + AGENT_DN + "\",\"connId\":\"" + connId
                + "\",\"id\":\"c-5\"}", "conn-pause-late");
        JsonObject late = nextEvent(callUuid, "ControlRefused");
        assertEquals("NOT_ALLOWED", late.getString("reason"), late::toString);
        assertEquals(connId, late.getString("connId"));
        assertEquals("conn-pause-late", late.getString("correlationId"));
        for (String operation : List.of("resume", "pause")) {
            java.net.http.HttpResponse<byte[]> answer = answers.get(operation).get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), () -> operation + ": " + new String(answer.body()));
            JsonObject done = RecorderServer.json(answer).asJsonObject();
            assertEquals(callUuid, done.getString("callUuid"), "the answer names the call's CallUUID");
            assertEquals(operation.equals("pause") ? "PAUSED" : "RECORDING", done.getString("control"));
        }

        assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
        var pauses = call.recording().getJsonArray("pauses");
        assertEquals(2, pauses.size(), pauses::toString);
        WavContent wav = call.audio();
        for (int i = 0; i < 2; i++) {
            JsonObject span = pauses.getJsonObject(i);
            assertEquals(BRIDGE_USER, span.getString("pausedBy"));
            assertEquals(BRIDGE_USER, span.getString("resumedBy"));
            long spanMillis = span.getJsonNumber("durationMillis").longValue();
            assertEquals(1500, spanMillis, 500, "the cues were about 1.5 s apart");
            int middle = (call.frame(Instant.parse(span.getString("pausedAt")))
                    + call.frame(Instant.parse(span.getString("resumedAt")))) / 2;
            for (int channel : new int[]{LEFT, RIGHT}) {
                int silence = wav.firstLoudFrom(channel, middle, QUIET) - wav.lastLoudBefore(channel, middle, QUIET);
                assertEquals(spanMillis * 8, silence, 2 * (PACKET_FRAMES + EDGE_FRAMES), "pause " + i + ", channel "
                        + channel + ": the silence (" + RecordedCall.millis(silence) + " ms) is the pause in the"
                        + " timeline (" + spanMillis + " ms)");
            }
        }
        List<String> sent = callControlCommands(callUuid, 10).stream().map(RecorderCommandsIT::brief).toList();
        assertEquals(List.of("USER_DATA_UPDATE ON", "PAUSE_RECORDING 3015", "USER_DATA_UPDATE PAUSED",
                "RESUME_RECORDING 3016", "USER_DATA_UPDATE ON", "PAUSE_RECORDING 3015", "USER_DATA_UPDATE PAUSED",
                "RESUME_RECORDING 3016", "USER_DATA_UPDATE ON", "USER_DATA_UPDATE OFF"), sent,
                "call control hears of the call by its CallUUID");
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aConnIdNoCallEventNamedIsRefusedOverRestAndOnTheQueue() throws Exception {
        String connId = PREFIX.toLowerCase() + "-no-such-conn";
        java.net.http.HttpResponse<byte[]> rest = recorder.post("/api/connections/" + connId + "/recording/pause",
                "{\"dn\":\"" + AGENT_DN + "\"}", BRIDGE_USER, BRIDGE_PASSWORD);
        assertEquals(404, rest.statusCode(), () -> new String(rest.body()));
        assertTrue(new String(rest.body()).contains("no call with connId " + connId
                + " is known: send its call event first"), () -> new String(rest.body()));

        // a refusal of a call named by connId names no CallUUID: it is found by the message's correlation id
        try (EventSubscriber refusals = new EventSubscriber("admin", recorder.adminPassword(),
                "eventType = 'ControlRefused'")) {
            send(bridge(), "{\"operation\":\"stop\",\"thisDn\":\"" + AGENT_DN + "\",\"connId\":\"" + connId
                    + "\"}", PREFIX + "-unknown-conn");
            JsonObject refused = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (refused == null && System.nanoTime() < deadline) {
                String text = refusals.next(Duration.ofSeconds(1));
                JsonObject event = text == null ? null : RecorderServer.json(text).asJsonObject();
                if (event != null && (PREFIX + "-unknown-conn").equals(event.getString("correlationId", null))) {
                    refused = event;
                }
            }
            assertNotNull(refused, "ControlRefused of the unknown connId");
            assertEquals("UNKNOWN", refused.getString("reason"));
            assertEquals(AGENT_DN, refused.getString("dn"));
            assertEquals(connId, refused.getString("connId"));
            assertEquals("no call with connId " + connId + " is known: send its call event first",
                    refused.getString("explanation"));
        }
    }

    private static CompletableFuture<java.net.http.HttpResponse<byte[]>> post(String path, String body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return recorder.post(path, body, BRIDGE_USER, BRIDGE_PASSWORD);
            } catch (Exception e) {
                throw new IllegalStateException("POST " + path, e);
            }
        });
    }

    // ---- helpers ----

    private static void send(CallControlBridge sender, String json, String correlationId) {
        try {
            sender.send(json, correlationId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send " + json, e);
        }
    }

    /** The next {@code count} commands call control received about the call; other calls' are kept for theirs. */
    private static List<JsonObject> callControlCommands(String callUuid, int count) throws Exception {
        List<JsonObject> sent = new ArrayList<>();
        for (JsonObject kept : new ArrayList<>(OTHER_CALLS_COMMANDS)) {
            if (sent.size() < count && callUuid.equals(kept.getString("callUuid"))) {
                OTHER_CALLS_COMMANDS.remove(kept);
                sent.add(kept);
            }
        }
        while (sent.size() < count) {
            JsonObject next = bridge().nextCallControlCommand(Duration.ofSeconds(30));
            assertNotNull(next, () -> "call control received only " + sent + " about " + callUuid);
            if (callUuid.equals(next.getString("callUuid"))) {
                sent.add(next);
            } else {
                OTHER_CALLS_COMMANDS.add(next);
            }
        }
        return sent;
    }

    private static String brief(JsonObject command) {
        String type = command.getString("type");
        return type.equals("USER_DATA_UPDATE") ? type + " " + command.getJsonObject("userData").getString("GSIP_RECORD")
                : type + " " + command.getInt("privateService");
    }

    private static JsonObject nextEvent(String callUuid, String type) throws Exception {
        JsonObject event = events.await(callUuid, Duration.ofSeconds(30));
        assertNotNull(event, "an external JMS subscriber received " + type + " of " + callUuid);
        assertEquals(type, event.getString("type"), event::toString);
        return event;
    }

    private static byte[] tone(int frequency, int millis) {
        return ToneSource.encoded(frequency, millis * 8, true);
    }
}
