package org.activerecorder.sip;

import org.activerecorder.application.SessionParties;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.recording.StreamParty;
import org.activerecorder.domain.model.recording.StreamSide;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;
import org.activerecorder.testsupport.Await;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.activerecorder.testsupport.sip.MediaServerSimulator.Direction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SIPREC client that sends no metadata with its INVITE, only in a later re-INVITE (real SRCs do): over real sockets
 * on 127.0.0.1, the recorder configured to record DN 4711. The INVITE is recorded by m-line order; the re-INVITE's
 * metadata names 4711 as the sender of the SECOND line, and the intake is told that the sides swap, once.
 */
class SiprecLateMetadataSocketTest {

    static final int RECORDER_PORT = FreePort.forSip("127.0.0.1", "udp");
    static final String SRS_URI = "sip:srs@127.0.0.1:" + RECORDER_PORT;

    /** The caller (listed first) sends label 1, the agent 4711 label 2. */
    static final String METADATA = """
            <?xml version="1.0" encoding="UTF-8"?>
            <recording xmlns="urn:ietf:params:xml:ns:recording:1">
              <datamode>complete</datamode>
              <session session_id="bGF0ZU1ldGFkYXRhU2Vzc2lvbg=="/>
              <participant participant_id="caller"><nameID aor="sip:+15550100001@carrier.example.com"/></participant>
              <participant participant_id="agent"><nameID aor="sip:4711@pbx.example.com"><name>Agent</name></nameID></participant>
              <stream stream_id="from-caller" session_id="bGF0ZU1ldGFkYXRhU2Vzc2lvbg=="><label>1</label></stream>
              <stream stream_id="from-agent" session_id="bGF0ZU1ldGFkYXRhU2Vzc2lvbg=="><label>2</label></stream>
              <participantstreamassoc participant_id="caller"><send>from-caller</send><recv>from-agent</recv></participantstreamassoc>
              <participantstreamassoc participant_id="agent"><send>from-agent</send><recv>from-caller</recv></participantstreamassoc>
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
                SipSettings.TRANSPORTS, "udp",
                SipSettings.ALLOWED_PEERS, "127.0.0.1",
                SipSettings.SIPREC_RECORDED_DNS, "4711")::get);
        recorder = RecordingSipService.start(settings, StackProperties.forStack("recorder-late-metadata"), intake,
                executor);
        src = new MediaServerSimulator("127.0.0.1", 0, StackProperties.forStack("late-metadata-client"), "udp");
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

    private static String offer(Direction first, Direction second) {
        return src.offer(List.of(31000, 31002), 1, 1, List.of(first, second));
    }

    private static Response reInvite(Request invite, Response ok, long sequence, String sdp, String metadata)
            throws Exception {
        Request reInvite = src.inDialog(Request.INVITE, invite, ok, sequence);
        src.setMultipart(reInvite, MediaServerSimulator.multipart(sdp, metadata));
        src.send(reInvite);
        Response response = src.finalResponse(reInvite);
        assertEquals(Response.OK, response.getStatusCode(), response.getReasonPhrase());
        src.ack(reInvite, response);
        return response;
    }

    @Test
    void metadataOnlyInTheReInviteSwapsTheSidesTheMlineOrderHadGuessed() throws Exception {
        Request invite = src.siprecInvite(SRS_URI, offer(Direction.SENDONLY, Direction.SENDONLY), null, Map.of());
        src.send(invite);
        Response ok = src.finalResponse(invite);
        assertEquals(Response.OK, ok.getStatusCode(), ok.getReasonPhrase());
        src.ack(invite, ok);
        List<StreamRequest> opened = intake.sessions.poll(2, TimeUnit.SECONDS);
        assertNotNull(opened);
        assertTrue(opened.get(0).isRecordedParty(), "no metadata: the first m-line is taken for the recorded party");
        assertFalse(opened.get(1).isRecordedParty());
        assertEquals("FIRST_MLINE", opened.get(0).attributes().get("siprec.channelRule"));

        reInvite(invite, ok, 2, offer(Direction.SENDONLY, Direction.SENDONLY), METADATA);

        SessionParties swapped = intake.described.poll(2, TimeUnit.SECONDS);
        assertNotNull(swapped, "the intake is told who is who");
        assertEquals(new Dn("4711"), swapped.recordDn());
        assertEquals(List.of(new StreamParty("stream-1", new Dn("+15550100001"), StreamSide.OTHER_PARTY),
                new StreamParty("stream-2", new Dn("4711"), StreamSide.RECORDED_PARTY)), swapped.streams(),
                "the sides swap: the agent's line, the second, is the recorded party's");
        assertEquals("CONFIGURED_DN", swapped.attributes().get("siprec.channelRule"));
        assertEquals("4711", swapped.attributes().get("siprec.recordedDn"));
        assertTrue(swapped.attributes().get("siprec.channelsCorrected").contains("by a metadata update in re-INVITE"),
                swapped.attributes().toString());

        // The same document again, then a hold: the hold queue is ordered, so a second description would be first.
        reInvite(invite, ok, 3, offer(Direction.SENDONLY, Direction.SENDONLY), METADATA);
        reInvite(invite, ok, 4, offer(Direction.INACTIVE, Direction.SENDONLY), METADATA);
        assertEquals("stream-1", intake.paused.poll(2, TimeUnit.SECONDS));
        assertTrue(intake.described.isEmpty(), "the same metadata again corrects nothing: " + intake.described);

        Request bye = src.inDialog(Request.BYE, invite, ok, 5);
        src.send(bye);
        assertEquals(Response.OK, src.finalResponse(bye).getStatusCode());
        assertEquals(List.of("stream-1", "stream-2"), List.of(intake.ended.poll(2, TimeUnit.SECONDS),
                intake.ended.poll(2, TimeUnit.SECONDS)));
    }
    /**
     * An SRC that sends its metadata in an UPDATE while the recorder still opens the streams: the recorder has sent it
     * only a 100 Trying without a To tag, so there is no early dialog to send an UPDATE in (RFC 3261 §12.1, RFC 3311
     * §5.1) and the UPDATE, which cannot name the recorder's tag, is answered 481: the SRC knows its update did not
     * reach the recording, the streams open with the INVITE's channels, and the metadata sent again in the dialog
     * corrects them. (Were an update to reach a session whose streams are still opening, the session carries it to them
     * once they are open: {@code RecordingSessionTest}.)
     */
    @Test
    void anUpdateBeforeOurAnswerHasNoDialogIs481AndTheMetadataSentAgainCorrectsTheChannels() throws Exception {
        java.util.concurrent.CountDownLatch opening = intake.holdNextOpen();
        Request invite = src.siprecInvite(SRS_URI, offer(Direction.SENDONLY, Direction.SENDONLY), null, Map.of());
        src.send(invite);
        assertNotNull(intake.sessions.poll(2, TimeUnit.SECONDS), "the streams are opening");

        Request early = src.messages.createRequest(invite.getRequestURI(), Request.UPDATE,
                (javax.sip.header.CallIdHeader) invite.getHeader(javax.sip.header.CallIdHeader.NAME),
                src.headers.createCSeqHeader(2, Request.UPDATE),
                (javax.sip.header.FromHeader) invite.getHeader(javax.sip.header.FromHeader.NAME),
                (javax.sip.header.ToHeader) invite.getHeader(javax.sip.header.ToHeader.NAME),
                List.of(src.headers.createViaHeader("127.0.0.1", src.port(), "udp", null)),
                src.headers.createMaxForwardsHeader(70));
        src.setMultipart(early, MediaServerSimulator.multipart(offer(Direction.SENDONLY, Direction.SENDONLY), METADATA));
        src.send(early);
        Response refused = src.finalResponse(early);
        assertEquals(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, refused.getStatusCode(), refused.getReasonPhrase());

        opening.countDown();
        Response ok = src.finalResponse(invite);
        assertEquals(Response.OK, ok.getStatusCode(), ok.getReasonPhrase());
        src.ack(invite, ok);
        reInvite(invite, ok, 3, offer(Direction.INACTIVE, Direction.SENDONLY), METADATA);
        SessionParties swapped = intake.described.poll(2, TimeUnit.SECONDS);
        assertNotNull(swapped, "the metadata sent again in the dialog reaches the recording");
        assertEquals(List.of(new StreamParty("stream-1", new Dn("+15550100001"), StreamSide.OTHER_PARTY),
                new StreamParty("stream-2", new Dn("4711"), StreamSide.RECORDED_PARTY)), swapped.streams());
        assertEquals("stream-1", intake.paused.poll(2, TimeUnit.SECONDS));
        assertTrue(intake.described.isEmpty(), "told once: " + intake.described);
        bye(invite, ok, 4);
    }

    /** An opening held by the intake and no metadata update meanwhile: the opened streams are told nothing. */
    @Test
    void aSlowOpeningWithoutAnUpdateDescribesNothing() throws Exception {
        java.util.concurrent.CountDownLatch opening = intake.holdNextOpen();
        Request invite = src.siprecInvite(SRS_URI, offer(Direction.SENDONLY, Direction.SENDONLY), METADATA, Map.of());
        src.send(invite);
        List<StreamRequest> opened = intake.sessions.poll(2, TimeUnit.SECONDS);
        assertNotNull(opened, "the streams are opening");
        assertTrue(opened.get(1).isRecordedParty(), "the INVITE's metadata: 4711 sends the second line");
        opening.countDown();
        Response ok = src.finalResponse(invite);
        assertEquals(Response.OK, ok.getStatusCode(), ok.getReasonPhrase());
        src.ack(invite, ok);

        // The hold queue is ordered: a description queued by the opening would come before this pause.
        reInvite(invite, ok, 2, offer(Direction.INACTIVE, Direction.SENDONLY), METADATA);
        assertEquals("stream-1", intake.paused.poll(2, TimeUnit.SECONDS));
        assertTrue(intake.described.isEmpty(), "nothing changed, nothing told: " + intake.described);
        bye(invite, ok, 3);
    }

    private static void bye(Request invite, Response ok, long sequence) throws Exception {
        Request bye = src.inDialog(Request.BYE, invite, ok, sequence);
        src.send(bye);
        assertEquals(Response.OK, src.finalResponse(bye).getStatusCode());
        assertEquals(List.of("stream-1", "stream-2"), List.of(intake.ended.poll(2, TimeUnit.SECONDS),
                intake.ended.poll(2, TimeUnit.SECONDS)));
    }
}
