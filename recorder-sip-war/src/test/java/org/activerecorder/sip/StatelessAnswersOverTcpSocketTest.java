package org.activerecorder.sip;

import org.activerecorder.sip.admission.SipCounters;
import org.activerecorder.sip.stack.SipLimits;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;
import org.activerecorder.testsupport.Await;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.WireResponses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stateless refusals over TCP never make the recorder connect out. Each request names, in its Via, the port of a
 * "trap" server socket of this test, which must never see a connection. A peer that is allowed gets its refusal on the
 * connection it sent the request on; a stranger's request over TCP is dropped and counted, never answered: once its
 * connection is closed, JAIN-SIP's stateless {@code SipProvider.sendResponse} would connect to the trap.
 */
class StatelessAnswersOverTcpSocketTest {

    private static final int GONE_REQUESTS = 20;

    private final InMemoryStreamIntake intake = new InMemoryStreamIntake();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private RecordingSipService recorder;
    private ServerSocket trap;
    /** The Call-IDs of the requests this test sent: an answer to one of them would carry it. */
    private final List<String> callIds = new ArrayList<>();
    private int port;

    @BeforeEach
    void start() throws Exception {
        port = FreePort.forSip("127.0.0.1", "udp", "tcp");
        SipSettings settings = SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(port),
                SipSettings.TRANSPORTS, "udp,tcp", SipSettings.ALLOWED_PEERS, "127.0.0.1")::get);
        SipLimits limits = SipLimits.DEFAULTS;
        recorder = RecordingSipService.start(settings, limits, StackProperties.forStack("recorder-tcp-refusals", limits),
                intake, executor);
        trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws Exception {
        trap.close();
        recorder.stop();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void anAllowedPeersStatelessRefusalComesBackOnItsConnection() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request("SUBSCRIBE", "subscribe-" + System.nanoTime()));
            socket.getOutputStream().flush();
            List<String> answers = WireResponses.stream(readOneResponse(socket.getInputStream()));
            assertEquals(1, answers.size(), answers.toString());
            assertTrue(answers.get(0).startsWith("SIP/2.0 405 "), "405 on the request's connection: " + answers);
        }
        assertNoConnectionOut();
    }

    /**
     * A stranger that resets its connection at once: JAIN-SIP would then send a stateless answer over a new
     * connection, to the stranger's address and port (where the test listens once its connection is gone), or to the
     * Via's (RFC 3261 §18.2.2, as it does for a Media Server's request). A stranger gets none.
     */
    @Test
    void aStrangerWhoseConnectionIsGoneMakesTheRecorderConnectNowhere() throws Exception {
        SipCounters.Snapshot before = recorder.counters().snapshot();
        InetSocketAddress source;
        try (Socket stranger = new Socket()) {
            stranger.setReuseAddress(true);
            stranger.bind(new InetSocketAddress("127.0.0.2", 0));
            source = (InetSocketAddress) stranger.getLocalSocketAddress();
            stranger.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            stranger.setSoLinger(true, 0);
            // many requests in one write, then a reset: what is handled after it finds the connection gone
            for (int i = 0; i < GONE_REQUESTS; i++) {
                stranger.getOutputStream().write(request("OPTIONS", "gone-" + i + "-" + System.nanoTime()));
            }
            stranger.getOutputStream().flush();
        }
        try (ServerSocket atSource = new ServerSocket()) {
            atSource.setReuseAddress(true);
            atSource.bind(source);
            Await.until("the stranger's request is counted", Duration.ofSeconds(10),
                    () -> recorder.counters().snapshot(), now -> now.forbiddenPeers() > before.forbiddenPeers());
            probeAnswered();
            atSource.setSoTimeout(1);
            assertThrows(SocketTimeoutException.class, atSource::accept, "the recorder connected to the stranger");
        }
        assertNoConnectionOut();
    }

    @Test
    void aStrangersRequestOverTcpIsDroppedAndCountedWithoutConnectingOut() throws Exception {
        SipCounters.Snapshot before = recorder.counters().snapshot();
        try (Socket stranger = new Socket()) {
            stranger.bind(new InetSocketAddress("127.0.0.2", 0));
            stranger.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            stranger.setSoTimeout(10_000);
            stranger.getOutputStream().write(request("OPTIONS", "stranger-" + System.nanoTime()));
            stranger.getOutputStream().flush();
            Await.until("the stranger's request is counted", Duration.ofSeconds(5),
                    () -> recorder.counters().snapshot(), now -> now.forbiddenPeersDropped() > before.forbiddenPeersDropped());
            probeAnswered();
            assertEquals(0, stranger.getInputStream().available(), "no answer came on the stranger's connection");
        }
        SipCounters.Snapshot after = recorder.counters().snapshot();
        assertEquals(before.forbiddenPeers() + 1, after.forbiddenPeers(), after.toString());
        assertNoConnectionOut();
    }

    /** The listener handles one request at a time: once a later request is answered, the earlier one is done. */
    private void probeAnswered() throws IOException {
        try (Socket allowed = new Socket(InetAddress.getLoopbackAddress(), port)) {
            allowed.setSoTimeout(10_000);
            allowed.getOutputStream().write(request("OPTIONS", "probe-" + System.nanoTime()));
            allowed.getOutputStream().flush();
            assertEquals(List.of("SIP/2.0 200 OK"), WireResponses.stream(readOneResponse(allowed.getInputStream())));
        }
    }

    /**
     * The trap's backlog holds any connection made to it, accepted or not. The recorder connecting out would send an
     * answer to one of this test's requests, carrying its Call-ID: such a connection fails the test. A connection that
     * carries none of them came from elsewhere on the machine (the trap listens on an ephemeral port, which another
     * process may still be trying to reach: seen once in a full run, never in this class alone) and is only reported.
     */
    private void assertNoConnectionOut() throws IOException {
        trap.setSoTimeout(1);
        while (true) {
            Socket connection;
            try {
                connection = trap.accept();
            } catch (SocketTimeoutException none) {
                return;
            }
            try (connection) {
                connection.setSoTimeout(1_000);
                String sent;
                try {
                    sent = new String(readOneResponse(connection.getInputStream()), StandardCharsets.ISO_8859_1);
                } catch (SocketTimeoutException silent) {
                    sent = "";
                }
                for (String callId : callIds) {
                    assertFalse(sent.contains(callId), "the recorder connected to the port the Via named: " + sent);
                }
                System.err.println("A connection to the trap that carries none of this test's requests, ignored: "
                        + connection.getRemoteSocketAddress() + " sent [" + sent + "]");
            }
        }
    }

    private byte[] request(String method, String callId) {
        callIds.add(callId);
        return (method + " sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:" + trap.getLocalPort() + ";branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:ms@127.0.0.1>;tag=f\r\nTo: <sip:recorder@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\n"
                + (method.equals("SUBSCRIBE") ? "Event: presence\r\nContact: <sip:ms@127.0.0.1>\r\n" : "")
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The bytes of one response without a body (our refusals and 200 to OPTIONS carry none). */
    private static byte[] readOneResponse(InputStream in) throws IOException {
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!back.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            int read = in.read(buffer);
            if (read < 0) {
                break;
            }
            back.write(buffer, 0, read);
        }
        return back.toByteArray();
    }
}
