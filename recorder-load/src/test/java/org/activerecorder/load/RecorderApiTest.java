package org.activerecorder.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the load tool authenticates its reads, against a stand-in for the recorder's HTTP side on a free port of
 * 127.0.0.1: the container's form login ({@code POST /j_security_check}: 302 and a session cookie for the right
 * password, the error page with 200 otherwise) and an API that takes the session's cookie or Basic credentials and
 * answers 401 without either.
 */
class RecorderApiTest {

    private static final String USER = "admin";
    private static final String PASSWORD = "s3cret:with colon";
    private static final byte[] WAV = "RIFF....WAVE".getBytes(StandardCharsets.US_ASCII);

    private HttpServer server;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger formLogins = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean formLoginWorks = true;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/j_security_check", this::formLogin);
        server.createContext("/api/", this::api);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void logsInOnceWithTheFormAndReadsWithTheSessionsCookie() throws Exception {
        RecorderApi api = new RecorderApi(base(), USER, PASSWORD);

        assertEquals(0, api.recordingsOf("CALL-1").size());
        assertEquals(7, api.recording(7).getInt("id"));
        assertArrayEquals(WAV, api.audio(7));

        assertEquals(1, formLogins.get(), "one form login for all the reads");
        assertEquals(List.of("none", "none", "none"), authorizations, "no password sent with the reads");
    }

    @Test
    void readsWithBasicCredentialsWhenTheFormLoginIsRefusedAndDoesNotTryItAgain() throws Exception {
        formLoginWorks = false;
        RecorderApi api = new RecorderApi(base(), USER, PASSWORD);

        api.recording(1);
        api.recording(2);

        assertEquals(1, formLogins.get(), "a refused form login is not tried again (each try counts as a failure)");
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(basic, basic), authorizations);
    }

    @Test
    void logsInAgainOnceWhenTheSessionEnded() throws Exception {
        RecorderApi api = new RecorderApi(base(), USER, PASSWORD);
        api.recording(1);

        sessions.clear(); // the server restarted, or the session timed out
        assertEquals(2, api.recording(2).getInt("id"));

        assertEquals(2, formLogins.get());
        assertEquals(List.of("none", "none", "none"), authorizations, "401, then the read again in the new session");
    }

    @Test
    void aRefusalThatNoLoginCuresIsAnError() throws Exception {
        RecorderApi api = new RecorderApi(base(), USER, "wrong");

        IOException refused = assertThrows(IOException.class, () -> api.recording(1));

        assertTrue(refused.getMessage().contains("401"), refused.getMessage());
        assertEquals(1, formLogins.get());
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void formLogin(HttpExchange exchange) throws IOException {
        formLogins.incrementAndGet();
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String expected = "j_username=admin&j_password=s3cret%3Awith+colon";
        if (formLoginWorks && "POST".equals(exchange.getRequestMethod()) && form.equals(expected)) {
            String session = UUID.randomUUID().toString();
            sessions.add(session);
            exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + session + "; path=/; HttpOnly");
            exchange.getResponseHeaders().add("Location", base() + "/");
            exchange.sendResponseHeaders(302, -1);
        } else {
            send(exchange, 200, "<html>log-in failed</html>".getBytes(StandardCharsets.UTF_8));
        }
        exchange.close();
    }

    private void api(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String cookie = exchange.getRequestHeaders().getFirst("Cookie");
        authorizations.add(authorization == null ? "none" : authorization);
        boolean inSession = cookie != null && sessions.stream().anyMatch(id -> cookie.contains("JSESSIONID=" + id));
        boolean basic = ("Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8))).equals(authorization);
        if (!inSession && !basic) {
            send(exchange, 401, "{\"status\":401}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/audio")) {
            send(exchange, 200, WAV);
        } else if (path.equals("/api/recordings")) {
            send(exchange, 200, "[]".getBytes(StandardCharsets.UTF_8));
        } else {
            String id = path.substring(path.lastIndexOf('/') + 1);
            send(exchange, 200, ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
