package org.activerecorder.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.activerecorder.testsupport.Await;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The recorder under test as its users reach it: SIP, and the HTTP API with the first administrator's
 * login (whose generated password the server wrote to its data folder).
 */
public final class RecorderServer {

    public static final String HOST = "127.0.0.1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path home;
    private final int httpPort;
    private final int sipPort;

    /** The server Arquillian runs: recorder-it/target/server (or -Djboss.home) on the default ports. */
    public RecorderServer() {
        this(Path.of(System.getProperty("jboss.home", "target/server")), 8080, 5060);
    }

    public RecorderServer(Path home, int httpPort, int sipPort) {
        this.home = home.toAbsolutePath();
        this.httpPort = httpPort;
        this.sipPort = sipPort;
    }

    public Path home() {
        return home;
    }

    public int sipPort() {
        return sipPort;
    }

    /** The recorder EAR the build made (recorder-it/target/deployments/recorder.ear, set by the pom). */
    public static java.io.File ear() {
        return Path.of(System.getProperty("recorder.ear", "target/deployments/recorder.ear")).toFile();
    }

    public String adminPassword() throws Exception {
        Path file = home.resolve("standalone/data/recorder/initial-admin-password");
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    public HttpResponse<byte[]> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + httpPort + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (user != null) {
            String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POSTs {@code body} (JSON, or nothing when {@code null}) as {@code user}. */
    public HttpResponse<byte[]> post(String path, String body, String user, String password) throws Exception {
        return send("POST", path, body, user, password);
    }

    /** Any method with {@code body} (JSON, or nothing when {@code null}) as {@code user}. */
    public HttpResponse<byte[]> send(String method, String path, String body, String user, String password)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + httpPort + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        request.header("Authorization", "Basic " + basic);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> getAsAdmin(String path) throws Exception {
        return get(path, "admin", adminPassword());
    }

    public static JsonValue json(HttpResponse<byte[]> response) {
        return json(new String(response.body(), StandardCharsets.UTF_8));
    }

    public static JsonValue json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** The newest recording of the call, as the API lists it. */
    public Optional<JsonObject> recordingOfCall(String callUuid) throws Exception {
        HttpResponse<byte[]> response = getAsAdmin("/api/recordings?limit=100");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /api/recordings answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonArray recordings = json(response).asJsonArray();
        return recordings.stream().map(JsonValue::asJsonObject)
                .filter(r -> callUuid.equals(r.getString("callUuid")))
                .findFirst();
    }

    /** Polls until the call's recording reaches {@code state}, or fails after {@code timeout}. */
    public JsonObject awaitRecordingState(String callUuid, String state, Duration timeout) throws Exception {
        return Await.until("recording of call " + callUuid + " " + state, timeout, () -> recordingOfCall(callUuid),
                found -> found.isPresent() && state.equals(found.get().getString("state"))).orElseThrow();
    }

    /**
     * Polls until the call's recording is finished, in whichever final state (COMPLETED, INCOMPLETE, FAILED):
     * for tests whose point is the audio, with the state asserted by the caller.
     */
    public JsonObject awaitRecordingFinished(String callUuid, Duration timeout) throws Exception {
        return Await.until("recording of call " + callUuid + " finished", timeout, () -> recordingOfCall(callUuid),
                found -> found.isPresent() && FINAL_STATES.contains(found.get().getString("state"))).orElseThrow();
    }

    private static final java.util.Set<String> FINAL_STATES = java.util.Set.of("COMPLETED", "INCOMPLETE", "FAILED");
}
