package org.activerecorder.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.activerecorder.it.support.EventSubscriber;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.testsupport.Await;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.activerecorder.testsupport.rtp.RtpSender;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.activerecorder.it.support.RecordedCall.LEFT;
import static org.activerecorder.it.support.RecordedCall.RIGHT;
import static org.activerecorder.it.support.TwoPartyCall.AGENT_DN;
import static org.activerecorder.it.support.TwoPartyCall.CUSTOMER_DN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A party whose partner never comes (issue 11, point 6), end to end: the Media Server opens only the recorded
 * agent's session, streams a few seconds of tone and hangs up. The recording waits, ACTIVE, for the other party's
 * session for {@code recorder.lone-stream-grace-seconds} after that stream ended; then the sweep finishes it:
 * COMPLETED (nothing was lost), marked one-sided with a ONE_SIDED reason, the tone on the left and silence on the
 * right, and an external JMS client receives its event. A partner whose session comes within the grace joins the
 * same recording instead: one recording, both channels, each party where it was sent.
 *
 * <p>The test server runs with a grace of {@value #GRACE_SECONDS} s instead of 30 (arquillian.xml takes it from
 * the pom's {@code it.lone-stream-grace-seconds}, as this test does), so that the wait is short but still long
 * enough to see. Both calls run at once; each test waits for its own.
 */
@ExtendWith(ArquillianExtension.class)
class LoneStreamIT {

    private static final String PREFIX = "ITLONE" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final long GRACE_SECONDS = Long.getLong("it.lone-stream-grace-seconds", 10);
    /** The sweep that finishes a lone recording runs every 10 s (RecordingSweep). */
    private static final long SWEEP_SECONDS = 10;
    private static final int TONE_MILLIS = 3_000;
    /** The partner's session comes this long after the first party hung up: well within the grace. */
    private static final Duration PARTNER_DELAY = Duration.ofSeconds(2);
    /** Below this a sample is silence; a -6 dBFS tone is above it at all but one sample per zero crossing. */
    private static final int QUIET = 500;
    /** How far the recorder may place a sound from where it was sent (as AudioIntegrityIT): 60 ms. */
    private static final int ALIGNMENT_FRAMES = 480;

    private static RecorderServer recorder;
    private static EventSubscriber events;
    private static MediaServerSimulator mediaServer;
    private static ExecutorService calling;
    private static CompletableFuture<Lone> lone;
    private static CompletableFuture<Joined> joined;

    /** The lone call: when its only stream was sent, and whether the recording was seen waiting after it ended. */
    private record Lone(String callUuid, Instant sent, JsonObject recording, boolean seenWaiting) {
    }

    /** The call whose partner joined late: when each party's first packet left, and its recording. */
    private record Joined(String callUuid, Instant agentSent, Instant customerSent, JsonObject recording) {
    }

    @Deployment(testable = false)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    /** Starts both calls on the first request. */
    private static synchronized void start() throws Exception {
        if (calling != null) {
            return;
        }
        recorder = new RecorderServer();
        events = new EventSubscriber("admin", recorder.adminPassword(), "callUuid LIKE '" + PREFIX + "%'");
        mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
        calling = Executors.newCachedThreadPool();
        lone = CompletableFuture.supplyAsync(() -> unchecked(() -> playLone(PREFIX + "-ALONE")), calling);
        joined = CompletableFuture.supplyAsync(() -> unchecked(() -> playJoined(PREFIX + "-JOINED")), calling);
    }

    @AfterAll
    static void hangUp() throws Exception {
        if (calling != null) {
            CompletableFuture.allOf(lone, joined).handle((ok, failed) -> null).get();
            calling.shutdownNow();
            mediaServer.close();
            events.close();
        }
    }

    @Test
    void aPartyWhosePartnerNeverComesIsFinishedOneSidedOnceTheGraceIsOver() throws Exception {
        start();
        Lone call = lone.get();
        JsonObject recording = call.recording();
        JsonObject stream = onlyStream(recording);

        assertTrue(call.seenWaiting(), "the recording was seen ACTIVE after its only stream had ended");
        Instant streamEnded = Instant.parse(stream.getString("endedAt"));
        Instant finished = Instant.parse(recording.getString("finishedAt"));
        Duration waited = Duration.between(streamEnded, finished);
        assertTrue(waited.compareTo(Duration.ofSeconds(GRACE_SECONDS)) >= 0,
                "finished " + waited + " after its stream ended: not before the grace of " + GRACE_SECONDS + " s");
        assertTrue(waited.compareTo(Duration.ofSeconds(GRACE_SECONDS + SWEEP_SECONDS + 5)) <= 0,
                "finished " + waited + " after its stream ended: by the first sweep after the grace");

        assertEquals("COMPLETED", recording.getString("state"), () -> "nothing was lost: " + recording);
        assertTrue(recording.getBoolean("oneSided"), "marked one-sided");
        assertEquals(List.of("ONE_SIDED"), codes(recording.getJsonArray("reasons")));

        WavContent wav = WavContent.of(recorder.getAsAdmin("/api/recordings/" + id(recording) + "/audio").body());
        assertEquals(2, wav.channels());
        assertEquals(TONE_MILLIS, wav.durationMillis(), 100, "as long as the party's audio");
        assertTone(wav, LEFT, 440, 0, wav.frames());
        assertEquals(0, wav.peak(RIGHT, 0, wav.frames()), "the partner's channel is silence");

        JsonObject event = events.await(call.callUuid(), Duration.ofSeconds(30));
        assertNotNull(event, "an external JMS subscriber received the event of " + call.callUuid());
        assertEquals("RecordingCompleted", event.getString("type"));
        assertEquals(id(recording), event.getJsonNumber("recordingId").longValue());
        JsonObject completeness = event.getJsonObject("completeness");
        assertTrue(completeness.getBoolean("oneSided"), () -> "one-sided in the event: " + completeness);
        assertEquals(List.of("ONE_SIDED"), codes(completeness.getJsonArray("reasons")));
        assertEquals(0, completeness.getJsonNumber("packetsLost").longValue());
    }

    @Test
    void aPartnerWhoseSessionComesWithinTheGraceJoinsTheSameRecording() throws Exception {
        start();
        Joined call = joined.get();
        JsonObject recording = call.recording();

        assertEquals(1, recordingsOf(call.callUuid()).size(), "one recording for the call");
        assertEquals("COMPLETED", recording.getString("state"), () -> "recording: " + recording);
        assertFalse(recording.getBoolean("oneSided"), "both parties were heard");
        assertEquals(List.of(), codes(recording.getJsonArray("reasons")));
        assertEquals(2, recording.getJsonArray("streams").size());

        WavContent wav = WavContent.of(recorder.getAsAdmin("/api/recordings/" + id(recording) + "/audio").body());
        int customerStart = (int) Math.round(Duration.between(call.agentSent(), call.customerSent()).toNanos() / 125_000.0);
        int toneFrames = TONE_MILLIS * 8;
        assertEquals(customerStart + toneFrames, wav.frames(), 800, "from the agent's first sample to the customer's last");
        assertTone(wav, LEFT, 440, 0, toneFrames);
        assertEquals(0, wav.peak(LEFT, toneFrames + ALIGNMENT_FRAMES, wav.frames()), "the agent is silent after hanging up");
        assertEquals(customerStart, wav.onset(RIGHT, QUIET), ALIGNMENT_FRAMES,
                "the partner's audio starts where it was sent, " + Duration.between(call.agentSent(), call.customerSent())
                        + " after the agent's");
        assertTone(wav, RIGHT, 1000, customerStart, customerStart + toneFrames);

        JsonObject event = events.await(call.callUuid(), Duration.ofSeconds(30));
        assertNotNull(event, "an external JMS subscriber received the event of " + call.callUuid());
        assertEquals("RecordingCompleted", event.getString("type"));
        assertEquals(id(recording), event.getJsonNumber("recordingId").longValue());
        assertFalse(event.getJsonObject("completeness").getBoolean("oneSided"));
    }

    // ---- the calls ----

    /** Only the agent's session: tone, BYE; then the recording as the API shows it until it is finished. */
    private static Lone playLone(String callUuid) throws Exception {
        Instant sent;
        try (RtpSender rtp = new RtpSender()) {
            MediaServerSimulator.Session agent = open(callUuid, AGENT_DN, rtp);
            sent = rtp.send(tone(440), agent.recorderRtp());
            expectOk(mediaServer.bye(agent).getStatusCode(), "BYE");
        }
        AtomicBoolean seenWaiting = new AtomicBoolean();
        JsonObject finished = Await.until("recording of the lone call " + callUuid + " finished",
                Duration.ofSeconds(GRACE_SECONDS + SWEEP_SECONDS + 60), () -> recordingOf(callUuid), recording -> {
                    boolean active = "ACTIVE".equals(recording.getString("state"));
                    if (active && onlyStream(recording).getString("state").equals("ENDED")) {
                        seenWaiting.set(true);
                    }
                    return !active;
                });
        return new Lone(callUuid, sent, finished, seenWaiting.get());
    }

    /** The agent's session: tone, BYE; the customer's session a little later: tone, BYE; then the recording. */
    private static Joined playJoined(String callUuid) throws Exception {
        Instant agentSent;
        Instant customerSent;
        try (RtpSender agentRtp = new RtpSender();
             RtpSender customerRtp = new RtpSender()) {
            MediaServerSimulator.Session agent = open(callUuid, AGENT_DN, agentRtp);
            agentSent = agentRtp.send(tone(440), agent.recorderRtp());
            expectOk(mediaServer.bye(agent).getStatusCode(), "BYE of the agent");
            JsonObject waiting = Await.until("the agent's stream of " + callUuid + " ended", Duration.ofSeconds(10),
                    () -> recordingOf(callUuid), recording -> "ENDED".equals(onlyStream(recording).getString("state")));
            if (!"ACTIVE".equals(waiting.getString("state"))) {
                throw new AssertionError("the recording should wait for the partner, but is " + waiting);
            }
            Thread.sleep(PARTNER_DELAY.toMillis()); // the Media Server takes its time to open the partner's session
            MediaServerSimulator.Session customer = open(callUuid, CUSTOMER_DN, customerRtp);
            customerSent = customerRtp.send(tone(1000), customer.recorderRtp());
            expectOk(mediaServer.bye(customer).getStatusCode(), "BYE of the customer");
        }
        JsonObject finished = Await.until("recording of " + callUuid + " finished", Duration.ofSeconds(60),
                () -> recordingOf(callUuid), recording -> !"ACTIVE".equals(recording.getString("state")));
        return new Joined(callUuid, agentSent, customerSent, finished);
    }

    private static MediaServerSimulator.Session open(String callUuid, String dn, RtpSender rtp) throws Exception {
        return mediaServer.open(RecorderServer.HOST, recorder.sipPort(), "rec-" + callUuid,
                MediaServerSimulator.shapeA(callUuid, dn, AGENT_DN), rtp.port());
    }

    // ---- reading the API ----

    /** The call's only recording, in full ({@code GET /api/recordings/{id}}); fails while there is none. */
    private static JsonObject recordingOf(String callUuid) throws Exception {
        List<JsonObject> found = recordingsOf(callUuid);
        if (found.isEmpty()) {
            throw new AssertionError("no recording of call " + callUuid + " yet");
        }
        return RecorderServer.json(recorder.getAsAdmin("/api/recordings/" + id(found.get(0)))).asJsonObject();
    }

    private static List<JsonObject> recordingsOf(String callUuid) throws Exception {
        return RecorderServer.json(recorder.getAsAdmin("/api/recordings?limit=100")).asJsonArray().stream()
                .map(JsonValue::asJsonObject).filter(r -> callUuid.equals(r.getString("callUuid"))).toList();
    }

    private static JsonObject onlyStream(JsonObject recording) {
        JsonArray streams = recording.getJsonArray("streams");
        assertEquals(1, streams.size(), () -> "one stream: " + streams);
        return streams.getJsonObject(0);
    }

    private static long id(JsonObject recording) {
        return recording.getJsonNumber("id").longValue();
    }

    private static List<String> codes(JsonArray reasons) {
        return reasons.getValuesAs(JsonObject.class).stream().map(reason -> reason.getString("code")).toList();
    }

    // ---- audio ----

    /** The channel carries the tone with no hole from {@code from} to {@code to} (frames), edges spared. */
    private static void assertTone(WavContent wav, int channel, int frequency, int from, int to) {
        int start = from + ALIGNMENT_FRAMES;
        int end = to - ALIGNMENT_FRAMES;
        int hole = wav.longestQuietRun(channel, start, end, QUIET);
        assertTrue(hole <= 8, "channel " + channel + " has a hole of " + hole + " frames in " + start + ".." + end);
        assertEquals(frequency, wav.dominantFrequency(channel, start, end - start), 10, "channel " + channel);
    }

    /** A tone encoded by the JDK's G.711 codec (not the recorder's). */
    private static byte[] tone(int frequency) {
        return ToneSource.encoded(frequency, TONE_MILLIS * 8, true);
    }

    private static void expectOk(int status, String what) {
        if (status != 200) {
            throw new AssertionError(what + " answered " + status);
        }
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T unchecked(Call<T> call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
