package org.activerecorder.it;

import jakarta.json.JsonObject;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.rtp.RtpSender;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.activerecorder.testsupport.sip.MediaServerSimulator.Direction;
import org.activerecorder.testsupport.sip.MediaServerSimulator.Session;
import org.activerecorder.testsupport.sip.WireResponses;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile SIP against the provisioned server: the torture messages of recorder-sip-war's socket test
 * ({@code recorder-sip-war/src/test/resources/hostile}, and RFC 4475's {@code .dat} files when they are in
 * {@code recorder-sip-war/src/test/resources/rfc4475} or {@code -Drecorder.rfc4475.dir=DIR} names them) are sent over UDP, each followed by an OPTIONS probe; every byte
 * that comes back must be a well-formed SIP response, and the probe must be answered every time. Then a normal
 * call of both parties is recorded as usual, and no hostile message left a recording.
 *
 * <p>The server answers a request where its top Via says. So that the answers come back to this test's socket,
 * a simple top Via ({@code Via: SIP/2.0/UDP host[:port]}) has its sent-by replaced by the socket's address with
 * {@code rport}; folded or compact Vias are sent as they are, and their answers, if any, go where they point.
 */
@ExtendWith(ArquillianExtension.class)
class HostileSipIT {

    private static final String CALL_UUID = "ITHOSTILE" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final Pattern SIMPLE_TOP_VIA = Pattern.compile("(?m)^Via: SIP/2\\.0/UDP [^;\\s,]+");
    /** The call ids the hostile messages with a recording Request-URI carry: none may become a recording. */
    private static final List<String> HOSTILE_CALLS = List.of("CALL-H", "CALL-H2");

    @Deployment(testable = false)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    @Test
    void afterEveryHostileMessageTheServerAnswersWellFormedOrNotAtAllAndStillRecords() throws Exception {
        RecorderServer recorder = new RecorderServer();
        Map<String, byte[]> fixtures = fixtures();
        assertTrue(fixtures.size() >= 30, "fixtures found: " + fixtures.size());
        InetSocketAddress target = new InetSocketAddress(RecorderServer.HOST, recorder.sipPort());
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5_000);
            int probe = 0;
            for (Map.Entry<String, byte[]> fixture : fixtures.entrySet()) {
                byte[] message = towards(fixture.getValue(), socket.getLocalPort());
                socket.send(new DatagramPacket(message, message.length, target));
                String probeId = "it-probe-" + (++probe) + "-" + System.nanoTime();
                byte[] options = options(probeId, socket.getLocalPort(), recorder.sipPort());
                socket.send(new DatagramPacket(options, options.length, target));
                List<String> answers = readUntilProbe(socket, probeId, fixture.getKey());
                System.out.println("hostile " + fixture.getKey() + ", answers read before its probe's: " + answers);
            }
        }
        for (String hostile : HOSTILE_CALLS) {
            assertTrue(recorder.recordingOfCall(hostile).isEmpty(), "no recording for " + hostile);
        }
        aNormalCallIsRecorded(recorder);
    }

    private static void aNormalCallIsRecorded(RecorderServer recorder) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try (MediaServerSimulator mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
             RtpSender agentRtp = new RtpSender();
             RtpSender customerRtp = new RtpSender()) {
            Session session = mediaServer.open(RecorderServer.HOST, recorder.sipPort(), "rec-" + CALL_UUID,
                    MediaServerSimulator.bothParties(CALL_UUID, "1001", "5551234", "1001"),
                    List.of(Direction.SENDONLY, Direction.SENDONLY), agentRtp.port(), customerRtp.port());
            List<InetSocketAddress> lines = session.recorderRtps();
            CompletableFuture<?> agent = CompletableFuture.runAsync(
                    () -> agentRtp.send(ToneSource.encoded(440, 8000 * 2, true), lines.get(0)), senders);
            CompletableFuture<?> customer = CompletableFuture.runAsync(
                    () -> customerRtp.send(ToneSource.encoded(1000, 8000 * 2, true), lines.get(1)), senders);
            CompletableFuture.allOf(agent, customer).get();
            assertEquals(200, mediaServer.bye(session).getStatusCode());
            JsonObject completed = recorder.awaitRecordingState(CALL_UUID, "COMPLETED", Duration.ofSeconds(30));
            JsonObject recording = RecorderServer.json(recorder.getAsAdmin("/api/recordings/"
                    + completed.getJsonNumber("id").longValue())).asJsonObject();
            assertEquals(2, recording.getJsonArray("streams").size(), recording.toString());
        } finally {
            senders.shutdownNow();
        }
    }

    private static Map<String, byte[]> fixtures() throws IOException {
        Map<String, byte[]> fixtures = new LinkedHashMap<>();
        Path ours = Path.of(System.getProperty("basedir", "."), "..", "recorder-sip-war", "src", "test", "resources",
                "hostile");
        assertTrue(Files.isDirectory(ours), "the hostile messages are at " + ours.toAbsolutePath());
        read(ours, ".sip", fixtures);
        Path kept = ours.resolveSibling("rfc4475");
        if (Files.isDirectory(kept)) {
            read(kept, ".dat", fixtures);
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

    /** The message with a simple top Via pointing at this test's socket (see the class comment). */
    private static byte[] towards(byte[] message, int localPort) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        Matcher via = SIMPLE_TOP_VIA.matcher(text);
        if (!via.find()) {
            return message;
        }
        return (text.substring(0, via.start()) + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";rport"
                + text.substring(via.end())).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> readUntilProbe(DatagramSocket socket, String probeId, String fixture)
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
            byte[] datagram = Arrays.copyOf(packet.getData(), packet.getLength());
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

    private static byte[] options(String callId, int localPort, int recorderPort) {
        return ("OPTIONS sip:127.0.0.1:" + recorderPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";rport;branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:recorder@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
