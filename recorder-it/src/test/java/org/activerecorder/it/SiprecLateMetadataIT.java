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
import org.activerecorder.testsupport.sip.MediaServerSimulator.Direction;
import org.activerecorder.testsupport.sip.MediaServerSimulator.Session;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.activerecorder.it.support.RecordedCall.LEFT;
import static org.activerecorder.it.support.RecordedCall.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SIPREC client that sends its metadata late (real SRCs do), end to end against the provisioned server: the INVITE
 * carries SDP alone (two labelled audio lines, no metadata), so m-line order decides and the FIRST line is taken for
 * the recorded party; a re-INVITE in the middle of the call brings the metadata, which says the recorded party (listed
 * first) sends the SECOND line. The recorded party's 440 Hz must come out LEFT and the other party's 1000 Hz RIGHT
 * for the whole call, the seconds before the re-INVITE included, and the recording must say its channels were
 * corrected by a metadata update.
 */
@ExtendWith(ArquillianExtension.class)
class SiprecLateMetadataIT {

    private static final String RECORDED_DN = "1001";
    private static final String OTHER_DN = "5551234";
    private static final int ALIGNMENT_FRAMES = 480;
    private static final long DURATION_TOLERANCE_MS = 100;
    private static final int QUIET = 500;

    @Deployment(testable = false)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    private static final String METADATA = SiprecMetadata.twoParties("bGF0ZU1ldGFkYXRhSVQ=", RECORDED_DN, OTHER_DN);

    @Test
    void metadataInAReInviteMovesTheRecordedPartysSecondLineLeftForTheWholeCall() throws Exception {
        // No metadata names the call: its identity is the dialog's Call-ID, a UUID here so the test can find it.
        String call = UUID.randomUUID().toString();
        RecorderServer recorder = new RecorderServer();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        RecordedCall recorded;
        try (MediaServerSimulator src = new MediaServerSimulator(RecorderServer.HOST, 0);
             RtpSender otherRtp = new RtpSender();
             RtpSender recordedRtp = new RtpSender()) {
            Session session = open(src, recorder, call, List.of(otherRtp.port(), recordedRtp.port()));
            List<InetSocketAddress> lines = session.recorderRtps();
            assertEquals(2, lines.size(), "an answer line per offered line");
            Future<Played> recordedParty = senders.submit(() -> recordedRtp.play(
                    RtpScript.create().audio(tone(440, 5000)), lines.get(1)));
            Thread.sleep(300);
            Future<Played> otherParty = senders.submit(() -> otherRtp.play(
                    RtpScript.create().audio(tone(1000, 5000)), lines.get(0)));
            Thread.sleep(1500); // the metadata comes while both parties talk
            Response reInvite = reInviteWithMetadata(src, session);
            assertEquals(200, reInvite.getStatusCode(), () -> "re-INVITE: " + reInvite);
            Played recordedSent = recordedParty.get();
            Played otherSent = otherParty.get();
            Response bye = src.bye(session);
            assertEquals(200, bye.getStatusCode(), "BYE");
            recorded = RecordedCall.finished(recorder, call, recordedSent, otherSent, Duration.ofSeconds(60));
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
                "the recorded party's 5 s, from before the correction on");
        assertEquals(5000, RecordedCall.millis(wav.end(RIGHT, QUIET) - rightStart), DURATION_TOLERANCE_MS,
                "the other party's 5 s");

        assertEquals("RECORDED_PARTY", recorded.stream(RECORDED_DN).json().getString("side"));
        assertEquals("OTHER_PARTY", recorded.stream(OTHER_DN).json().getString("side"));
        assertEquals(recorded.agent().audioPackets(), recorded.stream(RECORDED_DN).counter("packetsReceived"));
        assertEquals(recorded.customer().audioPackets(), recorded.stream(OTHER_DN).counter("packetsReceived"));
        assertEquals(RECORDED_DN, recorded.recording().getString("recordDn"), recorded.recording()::toString);
        JsonObject attributes = recorded.recording().getJsonObject("attributes");
        assertEquals("FIRST_PARTICIPANT", attributes.getString("siprec.channelRule"), attributes::toString);
        assertEquals("RECORDING_DIALOG", attributes.getString("siprec.identityRule"), attributes::toString);
        assertEquals("sip:" + RECORDED_DN + "@pbx.example.com", attributes.getString("siprec.recordedParty"));
        String corrected = attributes.getString("siprec.channelsCorrected", "");
        assertTrue(corrected.contains("by a metadata update in re-INVITE: recorded party by FIRST_PARTICIPANT"),
                attributes::toString);
    }

    /** The SIPREC INVITE with SDP alone, its Call-ID the call's UUID; ACKed. */
    private static Session open(MediaServerSimulator src, RecorderServer recorder, String call, List<Integer> ports)
            throws Exception {
        long sdpSessionId = System.currentTimeMillis();
        Request invite = src.siprecInvite("sip:srs@" + RecorderServer.HOST + ":" + recorder.sipPort(),
                src.offer(ports, sdpSessionId, 1, List.of(Direction.SENDONLY, Direction.SENDONLY)), null, Map.of());
        invite.setHeader(src.headers.createCallIdHeader(call));
        src.send(invite);
        Response ok = src.finalResponse(invite);
        assertEquals(200, ok.getStatusCode(), () -> "INVITE answered " + ok);
        src.ack(invite, ok);
        return new Session(invite, ok, MediaServerSimulator.rtpAddresses(ok), ports, sdpSessionId, new AtomicLong(1),
                new AtomicLong(1));
    }

    /** A re-INVITE with the same offer (a new o= version) and the metadata, as RFC 7866's multipart body; ACKed. */
    private static Response reInviteWithMetadata(MediaServerSimulator src, Session session) throws Exception {
        Request reInvite = src.inDialog(Request.INVITE, session.invite(), session.answer(),
                session.sequence().incrementAndGet());
        String sdp = src.offer(session.localRtpPorts(), session.sdpSessionId(), session.sdpVersion().incrementAndGet(),
                List.of(Direction.SENDONLY, Direction.SENDONLY));
        src.setMultipart(reInvite, MediaServerSimulator.multipart(sdp, METADATA));
        src.send(reInvite);
        Response response = src.finalResponse(reInvite);
        if (response.getStatusCode() == 200) {
            src.ack(reInvite, response);
        }
        return response;
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
