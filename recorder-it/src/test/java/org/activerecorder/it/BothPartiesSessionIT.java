package org.activerecorder.it;

import jakarta.json.JsonObject;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.StreamRecord;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.activerecorder.testsupport.rtp.Played;
import org.activerecorder.testsupport.rtp.RtpScript;
import org.activerecorder.testsupport.rtp.RtpSender;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.activerecorder.testsupport.sip.MediaServerSimulator.Direction;
import org.activerecorder.testsupport.sip.MediaServerSimulator.Session;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sip.message.Response;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.activerecorder.it.support.RecordedCall.LEFT;
import static org.activerecorder.it.support.RecordedCall.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Genesys' one session for both parties, end to end: one INVITE
 * {@code sip:record=..;calluuid=..;dn=<agent>;otherDN=<customer>;recordDN=<agent>} with an audio m-line per party,
 * each party's RTP sent to the port the recorder answered on that party's line, one BYE. The recorded agent (the
 * first line) says 440 Hz, the customer (the second line) 1000 Hz; the WAV must have them left and right, each where
 * and as long as it was said, and the API one recording with the two streams of the one SIP session.
 *
 * <p>Three calls run at once: a plain one, one in which the customer's line alone is held by re-INVITE, and one in
 * which the customer's line is offered on hold and starts with a later re-INVITE.
 */
@ExtendWith(ArquillianExtension.class)
class BothPartiesSessionIT {

    private static final String PREFIX = "ITBOTH" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final String AGENT_DN = "1001";
    private static final String CUSTOMER_DN = "5551234";
    private static final int ALIGNMENT_FRAMES = 480;
    private static final long DURATION_TOLERANCE_MS = 100;
    private static final int QUIET = 500;

    /** What each party of a call does; the customer's script may cue re-INVITEs on the session. */
    private record Call(List<Direction> offered, Duration customerDelay, Function<Session, RtpScript> agent,
                        Function<Session, RtpScript> customer) {
    }

    private static final Map<String, Call> CALLS = Map.of(
            "PLAIN", new Call(List.of(Direction.SENDONLY, Direction.SENDONLY), Duration.ofMillis(300),
                    session -> RtpScript.create().audio(tone(440, 5000)),
                    session -> RtpScript.create().audio(tone(1000, 5000))),
            "CUSTOMER_HOLD", new Call(List.of(Direction.SENDONLY, Direction.SENDONLY), Duration.ofMillis(300),
                    session -> RtpScript.create().audio(tone(440, 8000)),
                    // media comes back once the re-INVITE is answered, as a Media Server's does: audio sent in a
                    // burst right at the resume would be taken for a backlog and placed in the pause (see README)
                    session -> RtpScript.create().audio(tone(1000, 2000))
                            .cue("hold", () -> reInvite(session, Direction.SENDONLY, Direction.INACTIVE))
                            .hold(Duration.ofMillis(2800))
                            .cue("resume", () -> reInvite(session, Direction.SENDONLY, Direction.SENDONLY))
                            .hold(Duration.ofMillis(200))
                            .mark("back")
                            .audio(tone(1000, 2000))),
            "CUSTOMER_LATE", new Call(List.of(Direction.SENDONLY, Direction.INACTIVE), Duration.ofMillis(2000),
                    session -> RtpScript.create().audio(tone(440, 6000)),
                    session -> RtpScript.create()
                            .cue("resume", () -> reInvite(session, Direction.SENDONLY, Direction.SENDONLY))
                            .audio(tone(1000, 3000))));

