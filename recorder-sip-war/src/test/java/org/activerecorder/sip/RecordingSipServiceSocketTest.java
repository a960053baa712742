package org.activerecorder.sip;

import org.activerecorder.application.IntakeRefused;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.sip.sdp.MediaDirection;
import org.activerecorder.sip.sdp.OfferedMedia;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.testsupport.Await;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.activerecorder.sip.stack.StackProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sip.ClientTransaction;
import javax.sip.header.AllowHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.WarningHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetSocketAddress;
import java.time.Duration;
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
 * The SIP service over real sockets on 127.0.0.1: the recorder's stack on a free port with an in-memory stream
 * intake, the shared {@link MediaServerSimulator} on a free port playing the Media Server.
 */
class RecordingSipServiceSocketTest {

    static final int RECORDER_PORT = FreePort.forSip("127.0.0.1", "udp");
    static final String RECORD_URI = "sip:record=rec-1@127.0.0.1:" + RECORDER_PORT
            + ";calluuid=CALL-0001;dn=7001;recordDN=7001;site=paris";

    static final String GENESYS_OFFER = String.join("\r\n",
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
            "a=ptime:20",
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
        recorder = RecordingSipService.start(settings, StackProperties.forStack("recorder-under-test"), intake, executor);
        mediaServer = new MediaServerSimulator("127.0.0.1", 0, StackProperties.forStack("media-server"), "udp", "tcp");
    }

    @AfterAll
    static void stop() throws Exception {
        mediaServer.close();
        recorder.stop();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void reset() {
        intake.reset();
        mediaServer.forget();
    }

    /** Sends an INVITE and returns its 200 OK, checking the 100 Trying on the way. */
    private Response established(Request invite) throws Exception {
        mediaServer.send(invite);
        assertNotNull(mediaServer.await(invite, Response.TRYING), "100 Trying");
        Response ok = mediaServer.await(invite, Response.OK);
        assertNotNull(ok, "200 OK");
        return ok;
    }

    @Test
    void inviteAckByeRecordsOneStream() throws Exception {
        Request invite = mediaServer.invite(RECORD_URI, GENESYS_OFFER, Map.of("X-Genesys-CallUUID", "CALL-0001"));
        Response ok = established(invite);

        StreamRequest asked = intake.opened.poll(1, TimeUnit.SECONDS);
        assertNotNull(asked);
        assertEquals("rec-1", asked.requestId().value());
        assertEquals("CALL-0001", asked.callUuid().value());
        assertEquals("7001", asked.dn().value());
        assertEquals(Map.of("site", "paris"), asked.attributes());
        assertEquals(AudioCodec.PCMU, asked.codec());
        assertEquals(new InetSocketAddress("127.0.0.1", 31000), asked.mediaSource());
        assertEquals(101, asked.telephoneEventPayloadType());

        assertNotNull(MediaServerSimulator.toTag(ok), "200 OK carries our To tag");
        assertNotNull(ok.getHeader(ContactHeader.NAME), "200 OK carries a Contact");
        assertEquals("application/sdp", ok.getHeader("Content-Type").toString().split(":", 2)[1].trim());
        OfferedMedia answer = SdpOffer.parse(MediaServerSimulator.body(ok)).media().get(0);
        assertEquals(intake.lastPort(), answer.port(), "the answer carries the port the intake returned");
        assertEquals("127.0.0.1", answer.connectionAddress());
        assertEquals(java.util.List.of("0", "101"), answer.formats(), "PCMU, and DTMF as telephone events");
        assertEquals(MediaDirection.RECVONLY, answer.direction());

        mediaServer.ack(invite, ok);
        String streamId = intake.lastStreamId();
        Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 2);
        mediaServer.send(bye);
        assertNotNull(mediaServer.await(bye, Response.OK), "200 OK to BYE");
        assertEquals(streamId, intake.ended.poll(2, TimeUnit.SECONDS), "endStream with the stream's id");
        assertEquals(0, waitForSessions(0));
    }

