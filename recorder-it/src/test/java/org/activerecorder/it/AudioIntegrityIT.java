package org.activerecorder.it;

import jakarta.json.JsonObject;
import org.activerecorder.it.support.EventSubscriber;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.StreamRecord;
import org.activerecorder.it.support.TwoPartyCall;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.activerecorder.testsupport.rtp.RtpScript;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.activerecorder.testsupport.sip.MediaServerSimulator.Direction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sip.message.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.activerecorder.it.support.RecordedCall.LEFT;
import static org.activerecorder.it.support.RecordedCall.RIGHT;
import static org.activerecorder.it.support.TwoPartyCall.AGENT_DN;
import static org.activerecorder.it.support.TwoPartyCall.CUSTOMER_DN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Never lose audio", end to end: real calls over 127.0.0.1 in which the customer's stream does what real streams
 * do (goes quiet, is held by re-INVITE, restarts its sequence numbers, moves to another source port, sends comfort
 * noise and DTMF) while the recorded agent talks on. Each test checks what the recorder made of one such call:
 * the stereo WAV (a tone where audio was sent, silence exactly where none was, both parties aligned), the stream's
 * completeness record in the API, and the RecordingCompleted event an external JMS client receives.
 *
 * <p>The calls run at once (the longest, the 30 s hold, takes about 41 s): the first test starts them all, each
 * test waits for its own. The agent (left) says 440 Hz, the customer (right) 1000 Hz and starts 300 ms later.
 */
@ExtendWith(ArquillianExtension.class)
class AudioIntegrityIT {

    private static final String PREFIX = "ITAI" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    /** How far the recorder may place a sound from where it was sent (as ShapeACallIT): 60 ms. */
    private static final int ALIGNMENT_FRAMES = 480;
    private static final long DURATION_TOLERANCE_MS = 100;
    /** Below this a sample is silence; a -6 dBFS tone is above it at all but one sample per zero crossing. */
    private static final int QUIET = 500;

    private static final Map<String, Call> CALLS = Map.of(
            "QUIET", new Call(agentTalks(20), customer -> RtpScript.create()
                    .audio(tone(1000, 5000)).mark("quiet").silence(seconds(10)).mark("back").audio(tone(1000, 5000))),
            "HOLD", new Call(agentTalks(40), customer -> RtpScript.create()
                    .audio(tone(1000, 5000))
                    .cue("hold", () -> reInvite(customer, Direction.INACTIVE, "a=inactive"))
                    .hold(seconds(30))
                    .cue("resume", () -> reInvite(customer, Direction.SENDONLY, "a=recvonly"))
                    // when the audio really came back: after the re-INVITE's answer, which a busy machine delays
                    // (70 ms once in CI, with the audio placed by its arrival, rightly, and the mark "resume" left
                    // at the hold's planned end)
                    .mark("back")
                    .audio(tone(1000, 5000))),
            "RESTART", new Call(agentTalks(10), customer -> RtpScript.create()
                    .audio(tone(1000, 5000)).mark("restart").restartSequence().audio(tone(1000, 5000))),
            "MOVE", new Call(agentTalks(10), customer -> RtpScript.create()
                    .audio(tone(1000, 5000)).mark("move").moveSource().audio(tone(1000, 5000))),
            "DTMF", new Call(agentTalks(10), customer -> RtpScript.create()
                    .audio(tone(1000, 2000))
                    .mark("1").dtmf('1', Duration.ofMillis(200)).audio(tone(1000, 300))
                    .mark("5").dtmf('5', Duration.ofMillis(200)).audio(tone(1000, 300))
                    .mark("#").dtmf('#', Duration.ofMillis(200)).audio(tone(1000, 6500))),
            "COMFORT_NOISE", new Call(agentTalks(10), customer -> RtpScript.create()
                    .audio(tone(1000, 3000)).mark("quiet").comfortNoise(seconds(4), Duration.ofMillis(200))
                    .mark("back").audio(tone(1000, 3000))));

    /** A scenario: what each party sends. */
    private record Call(TwoPartyCall.Party agent, TwoPartyCall.Party customer) {
    }

    private static MediaServerSimulator mediaServer;
    private static EventSubscriber events;
    private static ExecutorService calling;
    private static Map<String, CompletableFuture<RecordedCall>> played;

