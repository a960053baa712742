package org.activerecorder.sip;

import org.activerecorder.application.StreamRequest;
import org.activerecorder.sip.sdp.MediaDirection;
import org.activerecorder.sip.sdp.OfferedMedia;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.stack.SipLimits;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;
import org.activerecorder.testsupport.Await;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIPREC sessions (RFC 7866) over real sockets on 127.0.0.1: the recorder's stack with an in-memory stream intake, the
 * shared {@link MediaServerSimulator} playing the Session Recording Client. What is checked is what the SRC sees (an
 * SRS's answer: SDP only, every line recvonly with its label, {@code +sip.srs}, {@code Require: siprec}) and what the
 * intake is asked (the recorded party by the metadata, not by m-line order), and the refusals of bad bodies.
 */
class SiprecSessionSocketTest {

    static final int RECORDER_PORT = FreePort.forSip("127.0.0.1", "udp", "tcp");
    static final String SRS_URI = "sip:srs@127.0.0.1:" + RECORDER_PORT;

    /**
     * The caller, listed first and so the recorded party, sends the stream labelled 2: the SECOND m-line. The callee
     * sends label 1.
     */
    static final String METADATA = """
            <?xml version="1.0" encoding="UTF-8"?>
            <recording xmlns="urn:ietf:params:xml:ns:recording:1">
              <datamode>complete</datamode>
              <session session_id="hVpd7YQgRW2nD22h7q60JQ=="/>
              <participant participant_id="caller"><nameID aor="sip:+15550100001@carrier.example.com"><name>Caller</name></nameID></participant>
              <participant participant_id="callee"><nameID aor="sip:4711@pbx.example.com"/></participant>
              <stream stream_id="from-callee" session_id="hVpd7YQgRW2nD22h7q60JQ=="><label>1</label></stream>
              <stream stream_id="from-caller" session_id="hVpd7YQgRW2nD22h7q60JQ=="><label>2</label></stream>
              <participantstreamassoc participant_id="caller"><send>from-caller</send><recv>from-callee</recv></participantstreamassoc>
              <participantstreamassoc participant_id="callee"><send>from-callee</send><recv>from-caller</recv></participantstreamassoc>
            </recording>""";

    /** RFC 7865's shape of a hold: a partial update, the caller sending nothing any more. */
    static final String CALLER_HOLDS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <recording xmlns="urn:ietf:params:xml:ns:recording:1">
              <datamode>partial</datamode>
              <participantstreamassoc participant_id="caller"><recv>from-callee</recv></participantstreamassoc>
            </recording>""";

    static final InMemoryStreamIntake intake = new InMemoryStreamIntake();
    static ExecutorService executor;
    static RecordingSipService recorder;
    static MediaServerSimulator src;

    @BeforeAll
    static void start() throws Exception {
        executor = Executors.newFixedThreadPool(4);
        SipSettings settings = SipSettings.from(Map.of(
                SipSettings.PORT, Integer.toString(RECORDER_PORT),
                SipSettings.TRANSPORTS, "udp,tcp",
                SipSettings.ALLOWED_PEERS, "127.0.0.1")::get);
        // Messages up to 256 KiB are read (the default is 64 KiB, which would close the TCP connection of the body
        // that is too large before the SIPREC reader could answer it 413).
        SipLimits limits = new SipLimits(2000, 2000, 200, 256 * 1024, 0);
        recorder = RecordingSipService.start(settings, limits, StackProperties.forStack("recorder-siprec", limits),
                intake, executor);
        src = new MediaServerSimulator("127.0.0.1", 0, StackProperties.forStack("siprec-client"), "udp", "tcp");
    }

    @AfterAll
    static void stop() throws Exception {
        src.close();
        recorder.stop();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void reset() throws Exception {
        try {
            assertEquals(0, (int) Await.until("no session left", Duration.ofSeconds(2), recorder::activeSessions,
                    sessions -> sessions == 0), "every test ends its sessions");
        } finally {
            intake.reset();
            src.forget();
        }
    }

    private static String offer(MediaServerSimulator.Direction... directions) {
        return src.offer(List.of(31000, 31002), 1, 1, List.of(directions));
    }

    private static Response established(Request invite) throws Exception {
        src.send(invite);
        Response ok = src.finalResponse(invite);
        assertEquals(Response.OK, ok.getStatusCode(), ok.getReasonPhrase());
        src.ack(invite, ok);
        return ok;
    }

    private static Response reInvite(Request invite, Response ok, long sequence, String body) throws Exception {
        Request reInvite = src.inDialog(Request.INVITE, invite, ok, sequence);
        src.setMultipart(reInvite, body);
        src.send(reInvite);
        Response response = src.finalResponse(reInvite);
        if (response.getStatusCode() == Response.OK) {
            src.ack(reInvite, response);
        }
        return response;
    }

    private static void bye(Request invite, Response ok, long sequence) throws Exception {
        Request bye = src.inDialog(Request.BYE, invite, ok, sequence);
        src.send(bye);
        assertEquals(Response.OK, src.finalResponse(bye).getStatusCode());
        assertEquals(List.of("stream-1", "stream-2"), List.of(intake.ended.poll(2, TimeUnit.SECONDS),
                intake.ended.poll(2, TimeUnit.SECONDS)), "BYE ends both streams");
    }

    @Test
    void aSiprecInviteIsAnsweredAsARecordingServerAndRecordsTheMetadatasPartyLeft() throws Exception {
        Request invite = src.siprecInvite(SRS_URI, offer(MediaServerSimulator.Direction.SENDONLY,
                MediaServerSimulator.Direction.SENDONLY), METADATA, Map.of());
        Response ok = established(invite);

        ContactHeader contact = (ContactHeader) ok.getHeader(ContactHeader.NAME);
        assertTrue(contact.toString().contains("+sip.srs"), contact.toString());
        assertEquals("siprec", ok.getHeader("Require").toString().split(":", 2)[1].strip());
        ContentTypeHeader type = (ContentTypeHeader) ok.getHeader(ContentTypeHeader.NAME);
        assertEquals("application/sdp", type.getContentType() + "/" + type.getContentSubType(), "no metadata back");
        List<OfferedMedia> answer = SdpOffer.parse(MediaServerSimulator.body(ok)).media();
        assertEquals(2, answer.size(), "one answer line per offered line");
        assertEquals(List.of("1", "2"), answer.stream().map(OfferedMedia::label).toList(), "labels echoed");
        assertEquals(List.of(MediaDirection.RECVONLY, MediaDirection.RECVONLY),
                answer.stream().map(OfferedMedia::direction).toList());

        List<StreamRequest> session = intake.sessions.poll(1, TimeUnit.SECONDS);
        assertNotNull(session);
        assertEquals(2, session.size());
        assertFalse(session.get(0).isRecordedParty(), "m-line 1 is the callee's");
        assertEquals("4711", session.get(0).dn().value());
        assertTrue(session.get(1).isRecordedParty(), "m-line 2 is the caller's: the recorded party, left");
        assertEquals("+15550100001", session.get(1).dn().value());
        assertEquals("855a5ded-8420-456d-a70f-6da1eeaeb425", session.get(1).callUuid().value());
        assertEquals("FIRST_PARTICIPANT", session.get(1).attributes().get("siprec.channelRule"));
        assertEquals("SIPREC_SESSION_ID", session.get(1).attributes().get("siprec.identityRule"));

        Response held = reInvite(invite, ok, 2, MediaServerSimulator.multipart(offer(
                MediaServerSimulator.Direction.SENDONLY, MediaServerSimulator.Direction.INACTIVE), CALLER_HOLDS));
        assertEquals(Response.OK, held.getStatusCode(), held.getReasonPhrase());
        assertTrue(MediaServerSimulator.body(held).contains("a=label:2\r\na=inactive"), MediaServerSimulator.body(held));
        assertTrue(held.getHeader(ContactHeader.NAME).toString().contains("+sip.srs"));
        assertEquals("stream-2", intake.paused.poll(2, TimeUnit.SECONDS), "the caller's line is paused");

        bye(invite, ok, 3);
        assertTrue(intake.sessions.isEmpty());
    }

    @Test
    void anInitialOfferOnHoldIsRecordedFromTheReInviteThatLetsItSend() throws Exception {
        Request invite = src.siprecInvite(SRS_URI, offer(MediaServerSimulator.Direction.INACTIVE,
                MediaServerSimulator.Direction.INACTIVE), METADATA, Map.of());
        Response ok = established(invite);
        assertTrue(MediaServerSimulator.body(ok).contains("a=label:1\r\na=inactive"), MediaServerSimulator.body(ok));
        assertEquals(List.of("stream-1", "stream-2"), List.of(intake.paused.poll(2, TimeUnit.SECONDS),
                intake.paused.poll(2, TimeUnit.SECONDS)), "both paused from the start");

        Response sending = reInvite(invite, ok, 2, MediaServerSimulator.multipart(offer(
                MediaServerSimulator.Direction.SENDONLY, MediaServerSimulator.Direction.SENDONLY), METADATA));
        assertEquals(Response.OK, sending.getStatusCode());
        assertEquals(List.of("stream-1", "stream-2"), List.of(intake.resumed.poll(2, TimeUnit.SECONDS),
                intake.resumed.poll(2, TimeUnit.SECONDS)), "both resumed");
        bye(invite, ok, 3);
    }

    @Test
    void withoutMetadataTheFirstMlineIsTheRecordedPartyAndTheRecordingSaysSo() throws Exception {
        Request invite = src.siprecInvite(SRS_URI, offer(MediaServerSimulator.Direction.SENDONLY,
                MediaServerSimulator.Direction.SENDONLY), null, Map.of());
        Response ok = established(invite);
        List<StreamRequest> session = intake.sessions.poll(1, TimeUnit.SECONDS);
        assertNotNull(session);
        assertTrue(session.get(0).isRecordedParty());
        assertFalse(session.get(1).isRecordedParty());
        assertEquals("FIRST_MLINE", session.get(0).attributes().get("siprec.channelRule"));
        bye(invite, ok, 2);
    }

    @Test
    void badBodiesAreRefusedWithFixedPhrasesAndOpenNothing() throws Exception {
        String sdp = offer(MediaServerSimulator.Direction.SENDONLY, MediaServerSimulator.Direction.SENDONLY);

        Request plain = src.siprecInvite(SRS_URI, sdp, null, Map.of());
        plain.setContent("hello", src.headers.createContentTypeHeader("text", "plain"));
        src.send(plain);
        Response unsupported = src.finalResponse(plain);
        assertEquals(Response.UNSUPPORTED_MEDIA_TYPE, unsupported.getStatusCode());
        assertNotNull(unsupported.getHeader("Accept"));

        Request broken = src.siprecInvite(SRS_URI, sdp, "<recording xmlns=\"urn:ietf:params:xml:ns:recording:1\">"
                + "<participant participant_id=\"secret-detail\">", Map.of());
        src.send(broken);
        Response malformed = src.finalResponse(broken);
        assertEquals(Response.BAD_REQUEST, malformed.getStatusCode());
        assertEquals("Bad Request: recording metadata is not well-formed XML", malformed.getReasonPhrase());

        Request huge = src.siprecInvite(SRS_URI + ";transport=tcp", sdp,
                METADATA.replace("<datamode>", "<!--" + "x".repeat(70_000) + "--><datamode>"), Map.of());
        src.send(huge);
        Response tooLarge = src.finalResponse(huge);
        assertEquals(Response.REQUEST_ENTITY_TOO_LARGE, tooLarge.getStatusCode(), tooLarge.getReasonPhrase());

        assertNull(intake.sessions.poll(100, TimeUnit.MILLISECONDS), "nothing opened");
        String line = recorder.counters().line();
        assertTrue(line.startsWith("SIP refusals since start: ") && line.contains("; SIPREC since start: ")
                && line.contains("UNSUPPORTED_BODY=") && !line.contains("UNSUPPORTED_BODY=0"),
                "the SIP counters' one log line carries the SIPREC refusals: " + line);
    }
}
