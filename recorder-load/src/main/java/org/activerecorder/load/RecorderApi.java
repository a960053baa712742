package org.activerecorder.load;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The recorder's REST API as the load tool reads it: a call's recordings and a recording's audio. */
final class RecorderApi {

    private final String base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    RecorderApi(String base, String user, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET /api/recordings?callUuid=..}: the call's recordings, streams and counters included. */
    JsonArray recordingsOf(String callUuid) throws IOException, InterruptedException {
        String body = new String(get("/api/recordings?limit=10&callUuid="
                + URLEncoder.encode(callUuid, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readArray();
        }
    }

    /** {@code GET /api/recordings/{id}}. */
    JsonObject recording(long id) throws IOException, InterruptedException {
        String body = new String(get("/api/recordings/" + id), StandardCharsets.UTF_8);
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** {@code GET /api/recordings/{id}/audio}: the WAV. */
    byte[] audio(long id) throws IOException, InterruptedException {
        return get("/api/recordings/" + id + "/audio");
    }

    private byte[] get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }
}
