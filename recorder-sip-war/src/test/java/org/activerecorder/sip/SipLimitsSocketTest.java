package org.activerecorder.sip;

import org.activerecorder.sip.admission.SipCounters;
import org.activerecorder.sip.stack.SipLimits;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;
import org.activerecorder.testsupport.Await;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admission limits over real sockets: each limit answers 503 with Retry-After and its own fixed phrase, at once,
 * counts the refusal, and lets sessions in again when room is made; a full work queue never holds up the end of
 * a session; a peer not allowed is refused with 403 and counted.
 */
class SipLimitsSocketTest {

    private final InMemoryStreamIntake intake = new InMemoryStreamIntake();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private RecordingSipService recorder;
    private MediaServerSimulator mediaServer;
    private MediaServerSimulator otherPeer;
    private int port;

    private void start(String allowedPeers, Map<String, String> limitSettings) throws Exception {
        port = FreePort.forSip("127.0.0.1", "udp");
        SipSettings settings = SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(port),
                SipSettings.ALLOWED_PEERS, allowedPeers)::get);
        SipLimits limits = SipLimits.from(limitSettings::get);
        recorder = RecordingSipService.start(settings, limits, StackProperties.forStack("recorder-limits", limits),
                intake, executor);
        mediaServer = new MediaServerSimulator("127.0.0.1", 0, StackProperties.forStack("ms-limits"), "udp");
    }

    @AfterEach
    void stop() throws Exception {
        intake.reset();
        if (otherPeer != null) {
            otherPeer.close();
        }
        if (mediaServer != null) {
            mediaServer.close();
        }
        if (recorder != null) {
            recorder.stop();
        }
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private String uri(String recordId) {
        return RecordingSipServiceSocketTest.RECORD_URI.replace(":" + RecordingSipServiceSocketTest.RECORDER_PORT,
                ":" + port).replace("rec-1", recordId);
    }

    private Request established(MediaServerSimulator from, String recordId) throws Exception {
        Request invite = from.invite(uri(recordId), RecordingSipServiceSocketTest.GENESYS_OFFER);
        from.send(invite);
        Response ok = from.await(invite, Response.OK);
        assertNotNull(ok, "200 OK for " + recordId);
        from.ack(invite, ok);
        return invite;
    }

    private Response refusedAtOnce(MediaServerSimulator from, String recordId) throws Exception {
        Request invite = from.invite(uri(recordId), RecordingSipServiceSocketTest.GENESYS_OFFER);
        from.send(invite);
        Response refused = from.await(invite, Response.SERVICE_UNAVAILABLE);
        assertNotNull(refused, "503 for " + recordId);
        RetryAfterHeader retryAfter = (RetryAfterHeader) refused.getHeader(RetryAfterHeader.NAME);
        assertNotNull(retryAfter, "503 carries Retry-After");
        assertTrue(retryAfter.getRetryAfter() > 0, refused.toString());
        return refused;
    }

    private Response bye(Request invite, Response ok) throws Exception {
        Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 2);
        mediaServer.send(bye);
        return mediaServer.await(bye, Response.OK);
    }

    @Test
    void theSessionLimitAnswers503UntilASessionEnds() throws Exception {
        start("127.0.0.1", Map.of(SipLimits.MAX_SESSIONS, "1"));
        Request first = mediaServer.invite(uri("first"), RecordingSipServiceSocketTest.GENESYS_OFFER);
        mediaServer.send(first);
        Response firstOk = mediaServer.await(first, Response.OK);
        assertNotNull(firstOk);
        mediaServer.ack(first, firstOk);

        Response refused = refusedAtOnce(mediaServer, "second");
        assertEquals("Service Unavailable: recording session limit reached", refused.getReasonPhrase());
        assertEquals(1, intake.sessions.size(), "the refused INVITE never reached the intake");
        assertEquals(1, recorder.counters().snapshot().sessionLimit());

        assertNotNull(bye(first, firstOk), "200 OK to BYE");
        assertNotNull(intake.ended.poll(2, TimeUnit.SECONDS), "the first session's stream ended");
        Await.until("no session left", Duration.ofSeconds(2), recorder::activeSessions, n -> n == 0);
        established(mediaServer, "third");
        assertEquals(1, recorder.counters().snapshot().sessionLimit());
    }

    @Test
    void theSessionLimitPerPeerCountsEachPeerApart() throws Exception {
        start("127.0.0.1,127.0.0.2", Map.of(SipLimits.MAX_SESSIONS_PER_PEER, "1"));
        established(mediaServer, "first");
        Response refused = refusedAtOnce(mediaServer, "second");
        assertEquals("Service Unavailable: recording session limit for this peer reached", refused.getReasonPhrase());
        assertEquals(1, recorder.counters().snapshot().peerSessionLimit());

        otherPeer = new MediaServerSimulator("127.0.0.2", 0, StackProperties.forStack("ms-limits-2"), "udp");
        established(otherPeer, "from-another-peer");
        assertEquals(2, recorder.activeSessions());
    }

    @Test
    void aFullWorkQueueAnswers503AtOnceAndNeverHoldsUpTheEndOfASession() throws Exception {
        start("127.0.0.1", Map.of(SipLimits.MAX_PENDING_WORK, "1"));
        Request first = mediaServer.invite(uri("first"), RecordingSipServiceSocketTest.GENESYS_OFFER);
        mediaServer.send(first);
        Response firstOk = mediaServer.await(first, Response.OK);
        assertNotNull(firstOk);
        mediaServer.ack(first, firstOk);
        String firstStream = intake.lastStreamId();

        CountDownLatch slowIntake = intake.holdNextOpen();
        Request held = mediaServer.invite(uri("held"), RecordingSipServiceSocketTest.GENESYS_OFFER);
        mediaServer.send(held);
        assertNotNull(mediaServer.await(held, Response.TRYING), "100 Trying for the held INVITE");
        Await.until("the held opening occupies the queue", Duration.ofSeconds(2), recorder::pendingWork, n -> n == 1);

        Response refused = refusedAtOnce(mediaServer, "over-the-queue");
        assertEquals("Service Unavailable: the recorder is overloaded or stopping", refused.getReasonPhrase());
        assertEquals(1, recorder.counters().snapshot().overloaded());

        assertNotNull(bye(first, firstOk), "a BYE is answered while the queue is full");
        assertEquals(firstStream, intake.ended.poll(2, TimeUnit.SECONDS),
                "ending a stream is never refused by the work queue");

        slowIntake.countDown();
        assertNotNull(mediaServer.await(held, Response.OK), "the held INVITE is answered once the intake returns");
        Await.until("the queue empties", Duration.ofSeconds(2), recorder::pendingWork, n -> n == 0);
        established(mediaServer, "after-the-queue-emptied");
    }

    @Test
    void aPeerNotAllowedIsRefusedWith403AndCounted() throws Exception {
        start("127.0.0.1", new HashMap<>());
        otherPeer = new MediaServerSimulator("127.0.0.2", 0, StackProperties.forStack("ms-stranger"), "udp");
        for (int i = 0; i < 2; i++) {
            Request options = otherPeer.request(Request.OPTIONS, "sip:127.0.0.1:" + port,
                    MediaServerSimulator.newCallId(), 1);
            otherPeer.send(options);
            assertNotNull(otherPeer.await(options, Response.FORBIDDEN), "403 for a stranger");
        }
        SipCounters.Snapshot counts = recorder.counters().snapshot();
        assertEquals(2, counts.forbiddenPeers(), counts.toString());
        assertTrue(recorder.counters().logIfChanged(), "changed counters are logged");
        assertTrue(!recorder.counters().logIfChanged(), "unchanged counters are not logged again");
    }
}
