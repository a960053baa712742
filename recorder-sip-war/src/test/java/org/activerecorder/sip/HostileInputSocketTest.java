package org.activerecorder.sip;

import org.activerecorder.sip.admission.SipCounters;
import org.activerecorder.sip.stack.SipLimits;
import org.activerecorder.sip.stack.SipSettings;
import org.activerecorder.sip.stack.StackProperties;
import org.activerecorder.testsupport.Await;
import org.activerecorder.testsupport.sip.FreePort;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.activerecorder.testsupport.sip.WireResponses;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input against the real stack: every message in {@code src/test/resources/hostile} (torture cases in
 * the spirit of RFC 4475 §3: broken Content-Length, versions, required headers, quoting, URIs, control bytes,
 * garbage, strays) is sent over UDP and over TCP, and every byte that comes back must be a well-formed SIP
 * response ({@link WireResponses}), or nothing. Afterwards no session and no stream is left over, and a normal
 * session still works.
 *
 * <p>The RFC's own messages (Appendix A's {@code .dat} files, bit-exact) are replayed the same way when they are
 * in {@code src/test/resources/rfc4475}, or in the folder {@code -Drecorder.rfc4475.dir=DIR} names.
 *
 * <p>Over UDP, each message is followed by an OPTIONS probe from the same socket, and everything read until the
 * probe's 200 is checked: that is how "no answer" is seen without waiting for one. The recorder under test runs
 * with JAIN-SIP's ALWAYS_ADD_RPORT, so its answers come back to the test's socket whatever the torture messages'
 * Via headers say (they name hosts of documentation networks).
 */
class HostileInputSocketTest {

    static final int MAX_MESSAGE_BYTES = 8192;

    private final InMemoryStreamIntake intake = new InMemoryStreamIntake();
    private ExecutorService executor;
    private RecordingSipService recorder;
    private int port;

    /**
     * A recorder of its own for each transport's run: the messages carry fixed Via branches, and a stack that saw
     * them over TCP would take their UDP replay for retransmissions of the same transactions.
     */
    @BeforeEach
    void start() throws Exception {
        executor = Executors.newFixedThreadPool(4);
        port = FreePort.forSip("127.0.0.1", "udp", "tcp");
        SipSettings settings = SipSettings.from(Map.of(SipSettings.PORT, Integer.toString(port),
                SipSettings.TRANSPORTS, "udp,tcp", SipSettings.ALLOWED_PEERS, "127.0.0.1")::get);
        SipLimits limits = SipLimits.from(Map.of(SipLimits.MAX_MESSAGE_BYTES, Integer.toString(MAX_MESSAGE_BYTES))::get);
        Properties stack = StackProperties.forStack("recorder-hostile", limits);
        stack.setProperty("gov.nist.javax.sip.ALWAYS_ADD_RPORT", "true");
        recorder = RecordingSipService.start(settings, limits, stack, intake, executor);
    }

