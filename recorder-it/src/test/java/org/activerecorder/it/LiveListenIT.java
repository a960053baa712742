package org.activerecorder.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecordedCall;
import org.activerecorder.it.support.RecorderServer;
import org.activerecorder.it.support.TwoPartyCall;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.activerecorder.testsupport.rtp.RtpScript;
import org.activerecorder.testsupport.sip.MediaServerSimulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live listening over a real WebSocket while a real SIP + RTP call is recorded: a supervisor hears both parties, each
 * on its own side (the agent's 440 Hz left, the customer's 1000 Hz right), from the moment of listening on and in
 * step with the call; the start is in the audit log under the supervisor's name; an auditor's handshake is refused
 * (403) before any audio; a finished recording cannot be listened to.
 */
@ExtendWith(ArquillianExtension.class)
class LiveListenIT {

    private static final String PREFIX = "ITLIVE" + Long.toHexString(System.currentTimeMillis()).toUpperCase();
    private static final ItUsers.Account SUPERVISOR = ItUsers.Account.of(PREFIX, "supervisor", "supervisor");
    private static final ItUsers.Account AUDITOR = ItUsers.Account.of(PREFIX, "auditor", "auditor");
    private static final int AGENT_HZ = 440;
    private static final int CUSTOMER_HZ = 1000;
    private static final int CALL_MILLIS = 8000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static RecorderServer recorder;
    private static MediaServerSimulator mediaServer;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("live-listen-users.war", SUPERVISOR, AUDITOR);
    }

    @BeforeAll
    static void connect() throws Exception {
        recorder = new RecorderServer();
        mediaServer = new MediaServerSimulator(RecorderServer.HOST, 0);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (mediaServer != null) {
            mediaServer.close();
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aSupervisorHearsBothPartiesOfAnActiveCallEachOnItsSide() throws Exception {
        String callUuid = PREFIX + "CALL";
        CompletableFuture<RecordedCall> call = CompletableFuture.supplyAsync(() -> {
            try {
                return TwoPartyCall.play(recorder, mediaServer, callUuid,
                        session -> RtpScript.create().audio(ToneSource.encoded(AGENT_HZ, CALL_MILLIS * 8, true)),
                        session -> RtpScript.create().audio(ToneSource.encoded(CUSTOMER_HZ, CALL_MILLIS * 8, true)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonObject active = recorder.awaitRecordingState(callUuid, "ACTIVE", Duration.ofSeconds(10));
        long id = active.getJsonNumber("id").longValue();
        Thread.sleep(1000); // both parties' streams are open and sending

        Heard heard = new Heard();
        WebSocket socket = open(id, SUPERVISOR, heard).get(10, TimeUnit.SECONDS);
        Thread.sleep(2500);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "enough").get(5, TimeUnit.SECONDS);

        JsonObject described = heard.description.get(5, TimeUnit.SECONDS);
        assertEquals(id, described.getJsonNumber("recordingId").longValue());
        assertEquals("s16le", described.getString("format"));
        JsonArray streams = described.getJsonArray("streams");
        assertEquals(2, streams.size(), described::toString);
        Map<String, Integer> indexBySide = new ConcurrentHashMap<>();
        for (JsonValue stream : streams) {
            JsonObject s = stream.asJsonObject();
            indexBySide.put(s.getString("side"), s.getInt("index"));
            assertEquals(8000, s.getInt("sampleRate"));
        }
        assertEquals(AGENT_HZ, dominant(heard.audio(indexBySide.get("left"))), 15, "the agent on the left");
        assertEquals(CUSTOMER_HZ, dominant(heard.audio(indexBySide.get("right"))), 15, "the customer on the right");
        for (int side : indexBySide.values()) {
            int samples = heard.audio(side).length;
            assertTrue(samples >= 8000 * 15 / 10 && samples <= 8000 * 35 / 10,
                    "about the 2.5 s listened (with the few seconds' delay allowed): " + samples + " samples");
        }

        RecordedCall finished = call.get(60, TimeUnit.SECONDS);
        assertEquals("COMPLETED", finished.state(), () -> "listening changes nothing: " + finished.recording());
        Map<String, Double> liveStart = new java.util.HashMap<>();
        for (Map.Entry<String, Integer> side : indexBySide.entrySet()) {
            List<Double> starts = heard.startMillis.get(side.getValue()).stream().sorted().toList();
            assertTrue(starts.get(starts.size() - 1) - starts.get(0) <= 80, () -> side.getKey() + ": every run "
                    + "placed as its position says, within the packets' jitter and a run's packetisation: " + starts);
            liveStart.put(side.getKey(), starts.get(starts.size() / 2));
        }
        Map<String, Instant> firstSample = new java.util.HashMap<>();
        for (JsonValue stream : finished.recording().getJsonArray("streams")) {
            JsonObject s = stream.asJsonObject();
            firstSample.put(s.getString("side").equals("RECORDED_PARTY") ? "left" : "right",
                    Instant.parse(s.getString("firstSampleAt")));
        }
        double recorded = Duration.between(firstSample.get("right"), firstSample.get("left")).toNanos() / 1e6;
        double live = liveStart.get("left") - liveStart.get("right");
        assertEquals(recorded, live, 40, "the placing times line the parties up as the recording does: " + firstSample
                + " vs " + liveStart);
        assertEquals(finished.expectedMillis(), finished.audio().durationMillis(), 100, "the recording has every sample");
        assertTrue(audited(id).stream().anyMatch(entry -> entry.getString("user").equals(SUPERVISOR.name())),
                () -> "LIVE_LISTENED by the supervisor: " + audited(id));

        Heard late = new Heard();
        open(id, SUPERVISOR, late).get(10, TimeUnit.SECONDS);
        assertEquals(4409, late.closed.get(10, TimeUnit.SECONDS), "a finished recording: closed with 4409");
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void anAuditorsHandshakeIsRefusedBeforeAnyAudio() {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> open(1, AUDITOR, new Heard()).get(10, TimeUnit.SECONDS));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class,
                refused.getCause());
        assertEquals(403, handshake.getResponse().statusCode());
    }

    private static CompletableFuture<WebSocket> open(long id, ItUsers.Account user, Heard listener) {
        String basic = Base64.getEncoder().encodeToString((user.name() + ":" + user.password())
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.newWebSocketBuilder().header("Authorization", "Basic " + basic)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://" + RecorderServer.HOST + ":8080/live/recordings/" + id), listener);
    }

    private static List<JsonObject> audited(long id) {
        try {
            JsonArray entries = RecorderServer.json(recorder.getAsAdmin("/api/audit?limit=1000&recordingId=" + id))
                    .asJsonArray();
            return entries.stream().map(JsonValue::asJsonObject)
                    .filter(entry -> "LIVE_LISTENED".equals(entry.getString("action"))).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dominant frequency of 8 kHz mono samples, read as the recordings are. */
    private static double dominant(short[] samples) throws Exception {
        assertTrue(samples.length > 4000, "audio heard: " + samples.length + " samples");
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            bytes.putShort(sample);
        }
        AudioFormat format = new AudioFormat(8000, 16, 1, true, false);
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, samples.length),
                AudioFileFormat.Type.WAVE, wav);
        WavContent content = WavContent.of(wav.toByteArray());
        return content.dominantFrequency(0, 0, content.frames());
    }

    /** What a socket heard: the description, each stream's samples in the order they came, and the close code. */
    private static final class Heard implements WebSocket.Listener {
        final CompletableFuture<JsonObject> description = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final Map<Integer, ByteArrayOutputStream> audio = new ConcurrentHashMap<>();
        final Map<Integer, List<Double>> startMillis = new ConcurrentHashMap<>();
        private final StringBuilder text = new StringBuilder();
        private ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                description.complete(RecorderServer.json(text.toString()).asJsonObject());
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                ByteBuffer frame = ByteBuffer.wrap(binary.toByteArray());
                binary = new ByteArrayOutputStream();
                assertEquals(2, frame.get(), "version");
                int index = frame.get();
                frame.getShort();
                int rate = frame.getInt();
                long position = frame.getLong();
                long placedMicros = frame.getLong();
                // where the placing clock puts the stream's first sample: the same for every run of the stream
                startMillis.computeIfAbsent(index, i -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(placedMicros / 1000.0 - position * 1000.0 / rate);
                byte[] samples = new byte[frame.remaining()];
                frame.get(samples);
                audio.computeIfAbsent(index, i -> new ByteArrayOutputStream()).writeBytes(samples);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            description.completeExceptionally(error);
            closed.completeExceptionally(error);
        }

        short[] audio(Integer index) {
            assertNotNull(index, "a stream on that side");
            ByteArrayOutputStream bytes = audio.get(index);
            if (bytes == null) {
                return new short[0];
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[buffer.remaining() / 2];
            buffer.asShortBuffer().get(samples);
            return samples;
        }
    }
}
