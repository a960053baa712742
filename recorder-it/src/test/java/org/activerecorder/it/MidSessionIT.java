package org.activerecorder.it;

import jakarta.json.JsonObject;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.SiprecMetadata;
import org.activerecorder.it.support.StreamRecord;
import org.activerecorder.testsupport.Await;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.activerecorder.it.support.RecordedCall.LEFT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dialog rules of issue 12 against the provisioned server, checked by what is recorded:
 * <ul>
 *   <li>an INVITE whose 200 OK is never ACKed and that brings no media leaves no recording at all (the recording the
 *       INVITE opened is deleted, with its stream folder, once JAIN-SIP gives up the ACK after 32 s); so does a SIPREC
 *       INVITE of two streams (each stream's abandonment is kept, not only the last one's);</li>
 *   <li>one whose ACK is lost but whose media came is recorded as usual, past the ACK timer and up to its BYE: a lost
 *       ACK must not lose speech;</li>
 *   <li>an UPDATE that holds the line gives silence of the hold's length, and one that resumes it brings the audio
 *       back, as a re-INVITE does.</li>
 * </ul>
 * The four calls run at once (the ACK timeout is the slow part); each test waits for its own. One party per call
 * (the agent, recorded on the left), so each recording also waits the lone-stream grace before it is assembled.
 */
@ExtendWith(ArquillianExtension.class)
class MidSessionIT {

    private static final String PREFIX = "ITMID" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final String AGENT_DN = "1001";
    private static final int QUIET = 500;
    private static final int ALIGNMENT_FRAMES = 480;
    private static final long DURATION_TOLERANCE_MS = 100;
    /** 64*T1 of JAIN-SIP's 2xx retransmissions, the lone-stream grace, a sweep, and room. */
    private static final Duration UNACKED_TIMEOUT = Duration.ofSeconds(32 + 10 + 10 + 40);
    /** How long the call whose ACK was lost talks: past the 32 s JAIN-SIP retransmits the 200 OK for. */
    private static final int ACK_LOST_MILLIS = 37_000;

    private static RecorderServer recorder;
    private static MediaServerSimulator mediaServer;
    private static ExecutorService calling;
    private static CompletableFuture<Long> neverAcked;
    private static CompletableFuture<Long> siprecNeverAcked;
    private static CompletableFuture<RecordedCall> ackLost;
    private static CompletableFuture<RecordedCall> updateHold;

    @Deployment(testable = false)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    /** Starts the four calls on the first request. */
    private static synchronized void start() throws Exception {
        if (calling != null) {
            return;
        }
        recorder = new RecorderServer();
        mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
        calling = Executors.newCachedThreadPool();
        neverAcked = CompletableFuture.supplyAsync(() -> unchecked(() -> playNeverAcked(PREFIX + "-NOACK")), calling);
        siprecNeverAcked = CompletableFuture.supplyAsync(() -> unchecked(MidSessionIT::playSiprecNeverAcked), calling);
        ackLost = CompletableFuture.supplyAsync(() -> unchecked(() -> playAckLost(PREFIX + "-ACKLOST")), calling);
        updateHold = CompletableFuture.supplyAsync(() -> unchecked(() -> playUpdateHold(PREFIX + "-UPDATE")), calling);
    }

    @AfterAll
    static void hangUp() throws Exception {
        if (calling != null) {
            CompletableFuture.allOf(neverAcked, siprecNeverAcked, ackLost, updateHold).handle((ok, failed) -> null).get();
            calling.shutdownNow();
            mediaServer.close();
        }
    }

    @Test
    void anAnsweredInviteNeverAckedAndWithoutMediaLeavesNoRecording() throws Exception {
        start();
        long recordingId = neverAcked.get();
        assertEquals(Optional.empty(), recorder.recordingOfCall(PREFIX + "-NOACK"), "no recording of the call");
        assertNoStreamFileLeft(recordingId);
    }

    @Test
    void anAnsweredSiprecInviteOfTwoStreamsNeverAckedAndWithoutMediaLeavesNoRecording() throws Exception {
        start();
        long recordingId = siprecNeverAcked.get();
        assertNoStreamFileLeft(recordingId);
    }

