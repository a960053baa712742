package org.activerecorder.it;

import jakarta.json.JsonObject;
import org.activerecorder.it.support.EventSubscriber;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.StreamRecord;
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

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.activerecorder.it.support.RecordedCall.LEFT;
import static org.activerecorder.it.support.RecordedCall.RIGHT;
import static org.activerecorder.it.support.TwoPartyCall.AGENT_DN;
import static org.activerecorder.it.support.TwoPartyCall.CUSTOMER_DN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pause, resume and stop over REST against the real server, while the Media Server keeps sending: a two-party call
 * (the agent 440 Hz left, the customer 1000 Hz right) paused by a desktop (role {@code control}) at about 2 s and
 * resumed at about 4 s has silence on both channels exactly there and tone everywhere else, each stream a
 * SIGNALLED_PAUSE gap of that length, and an external subscriber hears RecordingPaused, RecordingResumed and
 * RecordingCompleted in that order; a second pause is refused with 409. A call stopped at about 2 s while media
 * flows for 2 s more is finished at once with 2 s of audio and nothing after; a start a second after a stop, while
 * the Media Server still sends, records that media again at once as a second recording of the call, from the start
 * to the BYEs. An auditor gets 403, an unknown call 404, a start without the DN to record 400.
 */
@ExtendWith(ArquillianExtension.class)
class RecordingControlIT {

    private static final String PREFIX = "ITRC" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    /** As AudioIntegrityIT and the brief: 60 ms. */
    private static final int ALIGNMENT_FRAMES = 480;
    private static final long TOLERANCE_MS = 60;
    private static final int QUIET = 500;
    /**
     * One 20 ms packet of 8 kHz audio: each edge of a pause is within one of the timeline's instants (the pause is
     * placed to the sample; the resume takes effect when it reaches the media plane, milliseconds after it arrived).
     */
    private static final int PACKET_FRAMES = 160;
    /** Samples of a tone below {@link #QUIET} around a zero crossing, at either edge of a silence. */
    private static final int EDGE_FRAMES = 16;

    private static final String CONTROL_USER = PREFIX.toLowerCase() + "-desk";
    private static final String AUDITOR_USER = PREFIX.toLowerCase() + "-auditor";
    private static final String CONTROL_PASSWORD = ItUsers.newPassword();
    private static final String AUDITOR_PASSWORD = ItUsers.newPassword();

