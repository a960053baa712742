package org.activerecorder.sip;

import org.activerecorder.application.IntakeRefused;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.sip.sdp.MediaDirection;
import org.activerecorder.sip.sdp.OfferedMedia;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;
import org.activerecorder.testsupport.Await;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One INVITE for both parties of a call (Genesys, {@code dn} and {@code otherDN}) over real sockets on 127.0.0.1:
 * the recorder's stack with an in-memory stream intake, the shared {@link MediaServerSimulator} as the Media Server.
 * What is checked is what the Media Server and the intake see: one session of two streams, an answer line per
 * offered line, holds per line, and every way the session ends ending both streams, never more.
 */
class BothPartiesSessionSocketTest {

    static final int RECORDER_PORT = FreePort.forSip("127.0.0.1", "udp");
    static final String BOTH_URI = "sip:record=rec-2@127.0.0.1:" + RECORDER_PORT
            + ";calluuid=CALL-0002;dn=7001;otherDN=5551234;recordDN=7001;site=paris";

    /** The agent's line (a_leg), a video line the recorder refuses, the customer's line (b_leg). */
    static final String BOTH_OFFER = String.join("\r\n",
            "v=0",
            "o=GVP 1732615200 1732615200 IN IP4 127.0.0.1",
            "s=Media Server",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "m=audio 31000 RTP/AVP 0 8 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=label:a_leg",
            "a=sendonly",
            "m=video 31010 RTP/AVP 31",
            "a=sendonly",
            "m=audio 31002 RTP/AVP 8 101",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=label:b_leg",
            "a=sendonly") + "\r\n";

    static final InMemoryStreamIntake intake = new InMemoryStreamIntake();
    static ExecutorService executor;
    static RecordingSipService recorder;
    static MediaServerSimulator mediaServer;

    @BeforeAll
    static void start() throws Exception {
        executor = Executors.newFixedThreadPool(4);
        SipSettings settings = SipSettings.from(Map.of(
                SipSettings.PORT, Integer.toString(RECORDER_PORT),
                SipSettings.ALLOWED_PEERS, "127.0.0.1")::get);
        recorder = RecordingSipService.start(settings, StackProperties.forStack("recorder-both-parties"), intake,
                executor);
        mediaServer = new MediaServerSimulator("127.0.0.1", 0, StackProperties.forStack("media-server"), "udp");
    }

    @AfterAll
    static void stop() throws Exception {
        mediaServer.close();
        recorder.stop();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void reset() throws Exception {
        try {
            assertEquals(0, waitForSessions(0), "every test ends its sessions");
        } finally {
            intake.reset();
            mediaServer.forget();
        }
    }

    private Response established(Request invite) throws Exception {
        mediaServer.send(invite);
        assertNotNull(mediaServer.await(invite, Response.TRYING), "100 Trying");
        Response ok = mediaServer.await(invite, Response.OK);
        assertNotNull(ok, "200 OK");
        acknowledge(invite, ok);
        return ok;
    }

    /**
     * ACK, then wait until the recorder has taken it: JAIN-SIP handles requests on several threads, so a request sent
     * right after the ACK may be handled first (a re-INVITE before its ACK is refused, a BYE ends the dialog the ACK
     * then cannot find).
     */
    private static void acknowledge(Request invite, Response ok) throws Exception {
        long before = recorder.traffic().requests(Request.ACK);
        mediaServer.ack(invite, ok);
        Await.until("the recorder took the ACK", Duration.ofSeconds(5), () -> recorder.traffic().requests(Request.ACK),
                acks -> acks > before);
    }

    private Response reInvite(Request invite, Response ok, long sequence, String sdp) throws Exception {
        Request reInvite = mediaServer.inDialog(Request.INVITE, invite, ok, sequence);
        reInvite.setContent(sdp, mediaServer.headers.createContentTypeHeader("application", "sdp"));
        mediaServer.send(reInvite);
        Response reOk = mediaServer.await(reInvite, Response.OK);
        assertNotNull(reOk, "200 OK to re-INVITE " + sequence);
        acknowledge(reInvite, reOk);
        return reOk;
    }

    private void bye(Request invite, Response ok, long sequence) throws Exception {
        Request bye = mediaServer.inDialog(Request.BYE, invite, ok, sequence);
        mediaServer.send(bye);
        assertNotNull(mediaServer.await(bye, Response.OK), "200 OK to BYE");
    }

    /** The stream ids ended, as many as expected within 2 s, in the order they were ended. */
    private static List<String> ended(int count) throws InterruptedException {
        List<String> ended = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = intake.ended.poll(2, TimeUnit.SECONDS);
            assertNotNull(id, "stream ended " + (i + 1) + " of " + count + ", got " + ended);
            ended.add(id);
        }
        return ended;
    }

