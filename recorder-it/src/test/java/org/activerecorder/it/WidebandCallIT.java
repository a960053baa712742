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
import org.activerecorder.testsupport.sip.MediaServerSimulator.AudioFormats;
import org.activerecorder.testsupport.sip.MediaServerSimulator.Direction;
import org.activerecorder.testsupport.sip.MediaServerSimulator.Session;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sip.message.Response;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.activerecorder.it.support.RecordedCall.LEFT;
import static org.activerecorder.it.support.RecordedCall.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call with one wideband party, end to end, once in G.722 and once in Opus: one INVITE for both parties, the agent's
 * line offering the wideband codec first (G.722 on static payload type 9; {@code opus/48000/2} on dynamic 111 with
 * telephone-event/48000) and the customer's PCMU only. The agent talks 2 s (G.722: 1 kHz plus 5.5 kHz, a tone only
 * wideband carries; Opus: 1 kHz from concentus's encoder, decoded off the receive loop), presses 5 for 200 ms, and
 * talks 2 s more; the customer sends 440 Hz in PCMU for 4 s, starting 300 ms later. The recording must be 16 kHz
 * stereo: the agent left, the customer right, up-sampled, at 440 Hz; each where and as long as it was sent, the key
 * press at its time on the codec's RTP clock; every packet recorded; and the API must show each stream's codec and
 * sample rate.
 */
@ExtendWith(ArquillianExtension.class)
class WidebandCallIT {

    private static final String PREFIX = "ITWIDE" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final String AGENT_DN = "1001";
    private static final String CUSTOMER_DN = "5551234";
    private static final int RATE = 16_000;
    private static final int OPUS_PT = 111;
    /** 30 ms at 16 kHz: what the recorder's placement may be off by, as in the other calls' tests. */
    private static final int ALIGNMENT_FRAMES = 960;
    private static final long DURATION_TOLERANCE_MS = 100;
    private static final int QUIET = 500;

    /** How the agent's side of a call is sent: its sender, its line's offer, its script. */
    private record WidebandParty(String codec, Supplier<RtpSender> sender, AudioFormats offer, RtpScript script) {
    }

    @Deployment(testable = false)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    @Test
    void aG722PartyBesideAPcmuPartyIsRecordedAt16kHzEachInTuneInPlaceAndAsLongAsSent() throws Exception {
        RecordedCall call = play(PREFIX + "G722", new WidebandParty("G722", () -> sender(9, 8_000, 160),
                AudioFormats.G722, RtpScript.create().audio(ToneSource.g722(2_000))
                .mark("key").dtmf('5', Duration.ofMillis(200))
                .mark("talk").audio(ToneSource.g722(2_000))));

        WavContent wav = assertRecordedInTune(call, "G722");
        int agentStart = wav.onset(LEFT, QUIET);
        assertTrue(wav.power(LEFT, agentStart + RATE / 2, RATE / 2, 5_500)
                > 100 * wav.power(LEFT, agentStart + RATE / 2, RATE / 2, 3_000),
                "the agent's 5.5 kHz tone is in the recording: the party stayed wideband");
    }

    @Test
    void anOpusPartyBesideAPcmuPartyIsRecordedAt16kHzEachInTuneInPlaceAndAsLongAsSent() throws Exception {
        List<byte[]> tone = ToneSource.opus(1_000, 4_000);
        RecordedCall call = play(PREFIX + "OPUS", new WidebandParty("OPUS", () -> sender(OPUS_PT, 48_000, 0),
                AudioFormats.OPUS, RtpScript.create().packets(tone.subList(0, 100))
                .mark("key").dtmf('5', Duration.ofMillis(200))
                .mark("talk").packets(tone.subList(100, 200))));

        assertRecordedInTune(call, "OPUS");
        assertEquals(List.of(), call.stream(AGENT_DN).gaps("RECORDER_FAILURE"), "every Opus packet decoded in time");
    }

