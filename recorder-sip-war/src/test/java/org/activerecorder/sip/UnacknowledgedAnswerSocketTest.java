package org.activerecorder.sip;

import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.activerecorder.sip.stack.StackProperties;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 200 OK that is never ACKed: JAIN-SIP retransmits it for 64*T1 (32 s), then ends the dialog, and the
 * recorder must abandon the stream then rather than wait for a BYE: the intake releases its port and keeps it only
 * if media came. Slow by nature (about 33 s).
 */
class UnacknowledgedAnswerSocketTest {

    static final int RECORDER_PORT = FreePort.forSip("127.0.0.1", "udp");

    @Test
    void aNeverAcknowledgedAnswerEndsTheStream() throws Exception {
        InMemoryStreamIntake intake = new InMemoryStreamIntake();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        SipSettings settings = SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(RECORDER_PORT))::get);
        RecordingSipService recorder = RecordingSipService.start(settings, StackProperties.forStack("recorder-noack"),
                intake, executor);
        try (MediaServerSimulator mediaServer = new MediaServerSimulator("127.0.0.1", 0,
                StackProperties.forStack("media-server-noack"), "udp")) {
            Request invite = mediaServer.invite(RecordingSipServiceSocketTest.RECORD_URI
                    .replace(":" + RecordingSipServiceSocketTest.RECORDER_PORT, ":" + RECORDER_PORT),
                    RecordingSipServiceSocketTest.GENESYS_OFFER);
            mediaServer.send(invite);
            assertNotNull(mediaServer.await(invite, Response.OK), "200 OK");
            // no ACK
            assertEquals(List.of(intake.lastStreamId()), intake.abandoned.poll(45, TimeUnit.SECONDS),
                    "the stream is abandoned when JAIN-SIP gives up on the ACK");
            assertEquals(0, recorder.activeSessions());
            assertTrue(intake.ended.isEmpty(), "abandoned, not ended: the intake keeps it only if media came");
        } finally {
            recorder.stop();
            executor.shutdownNow();
        }
    }
}