    @Deployment(testable = false)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    /** The call of a scenario, once it is recorded; the first request starts every scenario's call. */
    private static synchronized RecordedCall call(String scenario) throws Exception {
        if (played == null) {
            RecorderServer recorder = new RecorderServer();
            events = new EventSubscriber("admin", recorder.adminPassword(), "callUuid LIKE '" + PREFIX + "%'");
            mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
            calling = Executors.newCachedThreadPool();
            played = new java.util.HashMap<>();
            CALLS.forEach((name, call) -> played.put(name, CompletableFuture.supplyAsync(() -> {
                try {
                    return TwoPartyCall.play(recorder, mediaServer, PREFIX + name, call.agent(), call.customer());
                } catch (Exception failure) {
                    throw new IllegalStateException("call " + name + " failed", failure);
                }
            }, calling)));
        }
        return played.get(scenario).get();
    }

    @AfterAll
    static void hangUp() throws Exception {
        if (played != null) {
            CompletableFuture.allOf(played.values().toArray(CompletableFuture[]::new)).handle((ok, failed) -> null).get();
            calling.shutdownNow();
            mediaServer.close();
            events.close();
        }
    }

    @Test
    void aPartySilentForTenSecondsIsSilenceOfExactlyThatLengthAQuietSenderGap() throws Exception {
        RecordedCall call = call("QUIET");
        JsonObject event = completed(call);
        WavContent wav = call.audio();
        assertTone(wav, LEFT, 440, call.frame(call.agent().first()), call.frame(call.agent().last()));

        int quiet = call.frame(call.customer(), "quiet");
        int back = call.frame(call.customer(), "back");
        assertTone(wav, RIGHT, 1000, call.frame(call.customer().first()), quiet);
        assertSilentExactly(wav, RIGHT, quiet, back);
        assertTone(wav, RIGHT, 1000, back, call.frame(call.customer().last()));

        StreamRecord customer = call.stream(CUSTOMER_DN);
        assertGap(customer, "QUIET_SENDER", call.customer().millisTo("quiet"), 10_000);
        assertSilence(event, "QUIET_SENDER", 10_000);
        assertEquals(0, customer.counter("packetsLost"));
        assertEquals(call.customer().audioPackets(), customer.counter("packetsReceived"));
        assertEquals(List.of(), call.stream(AGENT_DN).gaps(), "the agent talked throughout");
    }

    @Test
    void aThirtySecondReInviteHoldIsSilenceOfItsLengthASignalledPauseAndThePartiesStayAligned() throws Exception {
        RecordedCall call = call("HOLD");
        JsonObject event = completed(call);
        WavContent wav = call.audio();
        assertTone(wav, LEFT, 440, call.frame(call.agent().first()), call.frame(call.agent().last()));

        int hold = call.frame(call.customer(), "hold");
        int back = call.frame(call.customer(), "back");
        assertTone(wav, RIGHT, 1000, call.frame(call.customer().first()), hold);
        // the customer's audio after the hold sits where it was said, next to the agent's: aligned
        assertSilentExactly(wav, RIGHT, hold, back);
        assertTone(wav, RIGHT, 1000, back, call.frame(call.customer().last()));

        StreamRecord customer = call.stream(CUSTOMER_DN);
        assertGap(customer, "SIGNALLED_PAUSE", call.customer().millisTo("hold"), 30_000);
        assertSilence(event, "SIGNALLED_PAUSE", 30_000);
        assertEquals(0, customer.counter("packetsLost"));
        assertEquals(List.of(), call.stream(AGENT_DN).gaps(), "the agent talked throughout");
    }

    @Test
    void aSequenceRestartUnderTheSameSourceLosesNoAudio() throws Exception {
        RecordedCall call = call("RESTART");
        JsonObject event = completed(call);
        WavContent wav = call.audio();
        assertTone(wav, RIGHT, 1000, call.frame(call.customer().first()), call.frame(call.customer().last()));

        StreamRecord customer = call.stream(CUSTOMER_DN);
        assertEquals(1, customer.counter("sequenceRestarts"));
        assertEquals(1, total(event, "sequenceRestarts"));
        assertEquals(call.customer().audioPackets(), customer.counter("packetsReceived"), "every packet recorded");
        assertEquals(0, customer.counter("packetsLost"));
        assertEquals(0, customer.counter("packetsLate"));
        assertEquals(List.of(), customer.gaps());
    }