    private static MediaServerSimulator mediaServer;
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
            mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
            calling = Executors.newCachedThreadPool();
            played = new HashMap<>();
            CALLS.forEach((name, call) -> played.put(name, CompletableFuture.supplyAsync(() -> {
                try {
                    return play(recorder, PREFIX + name, call);
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
        }
    }

    /** One INVITE for both parties, each party's script to its line's port, one BYE; then the recording. */
    private static RecordedCall play(RecorderServer recorder, String callUuid, Call call) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try (RtpSender agentRtp = new RtpSender();
             RtpSender customerRtp = new RtpSender()) {
            Session session = mediaServer.open(RecorderServer.HOST, recorder.sipPort(), "rec-" + callUuid,
                    MediaServerSimulator.bothParties(callUuid, AGENT_DN, CUSTOMER_DN, AGENT_DN), call.offered(),
                    agentRtp.port(), customerRtp.port());
            List<InetSocketAddress> lines = session.recorderRtps();
            assertEquals(2, lines.size(), "an answer line per party");
            assertNotEquals(lines.get(0), lines.get(1), "each party on its own port");
            RtpScript agentScript = call.agent().apply(session);
            RtpScript customerScript = call.customer().apply(session);
            Future<Played> agent = senders.submit(() -> agentRtp.play(agentScript, lines.get(0)));
            Thread.sleep(call.customerDelay().toMillis());
            Future<Played> customer = senders.submit(() -> customerRtp.play(customerScript, lines.get(1)));
            Played agentSent = agent.get();
            Played customerSent = customer.get();
            Response bye = mediaServer.bye(session);
            if (bye.getStatusCode() != 200) {
                throw new AssertionError("BYE answered " + bye.getStatusCode());
            }
            return RecordedCall.finished(recorder, callUuid, agentSent, customerSent, Duration.ofSeconds(60));
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void oneInviteForBothPartiesIsOneStereoRecordingTheAgentLeftTheCustomerRight() throws Exception {
        RecordedCall call = call("PLAIN");
        WavContent wav = completedWithBothParties(call);
        assertTone(wav, LEFT, 440, call.frame(call.agent().first()), call.frame(call.agent().last()));
        assertTone(wav, RIGHT, 1000, call.frame(call.customer().first()), call.frame(call.customer().last()));
        int leftStart = wav.onset(LEFT, QUIET);
        int rightStart = wav.onset(RIGHT, QUIET);
        assertEquals(call.frame(call.customer().first()) - call.frame(call.agent().first()), rightStart - leftStart,
                ALIGNMENT_FRAMES, "the customer starts as much later as it was sent later");
        assertEquals(5000, RecordedCall.millis(wav.end(LEFT, QUIET) - leftStart), DURATION_TOLERANCE_MS, "the agent's 5 s");
        assertEquals(5000, RecordedCall.millis(wav.end(RIGHT, QUIET) - rightStart), DURATION_TOLERANCE_MS,
                "the customer's 5 s");
        assertEquals(List.of(), call.stream(AGENT_DN).gaps());
        assertEquals(List.of(), call.stream(CUSTOMER_DN).gaps());
    }

    @Test
    void aReInviteHoldingTheCustomersLinePausesOnlyTheCustomer() throws Exception {
        RecordedCall call = call("CUSTOMER_HOLD");
        WavContent wav = completedWithBothParties(call);
        assertTone(wav, LEFT, 440, call.frame(call.agent().first()), call.frame(call.agent().last()));
        int hold = call.frame(call.customer(), "hold");
        int back = call.frame(call.customer(), "back");
        assertTone(wav, RIGHT, 1000, call.frame(call.customer().first()), hold);
        assertEquals(hold, wav.lastLoudBefore(RIGHT, (hold + back) / 2, QUIET), ALIGNMENT_FRAMES, "silent from the hold");
        assertEquals(back, wav.firstLoudFrom(RIGHT, (hold + back) / 2, QUIET), ALIGNMENT_FRAMES, "until it talks again");
        assertTone(wav, RIGHT, 1000, back, call.frame(call.customer().last()));

        call.assertOneSignalledPause(CUSTOMER_DN, call.customer(), "hold", "resume", DURATION_TOLERANCE_MS);
        assertEquals(List.of(), call.stream(AGENT_DN).gaps(), "the agent's line was never held");
    }

    @Test
    void aLineOfferedOnHoldIsRecordedFromTheReInviteThatLetsItSend() throws Exception {
        RecordedCall call = call("CUSTOMER_LATE");
        WavContent wav = completedWithBothParties(call);
        assertTone(wav, LEFT, 440, call.frame(call.agent().first()), call.frame(call.agent().last()));
        int customerFirst = call.frame(call.customer().first());
        assertEquals(customerFirst, wav.onset(RIGHT, QUIET), ALIGNMENT_FRAMES, "silence until the customer speaks");
        assertTone(wav, RIGHT, 1000, customerFirst, call.frame(call.customer().last()));
        assertEquals(3000, RecordedCall.millis(wav.end(RIGHT, QUIET) - wav.onset(RIGHT, QUIET)), DURATION_TOLERANCE_MS);
        assertEquals(List.of(), call.stream(CUSTOMER_DN).gaps(),
                "nothing missing: the stream starts with its first packet, after the pause");
    }

    /**
     * The recording is COMPLETED, stereo and as long as the call's audio, and the API shows one recording of two
     * streams, the agent's and the customer's, from the one SIP session, each with every packet sent.
     */
    private static WavContent completedWithBothParties(RecordedCall call) {
        assertEquals("COMPLETED", call.state(), () -> "recording of " + call.callUuid() + ": " + call.recording());
        WavContent wav = call.audio();
        assertEquals(2, wav.channels());
        assertEquals(call.expectedMillis(), wav.durationMillis(), DURATION_TOLERANCE_MS,
                () -> "the recording's length; its streams: " + call.streamsInBrief());
        List<JsonObject> streams = call.recording().getJsonArray("streams").getValuesAs(JsonObject.class);
        assertEquals(2, streams.size(), () -> "two streams: " + streams);
        assertEquals(streams.get(0).getString("sipCallId"), streams.get(1).getString("sipCallId"), "one SIP session");
        StreamRecord agent = call.stream(AGENT_DN);
        StreamRecord customer = call.stream(CUSTOMER_DN);
        assertEquals("RECORDED_PARTY", agent.json().getString("side"));
        assertEquals("OTHER_PARTY", customer.json().getString("side"));
        assertEquals(call.agent().audioPackets(), agent.counter("packetsReceived"), "every packet of the agent's");
        assertEquals(call.customer().audioPackets(), customer.counter("packetsReceived"), "every packet of the customer's");
        assertEquals(0, agent.counter("packetsForeign") + customer.counter("packetsForeign"),
                "each party's packets went to its own line");
        return wav;
    }

    private static void assertTone(WavContent wav, int channel, int frequency, int from, int to) {
        int start = from + ALIGNMENT_FRAMES;
        int end = to - ALIGNMENT_FRAMES;
        assertTrue(end - start > 800, "a span of at least 100 ms to check: " + from + ".." + to);
        int hole = wav.longestQuietRun(channel, start, end, QUIET);
        assertTrue(hole <= 8, "channel " + channel + " has a hole of " + RecordedCall.millis(hole) + " ms");
        for (int window = start; window + 4000 <= end; window += 4000) {
            assertEquals(frequency, wav.dominantFrequency(channel, window, 4000), 10,
                    "channel " + channel + " at " + RecordedCall.millis(window) + " ms");
        }
    }

    private static byte[] tone(int frequency, int millis) {
        return ToneSource.encoded(frequency, millis * 8, true);
    }

    private static void reInvite(Session session, Direction agent, Direction customer) throws Exception {
        Response response = mediaServer.reInvite(session, agent, customer);
        if (response.getStatusCode() != 200) {
            throw new AssertionError("re-INVITE " + agent + "/" + customer + " answered " + response.getStatusCode());
        }
    }
}
