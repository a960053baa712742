package org.activerecorder.sip;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.activerecorder.infrastructure.metrics.RecorderMeters;
import org.activerecorder.sip.metrics.SipMeters;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.activerecorder.sip.RecordingSipServiceSocketTest.GENESYS_OFFER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIP's meters over the real stack on 127.0.0.1: a session's INVITE, ACK and BYE and an OPTIONS are counted by
 * method, the answers by class, the session while it is open; a stranger's request is a refusal and a 4xx.
 */
class SipMetersSocketTest {

    private final InMemoryStreamIntake intake = new InMemoryStreamIntake();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final RecorderMeters recorderMeters = new RecorderMeters(new SimpleMeterRegistry());
    private final MeterRegistry registry = recorderMeters.registry();
    private final AtomicReference<RecordingSipService> running = new AtomicReference<>();
    private MediaServerSimulator mediaServer;
    /** Held: Micrometer holds a meter's state object weakly, as the application's binding does. */
    private SipMeters meters;

    @AfterEach
    void stop() throws Exception {
        if (mediaServer != null) {
            mediaServer.close();
        }
        RecordingSipService service = running.get();
        if (service != null) {
            service.stop();
        }
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void countsRequestsByMethodAnswersByClassAndOpenSessions() throws Exception {
        int port = start("127.0.0.1", "metrics-under-test");
        assertEquals(0, requests("INVITE"));
        assertEquals(0, registry.get("recorder.sip.sessions.open").gauge().value());

        Request options = mediaServer.request(Request.OPTIONS, "sip:127.0.0.1:" + port,
                MediaServerSimulator.newCallId(), 1);
        mediaServer.send(options);
        assertNotNull(mediaServer.await(options, Response.OK));
        Request invite = mediaServer.invite("sip:record=rec-m@127.0.0.1:" + port
                + ";calluuid=CALL-METRICS;dn=7001;recordDN=7001", GENESYS_OFFER);
        mediaServer.send(invite);
        Response ok = mediaServer.await(invite, Response.OK);
        assertNotNull(ok);
        mediaServer.ack(invite, ok);
        // JAIN-SIP handles requests on several threads: a BYE sent before the ACK is taken could end the dialog first.
        // At least one: when the recorder takes the ACK late, it sends its 200 OK again and the Media Server ACKs that
        // too (RFC 3261 13.2.2.4), and both ACKs are requests received.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (requests("ACK") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(requests("ACK") >= 1, "the ACK counted");
        assertEquals(1, registry.get("recorder.sip.sessions.open").gauge().value());
        Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 2);
        mediaServer.send(bye);
        assertNotNull(mediaServer.await(bye, Response.OK));

        assertEquals(1, requests("OPTIONS"));
        assertEquals(1, requests("INVITE"));
        assertEquals(1, requests("BYE"));
        assertEquals(0, requests("OTHER"));
        assertEquals(1, responses("1xx"), "100 Trying");
        // a response is counted once its send returned, which may be after the peer has it
        awaitCount(() -> responses("2xx"), 3, "OPTIONS, INVITE and BYE answered 200");
        assertEquals(0, responses("4xx"));
        assertEquals(0, registry.get("recorder.sip.sessions.open").gauge().value());
        assertEquals(0, registry.get("recorder.sip.refusals").tag("reason", "forbidden_peer").functionCounter().count());

        String text = recorderMeters.prometheusText();
        for (String sample : java.util.List.of("recorder_sip_requests_total{method=\"INVITE\"} 1",
                "recorder_sip_responses_total{class=\"2xx\"} 3", "recorder_sip_refusals_total{reason=\"overloaded\"} 0",
                "recorder_sip_sessions_open 0", "recorder_sip_openings_pending 0",
                "recorder_sip_udp_datagrams_unsent_total 0", "recorder_sip_udp_sends_waited_total 0")) {
            assertTrue(text.contains("\n" + sample + "\n"), () -> "docs/metrics.md's " + sample + " not in:\n" + text);
        }
    }

    @Test
    void aStrangersRequestIsARefusalAndA4xx() throws Exception {
        int port = start("192.0.2.1", "metrics-strict");
        Request options = mediaServer.request(Request.OPTIONS, "sip:127.0.0.1:" + port,
                MediaServerSimulator.newCallId(), 1);
        mediaServer.send(options);
        assertNotNull(mediaServer.await(options, Response.FORBIDDEN));

        assertEquals(1, requests("OPTIONS"));
        assertEquals(1, registry.get("recorder.sip.refusals").tag("reason", "forbidden_peer").functionCounter().count());
        awaitCount(() -> responses("4xx"), 1, "the 403");
        assertEquals(0, responses("2xx"));
    }

    private int start(String allowedPeers, String stackName) throws Exception {
        meters = new SipMeters(() -> Optional.ofNullable(running.get()));
        meters.bindTo(registry);
        int port = FreePort.forSip("127.0.0.1", "udp");
        SipSettings settings = SipSettings.from(Map.of(
                SipSettings.PORT, Integer.toString(port),
                SipSettings.ALLOWED_PEERS, allowedPeers)::get);
        running.set(RecordingSipService.start(settings, StackProperties.forStack(stackName), intake, executor));
        mediaServer = new MediaServerSimulator("127.0.0.1", 0, StackProperties.forStack(stackName + "-peer"), "udp");
        return port;
    }

    private double requests(String method) {
        return registry.get("recorder.sip.requests").tag("method", method).functionCounter().count();
    }

    private double responses(String responseClass) {
        return registry.get("recorder.sip.responses").tag("class", responseClass).functionCounter().count();
    }

    private static void awaitCount(java.util.function.DoubleSupplier count, double expected, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count.getAsDouble() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, count.getAsDouble(), what);
    }
}