    /**
     * The answers of the control requests made during the calls, by name. The requests run beside the RTP senders,
     * as a desktop's would: the Media Server's packets never wait for them.
     */
    private static final Map<String, CompletableFuture<HttpResponse<byte[]>>> ANSWERS = new ConcurrentHashMap<>();
    /**
     * The threads the requests are made on: their own, not the common pool, which has one thread on a two-core machine
     * and may be busy when a cue comes (a pause once reached the server 1.9 s after its cue in CI).
     */
    private static final ExecutorService REQUESTS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "control-request");
        thread.setDaemon(true);
        return thread;
    });

    private static RecorderServer recorder;
    private static MediaServerSimulator mediaServer;
    private static EventSubscriber events;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    /** A desktop (role control) and an auditor, put into the recorder's user tables with this run's passwords. */
    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("control-users.war", new ItUsers.Account(CONTROL_USER, CONTROL_PASSWORD, "control"),
                new ItUsers.Account(AUDITOR_USER, AUDITOR_PASSWORD, "auditor"));
    }

    @BeforeAll
    static void connect() throws Exception {
        recorder = new RecorderServer();
        events = new EventSubscriber("admin", recorder.adminPassword(), "callUuid LIKE '" + PREFIX + "%'");
        mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
        // The users' first requests (the HTTP client's first connection, the realm's first look-up of each user) are
        // made before any call, so that a cue's request costs what a desktop's usually does: a call unknown, 404.
        assertEquals(404, control(PREFIX + "-NONE", "pause", CONTROL_USER, CONTROL_PASSWORD).statusCode());
        assertEquals(404, control(PREFIX + "-NONE", "pause", "admin", recorder.adminPassword()).statusCode());
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (mediaServer != null) {
            mediaServer.close();
        }
        if (events != null) {
            events.close();
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aPauseIsSilenceOnBothChannelsFromItsRequestToTheResumeWhileMediaKeepsComing() throws Exception {
        String callUuid = PREFIX + "PAUSE";
        RecordedCall call = TwoPartyCall.play(recorder, mediaServer, callUuid,
                session -> RtpScript.create()
                        .audio(tone(440, 2000))
                        .cue("pause", () -> {
                            CompletableFuture<HttpResponse<byte[]>> pause = request(callUuid, "pause", CONTROL_USER,
                                    CONTROL_PASSWORD);
                            ANSWERS.put("pause", pause);
                            ANSWERS.put("pause again", pause.thenCompose(first -> request(callUuid, "pause",
                                    CONTROL_USER, CONTROL_PASSWORD)));
                        })
                        .audio(tone(440, 2000))
                        .cue("resume", () -> ANSWERS.put("resume",
                                request(callUuid, "resume", CONTROL_USER, CONTROL_PASSWORD)))
                        .audio(tone(440, 2000)),
                session -> RtpScript.create().audio(tone(1000, 6000)));

        JsonObject paused = answer("pause", 200);
        assertEquals("PAUSED", paused.getString("control"));
        assertEquals(CONTROL_USER, paused.getString("requestedBy"));
        assertEquals(2, paused.getInt("streams"), "both parties' streams were paused");
        JsonObject again = answer("pause again", 409);
        assertTrue(again.getString("message").contains("already paused"), again.toString());
        JsonObject resumed = answer("resume", 200);
        assertEquals("RECORDING", resumed.getString("control"));
        Instant pauseAt = Instant.parse(paused.getString("at"));
        Instant resumeAt = Instant.parse(resumed.getString("at"));
        long pauseMillis = Duration.between(pauseAt, resumeAt).toMillis();
        assertEquals(2000, pauseMillis, 500, "the cues were about 2 s apart");

        assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
        WavContent wav = call.audio();
        int from = call.frame(pauseAt);
        int to = call.frame(resumeAt);
        assertTone(wav, LEFT, 440, call.frame(call.agent().first()), from);
        assertSilentExactly(wav, LEFT, from, to);
        assertTone(wav, LEFT, 440, to, call.frame(call.agent().last()));
        assertTone(wav, RIGHT, 1000, call.frame(call.customer().first()), from);
        assertSilentExactly(wav, RIGHT, from, to);
        assertTone(wav, RIGHT, 1000, to, call.frame(call.customer().last()));

        for (String dn : List.of(AGENT_DN, CUSTOMER_DN)) {
            List<StreamRecord.GapRecord> gaps = call.stream(dn).gaps("SIGNALLED_PAUSE");
            assertEquals(1, gaps.size(), () -> "one pause in the stream of " + dn + ": " + call.stream(dn).gaps());
            assertEquals(pauseMillis, gaps.get(0).lengthMillis(), TOLERANCE_MS, "pause length in the stream of " + dn);
        }
        assertEquals("RECORDING", call.recording().getString("control"));
        assertPauseTimelineIsTheSilence(call, wav, pauseAt, resumeAt);

        JsonObject pausedEvent = nextEvent(callUuid, "RecordingPaused");
        assertEquals(call.id(), pausedEvent.getJsonNumber("recordingId").longValue());
        assertEquals(CONTROL_USER, pausedEvent.getString("requestedBy"));
        assertEquals(pauseAt, Instant.parse(pausedEvent.getString("at")));
        assertEquals(resumeAt, Instant.parse(nextEvent(callUuid, "RecordingResumed").getString("at")));
        JsonObject completed = nextEvent(callUuid, "RecordingCompleted");
        assertEquals(2 * pauseMillis, completed.getJsonObject("completeness").getJsonObject("silenceMillis")
                .getJsonNumber("SIGNALLED_PAUSE").longValue(), 2 * TOLERANCE_MS, "both streams' pauses");
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aStopEndsTheRecordingAtOnceAndNothingSentAfterItIsRecorded() throws Exception {
        String callUuid = PREFIX + "STOP";
        RecordedCall call = TwoPartyCall.play(recorder, mediaServer, callUuid,
                session -> RtpScript.create()
                        .audio(tone(440, 2000))
                        .cue("stop", () -> ANSWERS.put("stop", request(callUuid, "stop", "admin",
                                recorder.adminPassword())))
                        .audio(tone(440, 2000)),
                session -> RtpScript.create().audio(tone(1000, 4000)));

        JsonObject stopped = answer("stop", 200);
        assertEquals("STOPPED", stopped.getString("control"));
        Instant stopAt = Instant.parse(stopped.getString("at"));

        JsonObject stoppedEvent = nextEvent(callUuid, "RecordingStopped");
        assertEquals(stopAt, Instant.parse(stoppedEvent.getString("at")));
        JsonObject completed = nextEvent(callUuid, "RecordingCompleted");
        Instant completedAt = Instant.parse(completed.getString("completedAt"));
        assertTrue(completedAt.isBefore(stopAt.plusMillis(1500)), () -> "completed at " + completedAt
                + ", while the media still flowed after the stop at " + stopAt);

        assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
        assertEquals("STOPPED", call.recording().getString("control"));
        assertTrue(call.recording().getJsonArray("pauses").isEmpty(), () -> "no pause: " + call.recording());
        WavContent wav = call.audio();
        int stop = call.frame(stopAt);
        for (int channel : new int[]{LEFT, RIGHT}) {
            int end = wav.end(channel, QUIET);
            assertEquals(stop, end, ALIGNMENT_FRAMES, "channel " + channel + ": the sound ends at the stop ("
                    + RecordedCall.millis(stop) + " ms), not at " + RecordedCall.millis(end) + " ms, though both"
                    + " parties sent 2 s more");
        }
        // the streams are silenced from the request's instant and closed moments later (the file runs on, silent,
        // until the ports closed: tens of milliseconds, more on a cold server); nothing of the 2 s after is there
        assertTrue(wav.durationMillis() < RecordedCall.millis(stop) + 500, () -> "the recording lasts "
                + wav.durationMillis() + " ms; the stop came at " + RecordedCall.millis(stop) + " ms");
        assertTone(wav, LEFT, 440, call.frame(call.agent().first()), stop);
        assertTone(wav, RIGHT, 1000, call.frame(call.customer().first()), stop);
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aStartAfterAStopWhileTheMediaStillFlowsRecordsItAgainAsANewRecordingOfTheCall() throws Exception {
        String callUuid = PREFIX + "RESTART";
        RecordedCall again = TwoPartyCall.play(recorder, mediaServer, callUuid,
                session -> RtpScript.create()
                        .audio(tone(440, 1500))
                        .cue("stop", () -> ANSWERS.put("restart stop", request(callUuid, "stop", "admin",
                                recorder.adminPassword())))
                        .audio(tone(440, 1000))
                        .cue("start", () -> ANSWERS.put("restart start", CompletableFuture.supplyAsync(() -> {
                            try {
                                return start(callUuid, AGENT_DN);
                            } catch (Exception failure) {
                                throw new IllegalStateException(failure);
                            }
                        }, REQUESTS)))
                        .audio(tone(440, 2000)),
                session -> RtpScript.create().audio(tone(1000, 4500)));

        JsonObject stopped = answer("restart stop", 200);
        JsonObject started = answer("restart start", 200);
        assertEquals("ACTIVE", started.getString("state"), "active at once: the media is there");
        assertEquals("RECORDING", started.getString("control"));
        assertEquals(2, started.getInt("streams"), "both sessions' media taken again");
        long firstId = stopped.getJsonNumber("recordingId").longValue();
        assertEquals(again.id(), started.getJsonNumber("recordingId").longValue(), "the call's newest recording");
        assertTrue(again.id() != firstId, "a new recording of the call");
        Instant stopAt = Instant.parse(stopped.getString("at"));
        Instant startAt = Instant.parse(started.getString("at"));

        assertEquals("RecordingStopped", nextEvent(callUuid, "RecordingStopped").getString("type"));
        assertEquals(firstId, nextEvent(callUuid, "RecordingCompleted").getJsonNumber("recordingId").longValue());
        JsonObject startedEvent = nextEvent(callUuid, "RecordingStarted");
        assertEquals(again.id(), startedEvent.getJsonNumber("recordingId").longValue());
        assertEquals(2, startedEvent.getInt("streams"));
        assertEquals(again.id(), nextEvent(callUuid, "RecordingCompleted").getJsonNumber("recordingId").longValue());

        JsonObject first = RecorderServer.json(recorder.getAsAdmin("/api/recordings/" + firstId)).asJsonObject();
        assertEquals("COMPLETED", first.getString("state"));
        for (JsonObject stream : first.getJsonArray("streams").getValuesAs(JsonObject.class)) {
            assertEquals("STOPPED", stream.getString("endReason"), stream::toString);
        }
        WavContent before = WavContent.of(recorder.getAsAdmin("/api/recordings/" + firstId + "/audio").body());
        int stop = again.frame(stopAt);
        assertTrue(before.durationMillis() < RecordedCall.millis(stop) + 500, () -> "the first recording lasts "
                + before.durationMillis() + " ms; the stop came at " + RecordedCall.millis(stop) + " ms");

        assertEquals("COMPLETED", again.state(), () -> "recording: " + again.recording() + again.streamsInBrief());
        for (String dn : List.of(AGENT_DN, CUSTOMER_DN)) {
            assertEquals("REQUESTED", again.stream(dn).json().getString("endReason"), "ended by its session's BYE");
        }
        WavContent after = again.audio();
        long expected = Duration.between(startAt, again.customer().last()).toMillis() + 20;
        assertEquals(expected, after.durationMillis(), 200, "from the start to the end of the call");
        int agentEnd = (int) (Duration.between(startAt, again.agent().last()).toMillis() * 8);
        assertTone(after, LEFT, 440, 0, agentEnd);
        assertTone(after, RIGHT, 1000, 0, after.frames());
        assertEquals(2, RecorderServer.json(recorder.getAsAdmin("/api/recordings?callUuid=" + callUuid))
                .asJsonArray().size(), "both recordings listed under the call");
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void anAuditorMayNotControlAndAnUnknownCallIsNotFound() throws Exception {
        HttpResponse<byte[]> auditor = control(PREFIX + "PAUSE", "pause", AUDITOR_USER, AUDITOR_PASSWORD);
        assertEquals(403, auditor.statusCode(), body(auditor));
        HttpResponse<byte[]> unknown = control(PREFIX + "NOSUCHCALL", "pause", CONTROL_USER, CONTROL_PASSWORD);
        assertEquals(404, unknown.statusCode(), body(unknown));
        assertTrue(body(unknown).contains(PREFIX + "NOSUCHCALL"), body(unknown));
        HttpResponse<byte[]> start = control(PREFIX + "PAUSE", "start", CONTROL_USER, CONTROL_PASSWORD);
        assertEquals(400, start.statusCode(), body(start));
        assertTrue(body(start).contains("needs the DN"), body(start));
    }

    // ---- helpers ----

    private static HttpResponse<byte[]> control(String callUuid, String operation, String user, String password)
            throws Exception {
        return recorder.post("/api/calls/" + callUuid + "/recording/" + operation, "{\"id\":\"" + PREFIX + "\"}",
                user, password);
    }

    private static HttpResponse<byte[]> start(String callUuid, String dn) throws Exception {
        return recorder.post("/api/calls/" + callUuid + "/recording/start", "{\"dn\":\"" + dn + "\"}", "admin",
                recorder.adminPassword());
    }

    /** Makes the request on another thread. */
    private static CompletableFuture<HttpResponse<byte[]>> request(String callUuid, String operation, String user,
                                                                   String password) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return control(callUuid, operation, user, password);
            } catch (Exception failure) {
                throw new IllegalStateException(operation + " of " + callUuid + " failed", failure);
            }
        }, REQUESTS);
    }

    private static JsonObject answer(String name, int status) throws Exception {
        assertNotNull(ANSWERS.get(name), "the " + name + " request was made");
        HttpResponse<byte[]> response = ANSWERS.get(name).get(30, TimeUnit.SECONDS);
        assertEquals(status, response.statusCode(), () -> name + ": " + body(response));
        return RecorderServer.json(response).asJsonObject();
    }

    private static JsonObject nextEvent(String callUuid, String type) throws Exception {
        JsonObject event = events.await(callUuid, Duration.ofSeconds(30));
        assertNotNull(event, "an external JMS subscriber received " + type + " of " + callUuid);
        assertEquals(type, event.getString("type"), event::toString);
        return event;
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The channel carries the tone, with no hole, from {@code from} to {@code to}, its edges spared. */
    private static void assertTone(WavContent wav, int channel, int frequency, int from, int to) {
        int start = from + ALIGNMENT_FRAMES;
        int end = to - ALIGNMENT_FRAMES;
        assertTrue(end - start > 800, "a span of at least 100 ms to check: " + from + ".." + to);
        int hole = wav.longestQuietRun(channel, start, end, QUIET);
        assertTrue(hole <= 8, "channel " + channel + " has a hole of " + RecordedCall.millis(hole) + " ms in "
                + RecordedCall.millis(from) + ".." + RecordedCall.millis(to) + " ms");
        for (int window = start; window + 4000 <= end; window += 8000) {
            assertEquals(frequency, wav.dominantFrequency(channel, window, 4000), 10,
                    "channel " + channel + " at " + RecordedCall.millis(window) + " ms");
        }
    }

    /**
     * The recording's pause timeline has the one pause, with who made it, and its span is the silence in the audio
     * within a packet (20 ms) at each edge and the tone's zero crossings there, on both channels.
     */
    private static void assertPauseTimelineIsTheSilence(RecordedCall call, WavContent wav, Instant pauseAt,
                                                        Instant resumeAt) {
        jakarta.json.JsonArray pauses = call.recording().getJsonArray("pauses");
        assertEquals(1, pauses.size(), () -> "one pause in the timeline: " + pauses);
        JsonObject span = pauses.getJsonObject(0);
        // the database keeps microseconds
        assertEquals(0, Duration.between(pauseAt, Instant.parse(span.getString("pausedAt"))).toNanos(), 1000);
        assertEquals(0, Duration.between(resumeAt, Instant.parse(span.getString("resumedAt"))).toNanos(), 1000);
        assertEquals(CONTROL_USER, span.getString("pausedBy"));
        assertEquals(CONTROL_USER, span.getString("resumedBy"));
        long spanMillis = span.getJsonNumber("durationMillis").longValue();
        assertEquals(Duration.between(pauseAt, resumeAt).toMillis(), spanMillis, 1);
        int middle = (call.frame(pauseAt) + call.frame(resumeAt)) / 2;
        for (int channel : new int[]{LEFT, RIGHT}) {
            int silence = wav.firstLoudFrom(channel, middle, QUIET) - wav.lastLoudBefore(channel, middle, QUIET);
            assertEquals(spanMillis * 8, silence, 2 * (PACKET_FRAMES + EDGE_FRAMES), "channel " + channel + ": the silence ("
                    + RecordedCall.millis(silence) + " ms) is the pause in the timeline (" + spanMillis + " ms)");
        }
    }

    /** The channel is silent from {@code from} to {@code to}, and sound stops and starts again right there. */
    private static void assertSilentExactly(WavContent wav, int channel, int from, int to) {
        int middle = (from + to) / 2;
        int ends = wav.lastLoudBefore(channel, middle, QUIET);
        int starts = wav.firstLoudFrom(channel, middle, QUIET);
        assertEquals(from, ends, ALIGNMENT_FRAMES, "channel " + channel + ": the sound stops at the pause ("
                + RecordedCall.millis(from) + " ms), not at " + RecordedCall.millis(ends) + " ms");
        assertEquals(to, starts, ALIGNMENT_FRAMES, "channel " + channel + ": the sound starts again at the resume ("
                + RecordedCall.millis(to) + " ms), not at " + RecordedCall.millis(starts) + " ms");
    }

    private static byte[] tone(int frequency, int millis) {
        return ToneSource.encoded(frequency, millis * 8, true);
    }

}
