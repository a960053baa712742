package org.activerecorder.it;

import jakarta.json.JsonObject;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.SiprecMetadata;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.activerecorder.testsupport.rtp.Played;
import org.activerecorder.testsupport.rtp.RtpScript;
import org.activerecorder.testsupport.rtp.RtpSender;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.activerecorder.it.support.RecordedCall.LEFT;
import static org.activerecorder.it.support.RecordedCall.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SIPREC session (RFC 7866) end to end against the provisioned server: one INVITE to {@code sip:srs@recorder} with
 * {@code Require: siprec}, a Contact with {@code +sip.src} and a {@code multipart/mixed} body of SDP (two labelled
 * audio m-lines) and RFC 7865 metadata, each party's RTP to the port the recorder answered on its line, one BYE.
 *
 * <p>The metadata lists the recorded party first but says it sends the stream of the SECOND m-line: the recorded
 * party's 440 Hz must still come out LEFT and the other party's 1000 Hz RIGHT, each as long as it was said, and the
 * recording must say which rules decided (no configured DN: the first participant; no configured header or vendor
 * id: the SIPREC session id, a UUID in base64, which becomes the CallUUID).
 */
@ExtendWith(ArquillianExtension.class)
class SiprecSessionIT {

    private static final String RECORDED_DN = "1001";
    private static final String OTHER_DN = "5551234";
    private static final int ALIGNMENT_FRAMES = 480;
    private static final long DURATION_TOLERANCE_MS = 100;
    private static final int QUIET = 500;

    @Deployment(testable = false)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    @Test
    void theMetadatasRecordedPartyIsLeftThoughItsLineIsSecond() throws Exception {
        UUID call = UUID.randomUUID();
        String sessionId = SiprecMetadata.sessionId(call);
        RecorderServer recorder = new RecorderServer();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        RecordedCall recorded;
        try (MediaServerSimulator src = new MediaServerSimulator(RecorderServer.HOST, 0);
             RtpSender otherRtp = new RtpSender();
             RtpSender recordedRtp = new RtpSender()) {
            Session session = src.openSiprec("sip:srs@" + RecorderServer.HOST + ":" + recorder.sipPort(),
                    SiprecMetadata.twoParties(sessionId, RECORDED_DN, OTHER_DN), otherRtp.port(),
                    recordedRtp.port());
            assertTrue(session.answer().getHeader("Contact").toString().contains("+sip.srs"),
                    () -> "an SRS's Contact: " + session.answer());
            List<InetSocketAddress> lines = session.recorderRtps();
            assertEquals(2, lines.size(), "an answer line per offered line");
            assertNotEquals(lines.get(0), lines.get(1));
            Future<Played> recordedParty = senders.submit(() -> recordedRtp.play(
                    RtpScript.create().audio(tone(440, 5000)), lines.get(1)));
            Thread.sleep(300);
            Future<Played> otherParty = senders.submit(() -> otherRtp.play(
                    RtpScript.create().audio(tone(1000, 5000)), lines.get(0)));
            Played recordedSent = recordedParty.get();
            Played otherSent = otherParty.get();
            Response bye = src.bye(session);
            assertEquals(200, bye.getStatusCode(), "BYE");
            recorded = RecordedCall.finished(recorder, call.toString(), recordedSent, otherSent, Duration.ofSeconds(60));
        } finally {
            senders.shutdownNow();
        }

        assertEquals("COMPLETED", recorded.state(), () -> "recording: " + recorded.recording());
        WavContent wav = recorded.audio();
        assertEquals(2, wav.channels());
        assertEquals(recorded.expectedMillis(), wav.durationMillis(), DURATION_TOLERANCE_MS,
                () -> "the recording's length; its streams: " + recorded.streamsInBrief());
        assertTone(wav, LEFT, 440, recorded.frame(recorded.agent().first()), recorded.frame(recorded.agent().last()));
        assertTone(wav, RIGHT, 1000, recorded.frame(recorded.customer().first()),
                recorded.frame(recorded.customer().last()));
        int leftStart = wav.onset(LEFT, QUIET);
        int rightStart = wav.onset(RIGHT, QUIET);
        assertEquals(recorded.frame(recorded.customer().first()) - recorded.frame(recorded.agent().first()),
                rightStart - leftStart, ALIGNMENT_FRAMES, "the other party starts as much later as it was sent later");
        assertEquals(5000, RecordedCall.millis(wav.end(LEFT, QUIET) - leftStart), DURATION_TOLERANCE_MS,
                "the recorded party's 5 s");
        assertEquals(5000, RecordedCall.millis(wav.end(RIGHT, QUIET) - rightStart), DURATION_TOLERANCE_MS,
                "the other party's 5 s");

        assertEquals("RECORDED_PARTY", recorded.stream(RECORDED_DN).json().getString("side"));
        assertEquals("OTHER_PARTY", recorded.stream(OTHER_DN).json().getString("side"));
        assertEquals(recorded.agent().audioPackets(), recorded.stream(RECORDED_DN).counter("packetsReceived"));
        assertEquals(recorded.customer().audioPackets(), recorded.stream(OTHER_DN).counter("packetsReceived"));
        JsonObject attributes = recorded.recording().getJsonObject("attributes");
        assertEquals("FIRST_PARTICIPANT", attributes.getString("siprec.channelRule"), attributes::toString);
        assertEquals("SIPREC_SESSION_ID", attributes.getString("siprec.identityRule"), attributes::toString);
        assertEquals(sessionId, attributes.getString("siprec.sessionId"));
        assertEquals("sip:" + RECORDED_DN + "@pbx.example.com", attributes.getString("siprec.recordedParty"));
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
}
