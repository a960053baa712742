package org.activerecorder.sip;

import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.junit.jupiter.api.Test;

import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two 200 OKs that are never ACKed, as when the ACK is lost: JAIN-SIP retransmits each for 64*T1 (32 s), then asks
 * the recorder. The session whose media never came is ended: the recorder sends the BYE RFC 3261 §13.3.1.4 asks for,
 * and the intake abandons its stream (it releases the port and keeps nothing). The session whose media came is
 * recorded on: still open after the ACK timer, its stream neither abandoned nor ended until the Media Server's BYE,
 * which is answered 200. Both calls run at once: slow by nature (about 33 s).
 */
class UnacknowledgedAnswerSocketTest {

    static final int RECORDER_PORT = FreePort.forSip("127.0.0.1", "udp");

    @Test
    void aLostAckEndsASessionWithoutMediaAndKeepsOneWithMediaUntilItsBye() throws Exception {
        InMemoryStreamIntake intake = new InMemoryStreamIntake();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        SipSettings settings = SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(RECORDER_PORT))::get);
        RecordingSipService recorder = RecordingSipService.start(settings, StackProperties.forStack("recorder-noack"),
                intake, executor);
        try (MediaServerSimulator mediaServer = new MediaServerSimulator("127.0.0.1", 0,
                StackProperties.forStack("media-server-noack"), "udp")) {
            MediaServerSimulator.Session silent = mediaServer.openWithoutAck("127.0.0.1", RECORDER_PORT, "rec-silent",
                    MediaServerSimulator.shapeA("CALL-SILENT", "7001", "7001"), 40000);
            String silentStream = intake.lastStreamId();
            MediaServerSimulator.Session talking = mediaServer.openWithoutAck("127.0.0.1", RECORDER_PORT,
                    "rec-talking", MediaServerSimulator.shapeA("CALL-TALKING", "7002", "7002"), 40002);
            String talkingStream = intake.lastStreamId();
            intake.heard.add(talkingStream); // its RTP came, as the media plane would say
            // no ACK for either

            assertEquals(List.of(silentStream), intake.abandoned.poll(45, TimeUnit.SECONDS),
                    "the silent session's stream is abandoned when JAIN-SIP gives up on its ACK");
            Request bye = mediaServer.awaitRequest(Request.BYE, 5_000);
            assertNotNull(bye, "the recorder ends the silent session with a BYE");
            assertEquals(callId(silent.invite()), callId(bye), "the BYE is the silent session's");
            assertEquals(1, recorder.activeSessions(), "the session whose media came is still open");
            assertTrue(intake.ended.isEmpty(), "nothing ended: the silent stream is abandoned, the other records on");

            assertEquals(Response.OK, mediaServer.bye(talking).getStatusCode(), "the Media Server's BYE is answered");
            assertEquals(talkingStream, intake.ended.poll(5, TimeUnit.SECONDS), "the BYE ends the kept stream");
            assertEquals(0, recorder.activeSessions());
            assertNull(intake.abandoned.poll(), "the kept stream is never abandoned");
            assertNull(mediaServer.awaitRequest(Request.BYE, 0), "no BYE from the recorder for the kept session");
        } finally {
            recorder.stop();
            executor.shutdownNow();
        }
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