    @Test
    void aSenderThatMovesToAnotherPortIsFollowedAndLosesNoAudio() throws Exception {
        RecordedCall call = call("MOVE");
        JsonObject event = completed(call);
        WavContent wav = call.audio();
        assertTone(wav, RIGHT, 1000, call.frame(call.customer().first()), call.frame(call.customer().last()));

        StreamRecord customer = call.stream(CUSTOMER_DN);
        assertEquals(1, customer.counter("sourceMoves"));
        assertEquals(1, total(event, "sourceMoves"));
        assertEquals(call.customer().audioPackets(), customer.counter("packetsReceived"),
                "the packets seen before the re-latch are kept");
        assertEquals(0, customer.counter("packetsForeign"));
        assertEquals(List.of(), customer.gaps());
    }

    @Test
    void dtmfIsKeptAsEventsWithTheirTimesAndNeverWrittenIntoTheAudio() throws Exception {
        RecordedCall call = call("DTMF");
        completed(call);
        WavContent wav = call.audio();
        StreamRecord customer = call.stream(CUSTOMER_DN);
        List<StreamRecord.DtmfRecord> dtmf = customer.dtmf();
        assertEquals("15#", dtmf.stream().map(event -> String.valueOf(event.digit())).reduce("", String::concat));
        assertEquals(call.customer().telephoneEvents(), customer.counter("telephoneEventPackets"));
        assertEquals(0, customer.counter("packetsMalformed"));

        String digits = "15#";
        double[][] frequencies = {{697, 1209}, {770, 1336}, {941, 1477}};
        int toneFrom = call.frame(call.customer().first()) + 800;
        for (int i = 0; i < digits.length(); i++) {
            String mark = String.valueOf(digits.charAt(i));
            StreamRecord.DtmfRecord event = dtmf.get(i);
            assertEquals(call.customer().millisTo(mark), event.startMillis(), 40, "digit " + mark + " starts when sent");
            assertEquals(200, event.durationMillis(), 20, "digit " + mark + " lasts as long as sent");
            assertTrue(event.ended(), "digit " + mark + " ended");
            StreamRecord.GapRecord gap = customer.gaps().get(i);
            assertEquals("QUIET_SENDER", gap.cause(), "no audio while the key is pressed: the sender's silence");
            assertEquals(event.startMillis(), gap.startMillis(), 20, "the gap of digit " + mark);
            assertEquals(200, gap.lengthMillis(), 20, "the gap of digit " + mark);
            int from = call.frame(call.customer(), mark) + 160;
            int length = 1600 - 320;
            assertTrue(wav.peak(RIGHT, from, from + length) <= QUIET,
                    "no audio written for digit " + mark + ": peak " + wav.peak(RIGHT, from, from + length));
            double tonePower = wav.power(RIGHT, toneFrom, length, 1000);
            for (double frequency : frequencies[i]) {
                assertTrue(wav.power(RIGHT, from, length, frequency) < tonePower * 1e-4,
                        "no " + frequency + " Hz of digit " + mark + " in the audio");
            }
        }
        assertEquals(3, customer.gaps().size(), () -> "a gap per digit and no other: " + customer.gaps());
        assertTone(wav, RIGHT, 1000, call.frame(call.customer(), "#") + 1600, call.frame(call.customer().last()));
    }

    @Test
    void comfortNoiseIsSilenceAndAQuietSenderGap() throws Exception {
        RecordedCall call = call("COMFORT_NOISE");
        JsonObject event = completed(call);
        WavContent wav = call.audio();
        int quiet = call.frame(call.customer(), "quiet");
        int back = call.frame(call.customer(), "back");
        assertTone(wav, RIGHT, 1000, call.frame(call.customer().first()), quiet);
        assertSilentExactly(wav, RIGHT, quiet, back);
        assertTone(wav, RIGHT, 1000, back, call.frame(call.customer().last()));

        StreamRecord customer = call.stream(CUSTOMER_DN);
        assertEquals(call.customer().comfortNoise(), customer.counter("comfortNoisePackets"));
        assertEquals(0, customer.counter("packetsMalformed"));
        assertEquals(0, customer.counter("packetsLost"));
        assertGap(customer, "QUIET_SENDER", call.customer().millisTo("quiet"), 4_000);
        assertSilence(event, "QUIET_SENDER", 4_000);
    }

    // ---- what every call must show ----