    private static void assertNoStreamFileLeft(long recordingId) throws Exception {
        Path recordings = recorder.home().resolve("standalone/data/recordings");
        if (!Files.isDirectory(recordings)) {
            return; // nothing was ever written
        }
        try (Stream<Path> files = Files.walk(recordings)) {
            List<Path> left = files.filter(path -> path.toString().contains("/streams/" + recordingId + "/")
                    || path.endsWith(Path.of("streams", Long.toString(recordingId)))).toList();
            assertEquals(List.of(), left, "no stream file or folder of recording " + recordingId + " is left");
        }
    }

    @Test
    void anAnsweredInviteWhoseAckWasLostIsRecordedUntilItsByeWhenItsMediaCame() throws Exception {
        start();
        RecordedCall call = ackLost.get();
        assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
        WavContent wav = call.audio();
        assertEquals(ACK_LOST_MILLIS, wav.durationMillis(), DURATION_TOLERANCE_MS,
                "all the party said, past the ACK timer: " + call.streamsInBrief());
        assertTone(wav, 440, 0, wav.frames());
        StreamRecord agent = call.stream(AGENT_DN);
        assertEquals(call.agent().audioPackets(), agent.counter("packetsReceived"), "every packet sent");
    }

    @Test
    void anUpdateHoldIsSilenceAsLongAsTheHoldAndItsResumeBringsTheAudioBack() throws Exception {
        start();
        RecordedCall call = updateHold.get();
        assertEquals("COMPLETED", call.state(), () -> "recording: " + call.recording());
        WavContent wav = call.audio();
        assertEquals(call.expectedMillis(), wav.durationMillis(), DURATION_TOLERANCE_MS,
                () -> "the recording's length; its stream: " + call.streamsInBrief());
        int hold = call.frame(call.agent(), "hold");
        int back = call.frame(call.agent(), "back");
        assertTone(wav, 440, call.frame(call.agent().first()), hold);
        assertEquals(hold, wav.lastLoudBefore(LEFT, (hold + back) / 2, QUIET), ALIGNMENT_FRAMES, "silent from the hold");
        assertEquals(back, wav.firstLoudFrom(LEFT, (hold + back) / 2, QUIET), ALIGNMENT_FRAMES, "until it talks again");
        assertTone(wav, 440, back, call.frame(call.agent().last()));

        call.assertOneSignalledPause(AGENT_DN, call.agent(), "hold", "resume", DURATION_TOLERANCE_MS);
    }

    // ---- the calls ----

    /** INVITE answered, never ACKed, no RTP: the recording it opened, seen once, must then disappear. */
    private static long playNeverAcked(String callUuid) throws Exception {
        try (RtpSender rtp = new RtpSender()) {
            mediaServer.openWithoutAck(RecorderServer.HOST, recorder.sipPort(), "rec-" + callUuid,
                    MediaServerSimulator.shapeA(callUuid, AGENT_DN, AGENT_DN), rtp.port());
            JsonObject opened = Await.until("the recording " + callUuid + " opened", Duration.ofSeconds(10),
                    () -> recorder.recordingOfCall(callUuid), Optional::isPresent).orElseThrow();
            Await.until("the recording " + callUuid + " deleted", UNACKED_TIMEOUT,
                    () -> recorder.recordingOfCall(callUuid), Optional::isEmpty);
            return opened.getJsonNumber("id").longValue();
        }
    }

    /** The same with a SIPREC INVITE of two streams, one per party: the recording must go with both its streams. */
    private static long playSiprecNeverAcked() throws Exception {
        String callUuid = UUID.randomUUID().toString();
        try (RtpSender recorded = new RtpSender(); RtpSender other = new RtpSender()) {
            Session session = mediaServer.openSiprecWithoutAck("sip:srs@" + RecorderServer.HOST + ":"
                    + recorder.sipPort(), SiprecMetadata.twoParties(SiprecMetadata.sessionId(UUID.fromString(callUuid)),
                    AGENT_DN, "5551234"), other.port(), recorded.port());
            assertEquals(2, session.recorderRtps().size(), "a line per stream");
            JsonObject opened = Await.until("the SIPREC recording " + callUuid + " opened", Duration.ofSeconds(10),
                    () -> recorder.recordingOfCall(callUuid), Optional::isPresent).orElseThrow();
            Await.until("the SIPREC recording " + callUuid + " deleted", UNACKED_TIMEOUT,
                    () -> recorder.recordingOfCall(callUuid), Optional::isEmpty);
            return opened.getJsonNumber("id").longValue();
        }
    }