    @Test
    void oneInviteOpensOneSessionOfTwoStreamsAndTheAnswerMirrorsEveryLine() throws Exception {
        Request invite = mediaServer.invite(BOTH_URI, BOTH_OFFER, Map.of("X-Genesys-CallUUID", "CALL-0002"));
        Response ok = established(invite);

        List<StreamRequest> session = intake.sessions.poll(1, TimeUnit.SECONDS);
        assertNotNull(session);
        assertEquals(2, session.size(), "both streams in one call of the intake");
        assertEquals("7001", session.get(0).dn().value());
        assertTrue(session.get(0).isRecordedParty());
        assertEquals(AudioCodec.PCMU, session.get(0).codec());
        assertEquals(new InetSocketAddress("127.0.0.1", 31000), session.get(0).mediaSource());
        assertEquals("5551234", session.get(1).dn().value());
        assertEquals(AudioCodec.PCMA, session.get(1).codec());
        assertEquals(new InetSocketAddress("127.0.0.1", 31002), session.get(1).mediaSource());
        assertEquals(session.get(0).sipCallId(), session.get(1).sipCallId());
        assertEquals("CALL-0002", session.get(1).callUuid().value());
        assertTrue(intake.sessions.isEmpty());

        List<OfferedMedia> answer = SdpOffer.parse(MediaServerSimulator.body(ok)).media();
        assertEquals(3, answer.size(), "one answer line per offered line");
        assertEquals(InMemoryStreamIntake.FIRST_PORT + 2, answer.get(0).port());
        assertEquals(MediaDirection.RECVONLY, answer.get(0).direction());
        assertEquals("a_leg", answer.get(0).label());
        assertEquals(List.of("0", "101"), answer.get(0).formats());
        assertEquals("video", answer.get(1).mediaType());
        assertEquals(0, answer.get(1).port(), "refused");
        assertEquals(InMemoryStreamIntake.FIRST_PORT + 4, answer.get(2).port(), "its own port");
        assertEquals(MediaDirection.RECVONLY, answer.get(2).direction());
        assertEquals("b_leg", answer.get(2).label());
        assertEquals(List.of("8", "101"), answer.get(2).formats());
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", InMemoryStreamIntake.FIRST_PORT + 2),
                new InetSocketAddress("127.0.0.1", InMemoryStreamIntake.FIRST_PORT + 4)),
                MediaServerSimulator.rtpAddresses(ok));

        bye(invite, ok, 2);
        assertEquals(List.of("stream-1", "stream-2"), ended(2), "BYE ends both streams");
    }

    @Test
    void aReInviteHoldingOneLinePausesOnlyItsStream() throws Exception {
        Request invite = mediaServer.invite(BOTH_URI, BOTH_OFFER);
        Response ok = established(invite);
        String held = BOTH_OFFER.replace("a=label:b_leg\r\na=sendonly", "a=label:b_leg\r\na=inactive");

        String answer = MediaServerSimulator.body(reInvite(invite, ok, 2, held));
        assertTrue(answer.contains("a=label:a_leg\r\na=recvonly"), answer);
        assertTrue(answer.contains("a=label:b_leg\r\na=inactive"), answer);
        assertEquals("stream-2", intake.paused.poll(2, TimeUnit.SECONDS), "the customer's stream is paused");

        reInvite(invite, ok, 3, BOTH_OFFER);
        assertEquals("stream-2", intake.resumed.poll(2, TimeUnit.SECONDS), "and resumed");
        reInvite(invite, ok, 4, BOTH_OFFER.replace("a=sendonly", "a=inactive"));
        assertEquals(List.of("stream-1", "stream-2"), List.of(intake.paused.poll(2, TimeUnit.SECONDS),
                intake.paused.poll(2, TimeUnit.SECONDS)), "a hold of the whole session pauses both");

        bye(invite, ok, 5);
        ended(2);
        assertTrue(intake.paused.isEmpty() && intake.resumed.isEmpty(), "nothing paused or resumed twice");
    }

    @Test
    void aLineOfferedOnHoldIsPausedFromTheStartUntilAReInviteLetsItSend() throws Exception {
        Request invite = mediaServer.invite(BOTH_URI,
                BOTH_OFFER.replace("a=label:b_leg\r\na=sendonly", "a=label:b_leg\r\na=inactive"));
        Response ok = established(invite);
        assertTrue(MediaServerSimulator.body(ok).contains("a=label:b_leg\r\na=inactive"), "answered inactive");
        assertEquals("stream-2", intake.paused.poll(2, TimeUnit.SECONDS));

        reInvite(invite, ok, 2, BOTH_OFFER);
        assertEquals("stream-2", intake.resumed.poll(2, TimeUnit.SECONDS));
        bye(invite, ok, 3);
        ended(2);
    }

    @Test
    void cancelBeforeTheAnswerEndsBothLateStreams() throws Exception {
        CountDownLatch release = intake.holdNextOpen();
        Request invite = mediaServer.invite(BOTH_URI, BOTH_OFFER);
        ClientTransaction transaction = mediaServer.send(invite);
        assertNotNull(mediaServer.await(invite, Response.TRYING));
        Request cancel = transaction.createCancel();
        mediaServer.send(cancel);
        assertNotNull(mediaServer.await(cancel, Response.OK), "200 for the CANCEL");
        assertNotNull(mediaServer.await(invite, Response.REQUEST_TERMINATED), "487 for the INVITE");

        release.countDown();
        assertEquals(List.of("stream-1", "stream-2"), ended(2), "both streams opened after the CANCEL are ended");
        assertNull(mediaServer.await(invite, Response.OK, 300), "no 200 after the 487");
    }

    @Test
    void aCancelForNoInviteIs481() throws Exception {
        Request cancel = mediaServer.request(Request.CANCEL, BOTH_URI, MediaServerSimulator.newCallId(), 1);
        mediaServer.sendStateless(cancel); // JAIN-SIP makes no client transaction for a CANCEL of nothing
        assertNotNull(mediaServer.await(cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST));
        assertTrue(intake.opened.isEmpty());
    }

    @Test
    void theInviteRepeatedWithANewCSeqIsRefusedAndOpensNothing() throws Exception {
        Request invite = mediaServer.invite(BOTH_URI, BOTH_OFFER);
        Response ok = established(invite);
        assertNotNull(intake.sessions.poll(1, TimeUnit.SECONDS));

        Request again = mediaServer.repeated(invite, 2);
        mediaServer.send(again);
        Response refused = mediaServer.await(again, Response.BAD_REQUEST);
        assertNotNull(refused, "refused");
        assertTrue(refused.getReasonPhrase().contains("exists already"), refused.getReasonPhrase());
        mediaServer.sendStateless(invite); // the first INVITE once more, after its transaction: absorbed
        assertNull(mediaServer.await(invite, Response.BAD_REQUEST, 300), "a retransmission is not refused");

        assertTrue(intake.sessions.isEmpty(), "no second session opened");
        assertEquals(1, recorder.activeSessions(), "the session goes on");
        bye(invite, ok, 3);
        assertEquals(List.of("stream-1", "stream-2"), ended(2));
        assertNull(intake.ended.poll(200, TimeUnit.MILLISECONDS), "no stream ended twice");
    }

    @Test
    void anIntakeRefusalOfTheSessionIs503AndLeavesNothingOpen() throws Exception {
        intake.refuseWith(IntakeRefused.Reason.NO_MEDIA_RESOURCES, "no free RTP port for the second stream");
        Request invite = mediaServer.invite(BOTH_URI, BOTH_OFFER);
        mediaServer.send(invite);
        Response refused = mediaServer.await(invite, Response.SERVICE_UNAVAILABLE);
        assertNotNull(refused);
        assertEquals(1, intake.sessions.size(), "one attempt, for both streams");
    }

    @Test
    void aSecondLineWithoutOtherDnOrAThirdLineIsRefusedBeforeTheIntake() throws Exception {
        Request noOtherDn = mediaServer.invite(BOTH_URI.replace(";otherDN=5551234", ""), BOTH_OFFER);
        mediaServer.send(noOtherDn);
        Response missing = mediaServer.await(noOtherDn, Response.BAD_REQUEST);
        assertNotNull(missing);
        assertTrue(missing.getReasonPhrase().contains("otherDN"), missing.getReasonPhrase());

        Request three = mediaServer.invite(BOTH_URI, BOTH_OFFER + "m=audio 31004 RTP/AVP 0\r\na=sendonly\r\n");
        mediaServer.send(three);
        assertNotNull(mediaServer.await(three, Response.NOT_ACCEPTABLE_HERE));

        Request srtp = mediaServer.invite(BOTH_URI, BOTH_OFFER.replace("m=audio 31002 RTP/AVP", "m=audio 31002 RTP/SAVP"));
        mediaServer.send(srtp);
        Response unsupported = mediaServer.await(srtp, Response.NOT_ACCEPTABLE_HERE);
        assertNotNull(unsupported, "one party's line we cannot receive refuses the session");
        assertEquals("Not Acceptable Here: audio transport not supported (only RTP/AVP)", unsupported.getReasonPhrase(),
                "a fixed phrase: the offered transport is named in the log");
        assertTrue(intake.opened.isEmpty());
    }

    @Test
    void aUriParameterLongerThanTheDatabaseKeepsIs400NamingIt() throws Exception {
        Request invite = mediaServer.invite(BOTH_URI + ";note=" + "x".repeat(513), BOTH_OFFER);
        mediaServer.send(invite);
        Response refused = mediaServer.await(invite, Response.BAD_REQUEST);
        assertNotNull(refused);
        assertEquals("Bad Request: invalid parameter in the Request-URI, see the recorder log",
                refused.getReasonPhrase(), "a fixed phrase: the parameter is named in the log");
        assertTrue(intake.opened.isEmpty());
    }

    private static int waitForSessions(int expected) throws InterruptedException {
        return Await.until("sessions left " + expected, Duration.ofSeconds(2), recorder::activeSessions,
                sessions -> sessions == expected);
    }
}
