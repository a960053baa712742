package org.activerecorder.interfaces.web;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A failed login is counted before its answer reaches the client, over a real Undertow server on 127.0.0.1: a client
 * that sends its next guess, on a new connection, as soon as it has read the 401 must find it counted. The handler
 * behind the throttle stands in for Elytron and holds the end of each exchange back for
 * {@value #SLOW_END_MILLIS} ms (a server thread descheduled after writing the response: LoginThrottlingIT saw the
 * right password answered 200 within the wait once, on a busy machine).
 */
class ThrottledLoginsRaceTest {

    private static final int FREE = 2;
    private static final long SLOW_END_MILLIS = 300;

    private Undertow server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aGuessSentAsSoonAsTheLastFailuresAnswerIsReadIsAlreadyMadeToWait() throws IOException {
        LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(FREE, 20,
                TimeUnit.SECONDS.toNanos(5), TimeUnit.SECONDS.toNanos(60), TimeUnit.SECONDS.toNanos(900),
                TimeUnit.HOURS.toNanos(1)));
        HttpHandler realm = exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(this::refuseSlowly); // off the I/O threads, which must stay free for the next guess
                return;
            }
            refuseSlowly(exchange);
        };
        server = Undertow.builder().setIoThreads(4).addHttpListener(0, "127.0.0.1")
                .setHandler(new ThrottledLogins(realm, throttle, noAttributes(), System::nanoTime)).build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();

        for (int i = 0; i <= FREE; i++) {
            assertEquals(401, status(port, "wrong " + i), "failure " + (i + 1) + " is tried");
        }
        assertEquals(429, status(port, "another guess"), "the last failure was counted before its 401 was read");
    }

    private void refuseSlowly(HttpServerExchange exchange) {
        exchange.addExchangeCompleteListener((done, next) -> {
            LockSupport.parkNanos(Duration.ofMillis(SLOW_END_MILLIS).toNanos());
            next.proceed();
        });
        exchange.setStatusCode(401);
        exchange.endExchange();
    }

    /** One request with BASIC credentials on a connection of its own, closed after it; its status code. */
    private static int status(int port, String password) throws IOException {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + password)
                .getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + credentials
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            return Integer.parseInt(line.toString().split(" ")[1]);
        }
    }

    private static ServletContext noAttributes() {
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> null);
    }
}