    /**
     * INVITE answered, ACK lost, tone sent all the same for longer than JAIN-SIP retransmits the 200 OK, then BYE (which
     * must find the session still open): the recording, once finished.
     */
    private static RecordedCall playAckLost(String callUuid) throws Exception {
        try (RtpSender rtp = new RtpSender()) {
            Session session = mediaServer.openWithoutAck(RecorderServer.HOST, recorder.sipPort(), "rec-" + callUuid,
                    MediaServerSimulator.shapeA(callUuid, AGENT_DN, AGENT_DN), rtp.port());
            Played sent = rtp.play(RtpScript.create().audio(tone(ACK_LOST_MILLIS)), session.recorderRtp());
            Response bye = mediaServer.bye(session);
            if (bye.getStatusCode() != 200) {
                throw new AssertionError("BYE after the ACK timer answered " + bye.getStatusCode());
            }
            return RecordedCall.finished(recorder, callUuid, sent, sent, Duration.ofSeconds(60));
        }
    }

    /** 2 s of tone, an UPDATE to inactive, 3 s of nothing, an UPDATE back to sendonly, 2 s of tone, BYE. */
    private static RecordedCall playUpdateHold(String callUuid) throws Exception {
        try (RtpSender rtp = new RtpSender()) {
            Session session = mediaServer.open(RecorderServer.HOST, recorder.sipPort(), "rec-" + callUuid,
                    MediaServerSimulator.shapeA(callUuid, AGENT_DN, AGENT_DN), rtp.port());
            RtpScript script = RtpScript.create().audio(tone(2000))
                    .cue("hold", () -> update(session, Direction.INACTIVE))
                    .hold(Duration.ofMillis(3000))
                    .cue("resume", () -> update(session, Direction.SENDONLY))
                    // media comes back once the UPDATE is answered, as a Media Server's does
                    .hold(Duration.ofMillis(200))
                    .mark("back")
                    .audio(tone(2000));
            Played sent = rtp.play(script, session.recorderRtp());
            Response bye = mediaServer.bye(session);
            if (bye.getStatusCode() != 200) {
                throw new AssertionError("BYE answered " + bye.getStatusCode());
            }
            return RecordedCall.finished(recorder, callUuid, sent, sent, Duration.ofSeconds(60));
        }
    }

    private static void update(Session session, Direction direction) throws Exception {
        Response response = mediaServer.update(session, direction);
        if (response.getStatusCode() != 200) {
            throw new AssertionError("UPDATE " + direction + " answered " + response.getStatusCode() + " "
                    + response.getReasonPhrase());
        }
    }

    // ---- audio ----

    /** The left channel carries the tone with no hole from {@code from} to {@code to} (frames), edges spared. */
    private static void assertTone(WavContent wav, int frequency, int from, int to) {
        int start = from + ALIGNMENT_FRAMES;
        int end = to - ALIGNMENT_FRAMES;
        assertTrue(end - start > 800, "a span of at least 100 ms to check: " + from + ".." + to);
        int hole = wav.longestQuietRun(LEFT, start, end, QUIET);
        assertTrue(hole <= 8, "a hole of " + RecordedCall.millis(hole) + " ms");
        for (int window = start; window + 4000 <= end; window += 4000) {
            assertEquals(frequency, wav.dominantFrequency(LEFT, window, 4000), 10,
                    "at " + RecordedCall.millis(window) + " ms");
        }
    }

    private static byte[] tone(int millis) {
        return ToneSource.encoded(440, millis * 8, true);
    }

    private interface Call<T> {
        T play() throws Exception;
    }

    private static <T> T unchecked(Call<T> call) {
        try {
            return call.play();
        } catch (Exception failure) {
            throw new IllegalStateException(failure);
        }
    }
}
