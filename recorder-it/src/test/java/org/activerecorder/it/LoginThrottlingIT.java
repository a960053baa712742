package org.activerecorder.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.activerecorder.it.support.ItUsers;
import org.activerecorder.it.support.RecorderServer;
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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Repeated failed logins over real HTTP, against the limits arquillian.xml gives the server (5 free failures of a
 * username, then 1 s, then 2 s at most; forgotten after 5 s): over BASIC and through the login form, the failure past
 * the allowance makes the next attempt wait, answered 429 with Retry-After even with the right password, once on the
 * audit log ({@code LOGIN_THROTTLED}, by {@code system}, from the address); after the wait the right password logs
 * in. And a stranger guessing an administrator's password from another address (127.0.0.2) is slowed, while the
 * administrator, from the address they logged in from before, is not.
 */
@ExtendWith(ArquillianExtension.class)
class LoginThrottlingIT {

    private static final String PREFIX = "itlt" + Long.toHexString(System.currentTimeMillis());
    private static final ItUsers.Account BASIC_USER = ItUsers.Account.of(PREFIX, "basic", "supervisor");
    private static final ItUsers.Account FORM_USER = ItUsers.Account.of(PREFIX, "form", "supervisor");
    private static final ItUsers.Account ADMIN = ItUsers.Account.of(PREFIX, "admin", "admin");
    private static final ItUsers.Account AUDITOR = ItUsers.Account.of(PREFIX, "auditor", "auditor");
    /** recorder.login.free-user-failures's default: the failures that cost nothing. */
    private static final int FREE = 5;
    /** recorder.login.forget-after-seconds in arquillian.xml. */
    private static final Duration FORGET = Duration.ofSeconds(5);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static RecorderServer recorder;

    @Deployment(name = "recorder", testable = false, order = 1)
    static EnterpriseArchive recorder() {
        return ItUsers.recorder();
    }

    @Deployment(name = "users", testable = false, order = 2)
    static WebArchive users() {
        return ItUsers.deployment("login-throttling-users.war", BASIC_USER, FORM_USER, ADMIN, AUDITOR);
    }

    @BeforeAll
    static void connect() {
        recorder = new RecorderServer();
    }

    /** The failures this test made from 127.0.0.1 must not slow the tests that run after it. */
    @AfterAll
    static void letTheAddressBeForgotten() throws InterruptedException {
        Thread.sleep(FORGET.toMillis() + 500);
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void basicFailuresPastTheAllowanceWaitThenTheRightPasswordLogsIn() throws Exception {
        for (int i = 0; i <= FREE; i++) {
            assertEquals(401, me(BASIC_USER.name(), "wrong " + i).statusCode(), "failure " + (i + 1) + " is tried");
        }
        HttpResponse<byte[]> refused = me(BASIC_USER.name(), BASIC_USER.password());
        assertEquals(429, refused.statusCode(), "within the wait even the right password is not tried");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(1, retryAfter, "the first wait");
        assertEquals(429, me(BASIC_USER.name(), "wrong again").statusCode());

        JsonObject entry = throttledEntry(BASIC_USER.name());
        assertEquals("127.0.0.1", entry.getString("address"));
        assertTrue(entry.getString("detail").contains("user " + BASIC_USER.name()), entry::toString);

        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
        assertEquals(200, me(BASIC_USER.name(), BASIC_USER.password()).statusCode(), "after the wait");
        assertEquals(1, throttledEntries(BASIC_USER.name()).size(), "one entry for the window, not one per refusal");
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void formFailuresPastTheAllowanceWaitThenTheRightPasswordLogsIn() throws Exception {
        for (int i = 0; i <= FREE; i++) {
            HttpResponse<String> failed = formLogin(FORM_USER.name(), "wrong " + i);
            assertTrue(failed.statusCode() != 429 && !isLoggedIn(failed), "failure " + (i + 1) + ": "
                    + failed.statusCode() + " " + failed.headers().map());
        }
        HttpResponse<String> refused = formLogin(FORM_USER.name(), FORM_USER.password());
        assertEquals(429, refused.statusCode(), "within the wait even the right password is not tried");
        throttledEntry(FORM_USER.name());

        Thread.sleep(Duration.ofSeconds(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .toMillis());
        HttpResponse<String> loggedIn = formLogin(FORM_USER.name(), FORM_USER.password());
        assertTrue(isLoggedIn(loggedIn), () -> loggedIn.statusCode() + " " + loggedIn.headers().map());
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("recorder")
    void aStrangerGuessingTheAdministratorsPasswordDoesNotKeepThemOut() throws Exception {
        assertEquals(200, me(ADMIN.name(), ADMIN.password()).statusCode(), "the administrator's desk: 127.0.0.1");
        for (int i = 0; i <= FREE; i++) {
            assertEquals(401, fromStranger(ADMIN.name(), "guess " + i), "guess " + (i + 1) + " is tried");
        }
        assertEquals(429, fromStranger(ADMIN.name(), "guess again"), "the stranger waits");
        assertEquals(200, me(ADMIN.name(), ADMIN.password()).statusCode(), "the administrator does not");
        JsonObject entry = throttledEntry(ADMIN.name());
        assertEquals("127.0.0.2", entry.getString("address"));
    }

    private static HttpResponse<byte[]> me(String user, String password) throws Exception {
        return recorder.get("/api/users/me", user, password);
    }

    private static HttpResponse<String> formLogin(String user, String password) throws Exception {
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/j_security_check"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A FORM login that worked is sent on (a redirect away from the login pages). */
    private static boolean isLoggedIn(HttpResponse<String> response) {
        int status = response.statusCode();
        return (status == 302 || status == 303)
                && !response.headers().firstValue("Location").orElse("").contains("login");
    }

    /** {@code GET /api/users/me} as {@code user} from 127.0.0.2: HttpClient cannot choose its local address. */
    private static int fromStranger(String user, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            socket.connect(new InetSocketAddress(RecorderServer.HOST, 8080), 5000);
            socket.setSoTimeout(30_000);
            String basic = Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/users/me HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAuthorization: Basic " + basic
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst()
                    .orElseThrow();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private static JsonObject throttledEntry(String user) throws Exception {
        List<JsonObject> entries = throttledEntries(user);
        assertEquals(1, entries.size(), () -> "LOGIN_THROTTLED entries of " + user + ": " + entries);
        JsonObject entry = entries.get(0);
        assertEquals("system", entry.getString("user"));
        return entry;
    }

    private static List<JsonObject> throttledEntries(String user) throws Exception {
        HttpResponse<byte[]> answer = recorder.get("/api/audit?user=system&limit=1000", AUDITOR.name(),
                AUDITOR.password());
        assertEquals(200, answer.statusCode(), () -> new String(answer.body(), StandardCharsets.UTF_8));
        return RecorderServer.json(answer).asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("action").equals("LOGIN_THROTTLED"))
                .filter(e -> user.equals(e.getString("target", null))).toList();
    }
}