    @Test
    void aWidebandOfferIsRecordedInItsWidebandCodecWithEventsAtItsClock() throws Exception {
        String wideband = GENESYS_OFFER.replace("RTP/AVP 0 8 101", "RTP/AVP 0 98 8 9 101 102")
                .replace("a=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:8 PCMA/8000\r\na=rtpmap:98 L16/16000\r\n"
                        + "a=rtpmap:102 telephone-event/16000\r\n");
        Request invite = mediaServer.invite(RECORD_URI, wideband);
        Response ok = established(invite);

        StreamRequest asked = intake.opened.poll(1, TimeUnit.SECONDS);
        assertNotNull(asked);
        assertEquals(AudioCodec.L16_16000, asked.codec(), "lossless wideband records best");
        assertEquals(98, asked.payloadType());
        assertEquals(102, asked.telephoneEventPayloadType());
        OfferedMedia answer = SdpOffer.parse(MediaServerSimulator.body(ok)).media().get(0);
        assertEquals(java.util.List.of("98", "102"), answer.formats());
        assertEquals("L16/16000", answer.rtpMaps().get(98));
        assertEquals("telephone-event/16000", answer.rtpMaps().get(102));
        mediaServer.ack(invite, ok);
        Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 2);
        mediaServer.send(bye);
        assertNotNull(mediaServer.await(bye, Response.OK));
        assertEquals(0, waitForSessions(0));
    }

    @Test
    void byeForAnUnknownDialogIs481() throws Exception {
        Request bye = mediaServer.request(Request.BYE, RECORD_URI, MediaServerSimulator.newCallId(), 2);
        bye.setHeader(mediaServer.headers.createToHeader(mediaServer.addresses.createAddress(RECORD_URI), "nosuchtag"));
        mediaServer.send(bye);
        assertNotNull(mediaServer.await(bye, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST));
        assertNull(intake.ended.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void byeWithAWrongTagForAKnownCallIs481AndKeepsTheSession() throws Exception {
        Request invite = mediaServer.invite(RECORD_URI, GENESYS_OFFER);
        Response ok = established(invite);
        mediaServer.ack(invite, ok);
        Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 2);
        bye.setHeader(mediaServer.headers.createToHeader(mediaServer.addresses.createAddress(RECORD_URI), "wrong"));
        mediaServer.send(bye);
        assertNotNull(mediaServer.await(bye, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST));
        assertNull(intake.ended.poll(200, TimeUnit.MILLISECONDS));

        Request realBye = mediaServer.inDialog(Request.BYE, invite, ok, 3);
        mediaServer.send(realBye);
        assertNotNull(mediaServer.await(realBye, Response.OK));
        assertNotNull(intake.ended.poll(2, TimeUnit.SECONDS));
    }

    @Test
    void optionsIs200WithAllowAndAccept() throws Exception {
        Request options = mediaServer.request(Request.OPTIONS, "sip:127.0.0.1:" + RECORDER_PORT,
                MediaServerSimulator.newCallId(), 1);
        mediaServer.send(options);
        Response ok = mediaServer.await(options, Response.OK);
        assertNotNull(ok);
        assertTrue(ok.getHeaders(AllowHeader.NAME).hasNext(), "Allow");
        assertTrue(ok.toString().contains("Allow: INVITE"), ok.toString());
        assertTrue(ok.toString().contains("Accept: application/sdp"), ok.toString());
    }

    @Test
    void aUriThatIsNotARecordingRequestIs404() throws Exception {
        Request invite = mediaServer.invite("sip:agent7001@127.0.0.1:" + RECORDER_PORT, GENESYS_OFFER);
        mediaServer.send(invite);
        Response notFound = mediaServer.await(invite, Response.NOT_FOUND);
        assertNotNull(notFound);
        assertTrue(notFound.getReasonPhrase().contains("not a recording request"), notFound.getReasonPhrase());
        assertTrue(intake.opened.isEmpty());
    }

    @Test
    void malformedUriParametersAre400NamingTheParameter() throws Exception {
        Request invite = mediaServer.invite("sip:record=rec-1@127.0.0.1:" + RECORDER_PORT + ";calluuid=CALL-1;dn=7001",
                GENESYS_OFFER);
        mediaServer.send(invite);
        Response bad = mediaServer.await(invite, Response.BAD_REQUEST);
        assertNotNull(bad);
        assertTrue(bad.getReasonPhrase().contains("recordDN"), bad.getReasonPhrase());
        assertTrue(intake.opened.isEmpty());
    }

    @Test
    void disagreeingGenesysCallUuidIs400() throws Exception {
        Request invite = mediaServer.invite(RECORD_URI, GENESYS_OFFER, Map.of("X-Genesys-CallUUID", "CALL-9999"));
        mediaServer.send(invite);
        Response bad = mediaServer.await(invite, Response.BAD_REQUEST);
        assertNotNull(bad);
        assertEquals("Bad Request: call UUID header disagrees with the Request-URI calluuid", bad.getReasonPhrase(),
                "a fixed phrase: both values are in the log");
    }

    @Test
    void noSupportedCodecIs488WithWarning() throws Exception {
        String g729 = GENESYS_OFFER.replace("RTP/AVP 0 8 101", "RTP/AVP 18 101")
                .replace("a=rtpmap:0 PCMU/8000\r\n", "a=rtpmap:18 G729/8000\r\n")
                .replace("a=rtpmap:8 PCMA/8000\r\n", "");
        Request invite = mediaServer.invite(RECORD_URI, g729);
        mediaServer.send(invite);
        Response refused = mediaServer.await(invite, Response.NOT_ACCEPTABLE_HERE);
        assertNotNull(refused);
        assertTrue(refused.getReasonPhrase().contains("no supported audio codec offered (L16/16000, G722/8000, opus/48000/2, L16/8000, PCMU/8000, PCMA/8000)"),
                refused.getReasonPhrase());
        WarningHeader warning = (WarningHeader) refused.getHeader(WarningHeader.NAME);
        assertNotNull(warning);
        assertEquals(305, warning.getCode());
        assertTrue(intake.opened.isEmpty());
    }

    @Test
    void wrongContentTypeIs415WithAccept() throws Exception {
        Request invite = mediaServer.invite(RECORD_URI, null);
        invite.setContent("--b--\r\n", mediaServer.headers.createContentTypeHeader("multipart", "mixed"));
        mediaServer.send(invite);
        Response refused = mediaServer.await(invite, Response.UNSUPPORTED_MEDIA_TYPE);
        assertNotNull(refused);
        assertTrue(refused.toString().contains("Accept: application/sdp"), refused.toString());
    }

    @Test
    void noMediaResourcesIs503WithRetryAfter() throws Exception {
        intake.refuseWith(IntakeRefused.Reason.NO_MEDIA_RESOURCES, "no free RTP port");
        Request invite = mediaServer.invite(RECORD_URI, GENESYS_OFFER);
        mediaServer.send(invite);
        Response refused = mediaServer.await(invite, Response.SERVICE_UNAVAILABLE);
        assertNotNull(refused);
        assertNotNull(refused.getHeader(RetryAfterHeader.NAME));
        assertEquals(0, waitForSessions(0), "a refused session leaves no state");
    }

    @Test
    void aRetransmittedInviteOpensNoSecondStream() throws Exception {
        Request invite = mediaServer.invite(RECORD_URI, GENESYS_OFFER);
        mediaServer.send(invite);
        mediaServer.sendStateless(invite);
        Response ok = mediaServer.await(invite, Response.OK);
        assertNotNull(ok);
        mediaServer.sendStateless(invite); // after the 200 OK, before the ACK
        Thread.sleep(300);
        mediaServer.ack(invite, ok);
        Thread.sleep(200);
        assertEquals(1, intake.opened.size(), "one INVITE, one stream");
        Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 2);
        mediaServer.send(bye);
        assertNotNull(mediaServer.await(bye, Response.OK));
    }

    @Test
    void cancelBeforeTheAnswerGives487AndEndsTheLateStream() throws Exception {
        CountDownLatch release = intake.holdNextOpen();
        Request invite = mediaServer.invite(RECORD_URI, GENESYS_OFFER);
        ClientTransaction transaction = mediaServer.send(invite);
        assertNotNull(mediaServer.await(invite, Response.TRYING));
        Request cancel = transaction.createCancel();
        mediaServer.send(cancel);
        assertNotNull(mediaServer.await(cancel, Response.OK), "200 for the CANCEL");
        assertNotNull(mediaServer.await(invite, Response.REQUEST_TERMINATED), "487 for the INVITE");

        release.countDown();
        String lateStream = intake.ended.poll(2, TimeUnit.SECONDS);
        assertEquals(intake.lastStreamId(), lateStream, "the stream opened after the CANCEL is ended");
        assertNull(mediaServer.await(invite, Response.OK, 300), "no 200 after the 487");
        assertEquals(0, waitForSessions(0));
    }

    /** A re-INVITE in the session's dialog with the given SDP body (none when null). */
    private Response reInvite(Request invite, Response ok, long sequence, String sdp) throws Exception {
        Request reInvite = mediaServer.inDialog(Request.INVITE, invite, ok, sequence);
        if (sdp != null) {
            reInvite.setContent(sdp, mediaServer.headers.createContentTypeHeader("application", "sdp"));
        }
        mediaServer.send(reInvite);
        Response reOk = mediaServer.await(reInvite, Response.OK);
        assertNotNull(reOk, "200 OK to re-INVITE " + sequence);
        mediaServer.ack(reInvite, reOk);
        return reOk;
    }

    @Test
    void reInviteWithTheSameOfferGetsTheSameAnswer() throws Exception {
        Request invite = mediaServer.invite(RECORD_URI, GENESYS_OFFER);
        Response ok = established(invite);
        mediaServer.ack(invite, ok);
        assertEquals(MediaServerSimulator.body(ok), MediaServerSimulator.body(reInvite(invite, ok, 2, GENESYS_OFFER)),
                "unchanged, o= version included");
        assertEquals(MediaServerSimulator.body(ok), MediaServerSimulator.body(reInvite(invite, ok, 3, null)),
                "an offerless re-INVITE gets our answer as the offer");
        assertEquals(1, intake.opened.size());
        Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 4);
        mediaServer.send(bye);
        assertNotNull(mediaServer.await(bye, Response.OK));
        assertNotNull(intake.ended.poll(2, TimeUnit.SECONDS));
        assertTrue(intake.paused.isEmpty() && intake.resumed.isEmpty(), "no hold, no pause");
    }

    @Test
    void anInactiveReInvitePausesTheStreamAndASendonlyOneResumesIt() throws Exception {
        Request invite = mediaServer.invite(RECORD_URI, GENESYS_OFFER);
        Response ok = established(invite);
        mediaServer.ack(invite, ok);
        String streamId = intake.lastStreamId();
        String first = MediaServerSimulator.body(ok);
        String origin = first.lines().filter(line -> line.startsWith("o=")).findFirst().orElseThrow();

        String held = MediaServerSimulator.body(reInvite(invite, ok, 2, GENESYS_OFFER.replace("a=sendonly", "a=inactive")));
        assertEquals(first.replace("a=recvonly", "a=inactive").replace(origin, origin.replace(" 1 IN ", " 2 IN ")), held,
                "answered inactive, version 2, same session id, port and formats");
        assertEquals(streamId, intake.paused.poll(2, TimeUnit.SECONDS), "the stream is paused");

        assertEquals(held, MediaServerSimulator.body(reInvite(invite, ok, 3, GENESYS_OFFER.replace("a=sendonly", "a=recvonly"))),
                "recvonly is a hold too: nothing changes, not even the version");

        String resumed = MediaServerSimulator.body(reInvite(invite, ok, 4, GENESYS_OFFER));
        assertEquals(first.replace(origin, origin.replace(" 1 IN ", " 3 IN ")), resumed, "recvonly again, version 3");
        assertEquals(streamId, intake.resumed.poll(2, TimeUnit.SECONDS), "the stream is resumed");
        // pauses and resumes reach the intake in order: a second pause would have come before the resume
        assertTrue(intake.paused.isEmpty(), "the repeated hold paused nothing");

        Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 5);
        mediaServer.send(bye);
        assertNotNull(mediaServer.await(bye, Response.OK));
        assertEquals(streamId, intake.ended.poll(2, TimeUnit.SECONDS));
    }

    @Test
    void aReInviteThatDropsTheRecordedCodecIs488AndTheSessionGoesOn() throws Exception {
        Request invite = mediaServer.invite(RECORD_URI, GENESYS_OFFER);
        Response ok = established(invite);
        mediaServer.ack(invite, ok);
        Request reInvite = mediaServer.inDialog(Request.INVITE, invite, ok, 2);
        reInvite.setContent(GENESYS_OFFER.replace("RTP/AVP 0 8 101", "RTP/AVP 8 101").replace("a=sendonly", "a=inactive"),
                mediaServer.headers.createContentTypeHeader("application", "sdp"));
        mediaServer.send(reInvite);
        Response refused = mediaServer.await(reInvite, Response.NOT_ACCEPTABLE_HERE);
        assertNotNull(refused);
        assertEquals("Not Acceptable Here: re-offer changes the recorded audio stream", refused.getReasonPhrase(),
                "a fixed phrase: the codec is named in the log");

        assertEquals(MediaServerSimulator.body(ok), MediaServerSimulator.body(reInvite(invite, ok, 3, GENESYS_OFFER)),
                "the session is as it was");
        Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 4);
        mediaServer.send(bye);
        assertNotNull(mediaServer.await(bye, Response.OK));
        assertNotNull(intake.ended.poll(2, TimeUnit.SECONDS));
        assertTrue(intake.paused.isEmpty(), "the refused hold paused nothing");
    }

    @Test
    void otherMethodsAre405OrUnknownOnes501() throws Exception {
        Request message = mediaServer.request(Request.MESSAGE, "sip:127.0.0.1:" + RECORDER_PORT,
                MediaServerSimulator.newCallId(), 1);
        mediaServer.send(message);
        Response notAllowed = mediaServer.await(message, Response.METHOD_NOT_ALLOWED);
        assertNotNull(notAllowed);
        assertTrue(notAllowed.toString().contains("Allow: INVITE"), notAllowed.toString());

        Request unknown = mediaServer.request("FROBNICATE", "sip:127.0.0.1:" + RECORDER_PORT,
                MediaServerSimulator.newCallId(), 1);
        mediaServer.send(unknown);
        assertNotNull(mediaServer.await(unknown, Response.NOT_IMPLEMENTED));
    }

    @Test
    void aDisallowedPeerIsForbidden() throws Exception {
        int port = FreePort.forSip("127.0.0.1", "udp");
        SipSettings strict = SipSettings.from(Map.of(
                SipSettings.PORT, Integer.toString(port),
                SipSettings.ALLOWED_PEERS, "192.0.2.1")::get);
        RecordingSipService guarded = RecordingSipService.start(strict, StackProperties.forStack("recorder-strict"),
                intake, executor);
        try {
            Request invite = mediaServer.invite(RECORD_URI.replace(":" + RECORDER_PORT, ":" + port),
                    GENESYS_OFFER);
            mediaServer.send(invite);
            Response forbidden = mediaServer.await(invite, Response.FORBIDDEN);
            assertNotNull(forbidden);
            assertTrue(forbidden.getReasonPhrase().contains("127.0.0.1"), forbidden.getReasonPhrase());
            Request options = mediaServer.request(Request.OPTIONS, "sip:127.0.0.1:" + port,
                    MediaServerSimulator.newCallId(), 1);
            mediaServer.send(options);
            assertNotNull(mediaServer.await(options, Response.FORBIDDEN));
            assertTrue(intake.opened.isEmpty());
        } finally {
            guarded.stop();
        }
    }

    @Test
    void tcpWorksWhenConfigured() throws Exception {
        int port = FreePort.forSip("127.0.0.1", "udp", "tcp");
        SipSettings both = SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(port),
                SipSettings.TRANSPORTS, "udp,tcp", SipSettings.ALLOWED_PEERS, "127.0.0.1")::get);
        RecordingSipService dual = RecordingSipService.start(both, StackProperties.forStack("recorder-tcp"), intake, executor);
        try {
            Request invite = mediaServer.invite(RECORD_URI.replace(":" + RECORDER_PORT, ":" + port) + ";transport=tcp",
                    GENESYS_OFFER);
            Response ok = established(invite);
            ContactHeader contact = (ContactHeader) ok.getHeader(ContactHeader.NAME);
            assertEquals("tcp", ((javax.sip.address.SipURI) contact.getAddress().getURI()).getTransportParam(),
                    "the Contact names the transport the INVITE came on");
            Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 2);
            mediaServer.send(bye);
            assertNotNull(mediaServer.await(bye, Response.OK));
            assertNotNull(intake.ended.poll(2, TimeUnit.SECONDS));
        } finally {
            dual.stop();
        }
    }

    @Test
    void anExecutorThatRefusesWorkGives503() throws Exception {
        int port = FreePort.forSip("127.0.0.1", "udp");
        SipSettings settings = SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(port),
                SipSettings.ALLOWED_PEERS, "127.0.0.1")::get);
        RecordingSipService overloaded = RecordingSipService.start(settings, StackProperties.forStack("recorder-busy"),
                intake, task -> {
                    throw new java.util.concurrent.RejectedExecutionException("queue full");
                });
        try {
            Request invite = mediaServer.invite(RECORD_URI.replace(":" + RECORDER_PORT, ":" + port), GENESYS_OFFER);
            mediaServer.send(invite);
            Response busy = mediaServer.await(invite, Response.SERVICE_UNAVAILABLE);
            assertNotNull(busy);
            assertNotNull(busy.getHeader(RetryAfterHeader.NAME));
            assertEquals(0, overloaded.activeSessions());
            // let the ACK for the 503 arrive: JAIN-SIP's stop interrupts a packet in processing, noisily
            Thread.sleep(200);
        } finally {
            overloaded.stop();
        }
    }

    private static int waitForSessions(int expected) throws InterruptedException {
        return Await.until("sessions left " + expected, Duration.ofSeconds(2), recorder::activeSessions,
                sessions -> sessions == expected);
    }
}