    /**
     * The recording is COMPLETED, stereo, exactly as long as the call's audio (from the first packet sent to the
     * end of the last), the API says so, and an external JMS client received its RecordingCompleted event, whose
     * completeness record names no loss.
     *
     * @return the event
     */
    private static JsonObject completed(RecordedCall call) throws Exception {
        assertEquals("COMPLETED", call.state(), () -> "recording of " + call.callUuid() + ": " + call.recording());
        WavContent wav = call.audio();
        assertEquals(2, wav.channels());
        assertEquals(call.expectedMillis(), wav.durationMillis(), DURATION_TOLERANCE_MS,
                () -> "the recording's length; its streams: " + call.streamsInBrief());
        assertEquals(wav.durationMillis(), call.recording().getJsonNumber("durationMillis").longValue(), 1);

        JsonObject event = events.await(call.callUuid(), Duration.ofSeconds(30));
        assertNotNull(event, "an external JMS subscriber received the event of " + call.callUuid());
        assertEquals("RecordingCompleted", event.getString("type"));
        assertEquals(call.id(), event.getJsonNumber("recordingId").longValue());
        assertEquals(wav.durationMillis(), event.getJsonNumber("durationMillis").longValue(), 1);
        JsonObject completeness = event.getJsonObject("completeness");
        assertNotNull(completeness, () -> "a completeness record in " + event);
        assertEquals(List.of(), completeness.getJsonArray("reasons"), "nothing missing");
        assertEquals(0, completeness.getJsonNumber("packetsLost").longValue());
        assertEquals(0, completeness.getJsonNumber("packetsLate").longValue());
        assertEquals(false, completeness.getBoolean("oneSided"));
        return event;
    }

    /** The event's completeness record counts {@code millis} of silence of this cause, in all streams together. */
    private static void assertSilence(JsonObject event, String cause, long millis) {
        long counted = event.getJsonObject("completeness").getJsonObject("silenceMillis").getJsonNumber(cause).longValue();
        assertEquals(millis, counted, DURATION_TOLERANCE_MS, cause + " silence in the event's completeness record");
    }

    /** A counter of the event's completeness record. */
    private static long total(JsonObject event, String counter) {
        return event.getJsonObject("completeness").getJsonNumber(counter).longValue();
    }

    /**
     * The channel carries the tone, with no hole, from {@code from} to {@code to} (frames). The edges are spared by
     * the alignment tolerance: where the sound starts and stops is {@link #assertSilentExactly}'s to check.
     */
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

    /** The channel is silent from {@code from} to {@code to}, and sound stops and starts again right there. */
    private static void assertSilentExactly(WavContent wav, int channel, int from, int to) {
        int middle = (from + to) / 2;
        int ends = wav.lastLoudBefore(channel, middle, QUIET);
        int starts = wav.firstLoudFrom(channel, middle, QUIET);
        assertEquals(from, ends, ALIGNMENT_FRAMES, "the sound stops where the party stopped ("
                + RecordedCall.millis(from) + " ms), not at " + RecordedCall.millis(ends) + " ms");
        assertEquals(to, starts, ALIGNMENT_FRAMES, "the sound starts again where the party started ("
                + RecordedCall.millis(to) + " ms), not at " + RecordedCall.millis(starts) + " ms");
    }

    /** The stream's completeness record has one gap of this cause, at this place, of this length (ms). */
    private static void assertGap(StreamRecord stream, String cause, long startMillis, long lengthMillis) {
        List<StreamRecord.GapRecord> gaps = stream.gaps(cause);
        assertEquals(1, gaps.size(), () -> "one " + cause + " gap in " + stream.gaps());
        assertEquals(startMillis, gaps.get(0).startMillis(), DURATION_TOLERANCE_MS, cause + " gap start");
        assertEquals(lengthMillis, gaps.get(0).lengthMillis(), DURATION_TOLERANCE_MS, cause + " gap length");
    }

    // ---- scripts ----

    private static TwoPartyCall.Party agentTalks(int seconds) {
        return session -> RtpScript.create().audio(tone(440, seconds * 1000));
    }

    /** A tone encoded by the JDK's G.711 codec (not the recorder's). */
    private static byte[] tone(int frequency, int millis) {
        return ToneSource.encoded(frequency, millis * 8, true);
    }

    private static Duration seconds(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static void reInvite(MediaServerSimulator.Session session, Direction direction, String answered)
            throws Exception {
        Response response = mediaServer.reInvite(session, direction);
        if (response.getStatusCode() != 200 || !MediaServerSimulator.body(response).contains(answered)) {
            throw new AssertionError("re-INVITE " + direction + " answered " + response.getStatusCode() + ":\n"
                    + MediaServerSimulator.body(response));
        }
    }
}
