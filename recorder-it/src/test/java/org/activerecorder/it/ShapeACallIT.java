package org.activerecorder.it;

import jakarta.annotation.Resource;
import jakarta.json.JsonObject;
import org.activerecorder.it.support.EventSubscriber;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.testsupport.Await;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.rtp.RtpSender;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.activerecorder.testsupport.WavContent;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One real call recorded end to end: the test plays the Media Server (intake shape A) with a real SIP
 * stack and real RTP over 127.0.0.1 against the recorder EAR deployed in the provisioned WildFly, and
 * checks what every consumer of the recording sees — the stereo WAV from the API, the database rows,
 * and the event received by an external JMS client.
 *
 * <p>The recorded agent (DN 1001) says 440 Hz; the customer (DN 5551234) says 1000 Hz and starts 500 ms
 * later, so alignment is visible in the file. Each stream lasts 5 s.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShapeACallIT {

    private static final String CALL_UUID = "ITSHAPEA" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    /** The in-container test runs in another JVM: it finds the call by this prefix. */
    private static final String CALL_UUID_PREFIX = "ITSHAPEA";
    private static final String AGENT_DN = "1001";
    private static final String CUSTOMER_DN = "5551234";
    private static final int SECONDS = 5;
    private static final int CUSTOMER_DELAY_MS = 500;

    private static volatile JsonObject completed;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, RecorderServer.ear());
    }

    /**
     * A second, tiny deployment that carries this test class into the server for the database check
     * (Arquillian cannot choose between the EAR's two WARs). Its client-side support classes come along
     * so that the class verifies there; they are never run in the server.
     */
    @Deployment(name = "database-probe", order = 2)
    static WebArchive databaseProbe() {
        return ShrinkWrap.create(WebArchive.class, "database-probe.war")
                .addPackage(RecorderServer.class.getPackage())
                .addPackage(WavContent.class.getPackage())
                .addPackage(MediaServerSimulator.class.getPackage())
                .addPackage(RtpSender.class.getPackage());
    }

    @Test
    @Order(1)
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aShapeACallBecomesOneAlignedStereoRecordingAndAnEvent() throws Exception {
        RecorderServer recorder = new RecorderServer();
        String password = recorder.adminPassword();
        // encoded by the JDK's G.711 codec, not the recorder's
        byte[] agentVoice = ToneSource.encoded(440, 8000 * SECONDS, true);
        byte[] customerVoice = ToneSource.encoded(1000, 8000 * SECONDS, true);
        ExecutorService media = Executors.newFixedThreadPool(2);
        try (EventSubscriber events = new EventSubscriber("admin", password, "callUuid = '" + CALL_UUID + "'");
             MediaServerSimulator mediaServer = new MediaServerSimulator("127.0.0.1", 0);
             RtpSender agentRtp = new RtpSender();
             RtpSender customerRtp = new RtpSender()) {

            MediaServerSimulator.Session agent = mediaServer.open(RecorderServer.HOST, recorder.sipPort(),
                    "rec-" + CALL_UUID, MediaServerSimulator.shapeA(CALL_UUID, AGENT_DN, AGENT_DN), agentRtp.port());
            MediaServerSimulator.Session customer = mediaServer.open(RecorderServer.HOST, recorder.sipPort(),
                    "rec-" + CALL_UUID, MediaServerSimulator.shapeA(CALL_UUID, CUSTOMER_DN, AGENT_DN), customerRtp.port());
            assertTrue(agent.answer().toString().contains("a=recvonly"), agent.answer().toString());

            CompletableFuture<Instant> agentStart = CompletableFuture.supplyAsync(
                    () -> agentRtp.send(agentVoice, agent.recorderRtp()), media);
            Thread.sleep(CUSTOMER_DELAY_MS);
            CompletableFuture<Instant> customerStart = CompletableFuture.supplyAsync(
                    () -> customerRtp.send(customerVoice, customer.recorderRtp()), media);
            long measuredDelayMs = Duration.between(agentStart.get(), customerStart.get()).toMillis();

            assertEquals(200, mediaServer.bye(agent).getStatusCode());
            assertEquals(200, mediaServer.bye(customer).getStatusCode());

            completed = recorder.awaitRecordingState(CALL_UUID, "COMPLETED", Duration.ofSeconds(30));
            long recordingId = completed.getJsonNumber("id").longValue();

            HttpResponse<byte[]> audio = recorder.getAsAdmin("/api/recordings/" + recordingId + "/audio");
            assertEquals(200, audio.statusCode());
            assertEquals("audio/wav", audio.headers().firstValue("Content-Type").orElse(""));
            WavContent wav = WavContent.of(audio.body());
            assertEquals(2, wav.channels(), "stereo");
            assertEquals(8000f, wav.format().getSampleRate());
            assertEquals(16, wav.format().getSampleSizeInBits());

            long expectedMs = SECONDS * 1000L + measuredDelayMs;
            assertEquals(expectedMs, wav.durationMillis(), 100, "duration: both streams, aligned");
            assertEquals(expectedMs, completed.getJsonNumber("durationMillis").longValue(), 100);

            int oneSecond = 8000;
            assertEquals(440, wav.dominantFrequency(0, oneSecond, 2 * oneSecond), 10, "left: the recorded DN");
            assertEquals(1000, wav.dominantFrequency(1, 2 * oneSecond, 2 * oneSecond), 10, "right: the other party");
            int leftOnset = wav.onset(0, 500);
            int rightOnset = wav.onset(1, 500);
            long onsetGapMs = Math.round((rightOnset - leftOnset) / 8.0);
            assertEquals(measuredDelayMs, onsetGapMs, 60, "the customer starts as much later as it was sent later");

            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio.body()));
            assertEquals(sha256, completed.getString("sha256"));
            byte[] data = java.util.Arrays.copyOfRange(audio.body(), 44, audio.body().length);
            String audioSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            assertEquals(audioSha256, completed.getString("audioSha256"), "the audio data's, after the header");

            String event = events.next(Duration.ofSeconds(10));
            assertNotNull(event, "an external JMS subscriber receives RecordingCompleted");
            JsonObject json = RecorderServer.json(event).asJsonObject();
            assertEquals("RecordingCompleted", json.getString("type"));
            assertEquals(recordingId, json.getJsonNumber("recordingId").longValue());
            assertEquals(CALL_UUID, json.getString("callUuid"));
            assertEquals(AGENT_DN, json.getString("recordDn"));
            assertEquals(AGENT_DN, json.getJsonArray("dns").getString(0));
            assertEquals(CUSTOMER_DN, json.getJsonArray("dns").getString(1));
            assertEquals(sha256, json.getString("sha256"));
            assertEquals(audioSha256, json.getString("audioSha256"));
            assertEquals(wav.durationMillis(), json.getJsonNumber("durationMillis").longValue(), 1);
            assertTrue(json.getString("file").endsWith(".wav"), json.getString("file"));

            // their audio is in the stereo file: the parties' files go, soon after, on a thread of their own
            Await.until("the stream files of recording " + recordingId + " removed", Duration.ofSeconds(10),
                    () -> streamFilesOf(recorder, recordingId), List::isEmpty);
        } finally {
            media.shutdownNow();
        }
    }

    private static List<Path> streamFilesOf(RecorderServer recorder, long recordingId) throws Exception {
        Path recordings = recorder.home().resolve("standalone/data/recordings");
        try (Stream<Path> files = Files.walk(recordings)) {
            return files.filter(path -> path.toString().contains("/streams/" + recordingId + "/")
                    || path.endsWith(Path.of("streams", Long.toString(recordingId)))).toList();
        }
    }

    /** The recording's rows, read in the server through the recorder's own datasource. */
    @Resource(lookup = "java:jboss/datasources/RecorderDS")
    private DataSource database;

    @Test
    @Order(2)
    @OperateOnDeployment("database-probe")
    void theDatabaseHoldsTheCompletedRecordingAndBothStreams() throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement recording = connection.prepareStatement(
                     "select r.id, r.state, r.duration_ms, r.sha256, r.record_dn from recording r"
                             + " join recorded_call c on c.id = r.call_id where c.call_uuid like ? order by r.id desc")) {
            recording.setString(1, CALL_UUID_PREFIX + "%");
            try (ResultSet rows = recording.executeQuery()) {
                assertTrue(rows.next(), "a recording row for the call");
                assertEquals("COMPLETED", rows.getString("state"));
                assertEquals(AGENT_DN, rows.getString("record_dn"));
                assertEquals(64, rows.getString("sha256").length());
                assertTrue(rows.getLong("duration_ms") > 5000, "duration stored");
                long id = rows.getLong("id");
                try (PreparedStatement streams = connection.prepareStatement(
                        "select dn, side, state, packets_received, first_packet_at from recording_stream"
                                + " where recording_id = ? order by side desc")) {
                    streams.setLong(1, id);
                    try (ResultSet s = streams.executeQuery()) {
                        Map<String, String> sides = new LinkedHashMap<>();
                        while (s.next()) {
                            sides.put(s.getString("dn"), s.getString("side"));
                            assertEquals("ENDED", s.getString("state"));
                            assertEquals(SECONDS * 50, s.getLong("packets_received"), 2, "every packet recorded");
                            assertNotNull(s.getTimestamp("first_packet_at"));
                        }
                        assertEquals(Map.of(AGENT_DN, "RECORDED_PARTY", CUSTOMER_DN, "OTHER_PARTY"), sides);
                    }
                }
            }
        }
    }

    /** The console and the API show the recording to a logged-in user, and nothing to anyone else. */
    @Test
    @Order(3)
    @RunAsClient
    @OperateOnDeployment("recorder")
    void theConsoleListsTheRecordingAndNothingIsServedWithoutALogin() throws Exception {
        RecorderServer recorder = new RecorderServer();
        long id = completed.getJsonNumber("id").longValue();

        HttpResponse<byte[]> page = recorder.getAsAdmin("/recordings.xhtml");
        assertEquals(200, page.statusCode());
        String html = new String(page.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(html.contains(CALL_UUID) && html.contains("COMPLETED") && html.contains("api/recordings/" + id + "/audio"),
                "the recordings page lists the call with a link to its audio:\n" + html);

        HttpResponse<byte[]> anonymousApi = recorder.get("/api/recordings", null, null);
        assertEquals(401, anonymousApi.statusCode(), "an API client without credentials");
        assertTrue(anonymousApi.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertTrue(RecorderServer.json(anonymousApi).asJsonObject().getString("message").contains("Basic"));
        assertEquals(401, recorder.get("/api/recordings/" + id + "/audio", null, null).statusCode());
        assertEquals(401, recorder.get("/api/recordings", "admin", "not-the-password").statusCode());

        HttpResponse<byte[]> anonymousConsole = recorder.get("/recordings.xhtml", null, null);
        String login = new String(anonymousConsole.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(login.contains("j_security_check") && !login.contains(CALL_UUID),
                "a browser without a session gets the login form, not the list");

        HttpResponse<byte[]> badId = recorder.getAsAdmin("/api/recordings/abc");
        assertEquals(400, badId.statusCode());
        assertTrue(RecorderServer.json(badId).asJsonObject().getString("message").contains("'abc'"));
        HttpResponse<byte[]> missing = recorder.getAsAdmin("/api/recordings/999999/audio");
        assertEquals(404, missing.statusCode());
        assertEquals(404, RecorderServer.json(missing).asJsonObject().getInt("status"));
        HttpResponse<byte[]> one = recorder.getAsAdmin("/api/recordings/" + id);
        assertEquals(200, one.statusCode());
        assertEquals(CALL_UUID, RecorderServer.json(one).asJsonObject().getString("callUuid"));
        assertEquals(2, RecorderServer.json(one).asJsonObject().getJsonArray("streams").size());
    }
}
