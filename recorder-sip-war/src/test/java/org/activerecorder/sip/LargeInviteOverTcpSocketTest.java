package org.activerecorder.sip;

import org.activerecorder.application.StreamRequest;
import org.activerecorder.sip.stack.SipLimits;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session whose INVITE is far too large for a datagram (a 20 KB body, as SIPREC clients send with metadata) works
 * over TCP end to end with the default limits: answered, its stream opened as offered, ended by BYE.
 */
class LargeInviteOverTcpSocketTest {

    @Test
    void aTwentyKilobyteInviteOverTcpOpensAndEndsASession() throws Exception {
        InMemoryStreamIntake intake = new InMemoryStreamIntake();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        int port = FreePort.forSip("127.0.0.1", "udp", "tcp");
        SipSettings settings = SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(port),
                SipSettings.TRANSPORTS, "udp,tcp", SipSettings.ALLOWED_PEERS, "127.0.0.1")::get);
        RecordingSipService recorder = RecordingSipService.start(settings, SipLimits.DEFAULTS,
                StackProperties.forStack("recorder-large", SipLimits.DEFAULTS), intake, executor);
        try (MediaServerSimulator mediaServer = new MediaServerSimulator("127.0.0.1", 0,
                StackProperties.forStack("ms-large"), "udp", "tcp")) {
            StringBuilder offer = new StringBuilder(RecordingSipServiceSocketTest.GENESYS_OFFER);
            for (int line = 0; offer.length() < 20_000; line++) {
                offer.append("a=x-padding-").append(line).append(':').append("p".repeat(90)).append("\r\n");
            }
            String uri = RecordingSipServiceSocketTest.RECORD_URI.replace(":" + RecordingSipServiceSocketTest.RECORDER_PORT,
                    ":" + port) + ";transport=tcp";
            Request invite = mediaServer.invite(uri, offer.toString());
            assertTrue(invite.toString().length() > 20_000, "the INVITE is over 20 KB: " + invite.toString().length());

            mediaServer.send(invite);
            Response ok = mediaServer.await(invite, Response.OK, 10_000);
            assertNotNull(ok, "200 OK over TCP");
            StreamRequest asked = intake.opened.poll(1, TimeUnit.SECONDS);
            assertNotNull(asked);
            assertEquals(new InetSocketAddress("127.0.0.1", 31000), asked.mediaSource(), "the offer was read whole");
            assertEquals(intake.lastPort(), MediaServerSimulator.rtpAddress(ok).getPort());

            mediaServer.ack(invite, ok);
            Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 2);
            mediaServer.send(bye);
            assertNotNull(mediaServer.await(bye, Response.OK), "200 OK to BYE");
            assertEquals(intake.lastStreamId(), intake.ended.poll(2, TimeUnit.SECONDS));
        } finally {
            recorder.stop();
            executor.shutdownNow();
        }
    }
}
