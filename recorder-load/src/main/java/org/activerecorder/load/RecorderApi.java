package org.activerecorder.load;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The recorder's REST API as the load tool reads it: a call's recordings and a recording's audio.
 *
 * <p>It logs in once with the login form and sends the session's cookie after that, as an integration that reads many
 * recordings should: every request with BASIC credentials has the server check the password's bcrypt hash again,
 * about 0.1-0.15 s of CPU each (docs/performance.md, *Series Z*), which kept both cores busy for a minute and a half
 * when 1,000 recordings were read back that way. A request refused 401 (the session ended) logs in again once; if the
 * form login does not give a session, it goes on with BASIC credentials on every request.
 */
final class RecorderApi {

    /** How requests are authenticated: not decided until the first one, then by the session or by BASIC. */
    private enum Login { UNDECIDED, SESSION, BASIC }

    private final String base;
    private final String user;
    private final String password;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(new CookieManager()).build();
    private volatile Login login = Login.UNDECIDED;

    RecorderApi(String base, String user, String password) {
        this.base = base;
        this.user = user;
        this.password = password;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code POST /j_security_check}: the container's form login answers 302 to the console when it took the password
     * (the session cookie comes with it) and forwards to its error page otherwise. A form login that fails is not tried
     * again: each try would count as a failed login, and the requests go on with BASIC credentials, which fail or
     * succeed on their own.
     */
    private synchronized void logIn(boolean renew) throws IOException, InterruptedException {
        if (login == Login.BASIC || login == Login.SESSION && !renew) {
            return;
        }
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        boolean taken = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 302;
        login = taken ? Login.SESSION : Login.BASIC;
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
        if (login == Login.UNDECIDED) {
            logIn(false);
        }
        HttpResponse<byte[]> response = send(path);
        if (response.statusCode() == 401 && login == Login.SESSION) {
            logIn(true); // the session ended (the server restarted, or it timed out): once more
            response = send(path);
            if (response.statusCode() == 401) {
                login = Login.BASIC; // a session that the API does not take: BASIC from now on
                response = send(path);
            }
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpResponse<byte[]> send(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (login == Login.BASIC) {
            request.header("Authorization", authorization);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