    /**
     * The checks both codecs share: 16 kHz stereo, as long as the call; each stream's codec, rate and every packet;
     * each party where and as long as it was sent, in tune; the key press at its time.
     */
    private static WavContent assertRecordedInTune(RecordedCall call, String codec) {
        assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
        WavContent wav = call.audio();
        assertEquals(2, wav.channels());
        assertEquals(RATE, wav.format().getSampleRate(), "wideband when a party is");
        assertEquals(call.expectedMillis(), wav.durationMillis(), DURATION_TOLERANCE_MS, call::streamsInBrief);

        StreamRecord agent = call.stream(AGENT_DN);
        StreamRecord customer = call.stream(CUSTOMER_DN);
        assertEquals(codec, agent.json().getString("codec"));
        assertEquals(RATE, agent.json().getInt("sampleRate"));
        assertEquals("PCMU", customer.json().getString("codec"));
        assertEquals(8_000, customer.json().getInt("sampleRate"));
        assertEquals(call.agent().audioPackets(), agent.counter("packetsReceived"), "every " + codec + " packet");
        assertEquals(call.customer().audioPackets(), customer.counter("packetsReceived"), "every PCMU packet");

        int agentStart = wav.onset(LEFT, QUIET);
        int customerStart = wav.onset(RIGHT, QUIET);
        assertEquals(call.frame(call.agent().first()), agentStart, ALIGNMENT_FRAMES);
        assertEquals(call.frame(call.customer().first()), customerStart, ALIGNMENT_FRAMES);
        int key = call.frame(call.agent(), "key");
        int talk = call.frame(call.agent(), "talk");
        assertTone(wav, LEFT, 1_000, agentStart, key);
        assertTone(wav, LEFT, 1_000, talk, call.frame(call.agent().last()));
        assertEquals(4_200, millis(wav.end(LEFT, QUIET) - agentStart), DURATION_TOLERANCE_MS,
                "the agent's 2 s, the key's 200 ms, 2 s");
        assertTone(wav, RIGHT, 440, customerStart, call.frame(call.customer().last()));
        assertEquals(4_000, millis(wav.end(RIGHT, QUIET) - customerStart), DURATION_TOLERANCE_MS,
                "the customer's 4 s");

        List<StreamRecord.DtmfRecord> keys = agent.dtmf();
        assertEquals(1, keys.size(), () -> "one key: " + keys);
        assertEquals('5', keys.get(0).digit());
        assertEquals(call.agent().millisTo("key"), keys.get(0).startMillis(), DURATION_TOLERANCE_MS,
                "the key where it was pressed, on " + codec + "'s RTP clock in a 16 kHz file");
        assertEquals(200, keys.get(0).durationMillis(), 25);
        JsonObject listed = call.recording();
        assertEquals(2, listed.getJsonArray("streams").size());
        return wav;
    }

    /** One INVITE for both parties, each party's script to its line, one BYE; then the recording. */
    private static RecordedCall play(String callUuid, WidebandParty agentParty) throws Exception {
        RecorderServer recorder = new RecorderServer();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try (MediaServerSimulator mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
             RtpSender agentRtp = agentParty.sender().get();
             RtpSender customerRtp = new RtpSender()) {
            Session session = mediaServer.open(RecorderServer.HOST, recorder.sipPort(), "rec-" + callUuid,
                    MediaServerSimulator.bothParties(callUuid, AGENT_DN, CUSTOMER_DN, AGENT_DN),
                    List.of(Direction.SENDONLY, Direction.SENDONLY), List.of(agentParty.offer(), AudioFormats.PCMU_ONLY),
                    agentRtp.port(), customerRtp.port());
            List<InetSocketAddress> lines = session.recorderRtps();
            RtpScript customerScript = RtpScript.create().audio(ToneSource.encoded(440, 4_000 * 8, true));
            Future<Played> agent = senders.submit(() -> agentRtp.play(agentParty.script(), lines.get(0)));
            Thread.sleep(300);
            Future<Played> customer = senders.submit(() -> customerRtp.play(customerScript, lines.get(1)));
            Played agentSent = agent.get();
            Played customerSent = customer.get();
            Response bye = mediaServer.bye(session);
            assertEquals(200, bye.getStatusCode(), "BYE");
            return RecordedCall.finished(recorder, callUuid, agentSent, customerSent, Duration.ofSeconds(60));
        } finally {
            senders.shutdownNow();
        }
    }

    /** The agent's sender: the codec's payload type, telephone-event 101, its RTP clock and octets per packet. */
    private static RtpSender sender(int payloadType, int clockRate, int octetsPerPacket) {
        try {
            return new RtpSender(payloadType, 101, clockRate, octetsPerPacket);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertTone(WavContent wav, int channel, int frequency, int from, int to) {
        int start = from + ALIGNMENT_FRAMES;
        int end = to - ALIGNMENT_FRAMES;
        assertTrue(end - start > RATE / 10, "a span of at least 100 ms to check: " + from + ".." + to);
        int hole = wav.longestQuietRun(channel, start, end, QUIET);
        assertTrue(hole <= 16, "channel " + channel + " has a hole of " + millis(hole) + " ms");
        for (int window = start; window + RATE / 2 <= end; window += RATE / 2) {
            assertEquals(frequency, wav.dominantFrequency(channel, window, RATE / 2), 10,
                    "channel " + channel + " at " + millis(window) + " ms");
        }
    }

    private static long millis(int frames) {
        return Math.round(frames * 1000.0 / RATE);
    }
}