    @AfterEach
    void stop() throws Exception {
        recorder.stop();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    static Map<String, byte[]> fixtures() throws IOException, URISyntaxException {
        Map<String, byte[]> fixtures = new LinkedHashMap<>();
        Path ours = Path.of(HostileInputSocketTest.class.getResource("/hostile").toURI());
        read(ours, ".sip", fixtures);
        java.net.URL kept = HostileInputSocketTest.class.getResource("/rfc4475");
        if (kept != null) {
            read(Path.of(kept.toURI()), ".dat", fixtures);
        }
        String rfc = System.getProperty("recorder.rfc4475.dir");
        if (rfc != null && !rfc.isBlank()) {
            read(Path.of(rfc), ".dat", fixtures);
        }
        return fixtures;
    }

    private static void read(Path folder, String suffix, Map<String, byte[]> into) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).sorted().toList()) {
                into.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
    }

    @Test
    void everyHostileMessageOverUdpGetsAWellFormedAnswerOrNone() throws Exception {
        Map<String, byte[]> fixtures = fixtures();
        assertTrue(fixtures.size() >= 30, "fixtures found: " + fixtures.size());
        long malformedBefore = recorder.counters().snapshot().malformed();
        Map<String, List<String>> answers = new LinkedHashMap<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5_000);
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            int probe = 0;
            for (Map.Entry<String, byte[]> fixture : fixtures.entrySet()) {
                byte[] message = fixture.getValue();
                socket.send(new DatagramPacket(message, message.length, target));
                String probeId = "probe-" + (++probe) + "-" + System.nanoTime();
                byte[] options = options(probeId, socket.getLocalPort(), "UDP");
                socket.send(new DatagramPacket(options, options.length, target));
                answers.put(fixture.getKey(), readUntilProbe(socket, probeId, fixture.getKey()));
            }
        }
        answers.forEach((name, statuses) -> System.out.println("hostile UDP " + name + ", answers read before its probe's: "
                + statuses));
        assertTrue(recorder.counters().snapshot().malformed() > malformedBefore,
                "the parser guard dropped what JAIN-SIP could not parse: " + recorder.counters().snapshot());
        assertTrue(answers.values().stream().anyMatch(statuses -> statuses.stream().anyMatch(s -> s.contains(" 400 "))),
                "some messages were answered 400: " + answers);
        assertNothingLeftAndANormalSessionWorks();
    }

    @Test
    void everyHostileMessageOverTcpGetsWellFormedAnswersOrNone() throws Exception {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> fixture : fixtures().entrySet()) {
            byte[] message = fixture.getValue();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(4_000);
                socket.getOutputStream().write(message);
                String probeId = "tcp-probe-" + System.nanoTime();
                // a probe after the message, so that a message cut short by its Content-Length is completed, and
                // the connection ends when the recorder has answered what it will
                socket.getOutputStream().write(options(probeId, socket.getLocalPort(), "TCP"));
                socket.getOutputStream().flush();
                byte[] back = readUntilProbeOrClose(socket.getInputStream(), probeId);
                try {
                    answers.put(fixture.getKey(), WireResponses.stream(back));
                } catch (AssertionError malformed) {
                    throw new AssertionError("answer over TCP to " + fixture.getKey() + ": " + malformed.getMessage(),
                            malformed);
                }
            }
        }
        answers.forEach((name, statuses) -> System.out.println("hostile TCP " + name + ", answers on its connection: "
                + statuses));
        assertNothingLeftAndANormalSessionWorks();
    }

    @Test
    void anOversizedDatagramIsDroppedAndCounted() throws Exception {
        long before = recorder.counters().snapshot().oversized();
        byte[] big = ("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-big\r\n"
                + "From: <sip:m@192.0.2.2>;tag=1\r\nTo: <sip:r@127.0.0.1>\r\nCall-ID: big\r\nCSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\nSubject: " + "x".repeat(MAX_MESSAGE_BYTES) + "\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5_000);
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            socket.send(new DatagramPacket(big, big.length, target));
            byte[] options = options("after-big", socket.getLocalPort(), "UDP");
            socket.send(new DatagramPacket(options, options.length, target));
            assertEquals(List.of(), readUntilProbe(socket, "after-big", "oversized"), "the oversized one is not answered");
        }
        assertOversizedReaches(before + 1);
    }

    @Test
    void aTcpMessageOverTheLimitClosesItsConnectionAndIsCounted() throws Exception {
        long before = recorder.counters().snapshot().oversized();
        String body = "v=0\r\n" + "a=x:" + "y".repeat(MAX_MESSAGE_BYTES) + "\r\n";
        byte[] big = ("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.2;branch=z9hG4bK-bigtcp\r\n"
                + "From: <sip:m@192.0.2.2>;tag=1\r\nTo: <sip:r@127.0.0.1>\r\nCall-ID: bigtcp\r\nCSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(big);
            socket.getOutputStream().flush();
            byte[] back = readUntilProbeOrClose(socket.getInputStream(), "never-sent");
            assertEquals("", new String(back, StandardCharsets.ISO_8859_1), "no answer, the connection is closed");
        }
        assertOversizedReaches(before + 1);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(options("after-big-tcp", socket.getLocalPort(), "TCP"));
            socket.getOutputStream().flush();
            List<String> answers = WireResponses.stream(readUntilProbeOrClose(socket.getInputStream(), "after-big-tcp"));
            assertEquals(List.of("SIP/2.0 200 OK"), answers, "a new connection is served");
        }
    }

    /**
     * The oversized count reaches {@code expected} within five seconds, and goes no further. JAIN-SIP parses datagrams
     * on several threads, so the probe sent after the oversized datagram may be answered before the guard has counted
     * the oversized one (seen once in CI): the answer orders the reading, not the counting.
     */
    private void assertOversizedReaches(long expected) throws InterruptedException {
        SipCounters.Snapshot counts = Await.until("oversized count " + expected, Duration.ofSeconds(5),
                recorder.counters()::snapshot, snapshot -> snapshot.oversized() >= expected);
        assertEquals(expected, counts.oversized(), counts.toString());
    }

    /** Every datagram until the probe's answer, each checked; the statuses of those not for the probe. */
    private List<String> readUntilProbe(DatagramSocket socket, String probeId, String fixture)
            throws IOException {
        List<String> statuses = new ArrayList<>();
        byte[] buffer = new byte[70_000];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException silent) {
                throw new AssertionError("the recorder stopped answering after " + fixture);
            }
            byte[] datagram = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
            String status;
            try {
                status = WireResponses.datagram(datagram);
            } catch (AssertionError malformed) {
                throw new AssertionError("answer to " + fixture + ": " + malformed.getMessage(), malformed);
            }
            if (new String(datagram, StandardCharsets.ISO_8859_1).contains("Call-ID: " + probeId)) {
                assertTrue(status.startsWith("SIP/2.0 200"), "the probe is answered 200: " + status);
                return statuses;
            }
            statuses.add(status);
        }
    }

    /** The bytes read until the probe's answer has come whole, or the recorder closed the connection. */
    private static byte[] readUntilProbeOrClose(InputStream in, String probeId) throws IOException {
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException stuck) {
                return back.toByteArray(); // the recorder holds the connection waiting for bytes: nothing more comes
            } catch (IOException reset) {
                return back.toByteArray();
            }
            if (read < 0) {
                return back.toByteArray();
            }
            back.write(buffer, 0, read);
            String text = back.toString(StandardCharsets.ISO_8859_1);
            int probe = text.indexOf("Call-ID: " + probeId);
            if (probe >= 0 && text.indexOf("\r\n\r\n", probe) >= 0) {
                return back.toByteArray();
            }
        }
    }

    private byte[] options(String callId, int localPort, String transport) {
        return ("OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";rport;branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:recorder@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private void assertNothingLeftAndANormalSessionWorks() throws Exception {
        Await.until("no session left", Duration.ofSeconds(5), recorder::activeSessions, n -> n == 0);
        assertEquals(List.of(), List.copyOf(intake.opened), "no stream was opened by the hostile messages");
        try (MediaServerSimulator mediaServer = new MediaServerSimulator("127.0.0.1", 0,
                StackProperties.forStack("ms-after-hostile-" + System.nanoTime()), "udp")) {
            Request invite = mediaServer.invite(RecordingSipServiceSocketTest.RECORD_URI
                    .replace(":" + RecordingSipServiceSocketTest.RECORDER_PORT, ":" + port),
                    RecordingSipServiceSocketTest.GENESYS_OFFER);
            mediaServer.send(invite);
            Response ok = mediaServer.await(invite, Response.OK);
            assertNotNull(ok, "a normal session still opens");
            mediaServer.ack(invite, ok);
            Request bye = mediaServer.inDialog(Request.BYE, invite, ok, 2);
            mediaServer.send(bye);
            assertNotNull(mediaServer.await(bye, Response.OK));
            assertEquals(intake.lastStreamId(), intake.ended.poll(2, TimeUnit.SECONDS), "its stream ended");
        } finally {
            Await.until("no session left", Duration.ofSeconds(5), recorder::activeSessions, n -> n == 0);
            intake.reset();
        }
    }
}
