package org.activerecorder.interfaces.web;

import io.undertow.security.api.SecurityContext;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import jakarta.servlet.ServletContext;
import org.activerecorder.application.audit.AuditTrail;
import org.activerecorder.domain.model.audit.AuditAction;
import org.activerecorder.domain.model.audit.AuditTarget;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs before Elytron on every request of the WAR: an attempt to log in (BASIC credentials, or the login form's POST)
 * that the {@link LoginThrottle} says must wait is answered {@code 429 Too Many Requests} with {@code Retry-After},
 * without reaching the realm; the others go on, and their outcome is told to the throttle as their response is
 * committed, before the client can read it and send its next attempt.
 * The first refusal of each window is logged and written to the audit log ({@code LOGIN_THROTTLED}), not every one.
 */
final class ThrottledLogins implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(ThrottledLogins.class.getName());

    /** Where no login is needed (web.xml): credentials sent there are never checked, so prove nothing. */
    private static final Set<String> OPEN_PATHS = Set.of(LoginPage.PATH, "/login-error.html", "/recorder.css");

    private final HttpHandler next;
    private final LoginThrottle throttle;
    private final ServletContext context;
    private final LongSupplier clock;

    ThrottledLogins(HttpHandler next, LoginThrottle throttle, ServletContext context, LongSupplier clock) {
        this.next = next;
        this.throttle = throttle;
        this.context = context;
        this.clock = clock;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (LoginAttempt.isFormLogin(exchange) && exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        String tried = LoginAttempt.user(exchange);
        if (tried == null) {
            next.handleRequest(exchange);
            return;
        }
        String user = printable(tried);
        String address = exchange.getSourceAddress().getAddress().getHostAddress();
        LoginThrottle.Verdict verdict = throttle.check(user, address, clock.getAsLong());
        if (!verdict.allowed()) {
            if (exchange.isInIoThread()) {
                exchange.dispatch(() -> refuse(exchange, user, address, verdict));
            } else {
                refuse(exchange, user, address, verdict);
            }
            return;
        }
        // now: a failed login is forwarded to a login page, which changes the exchange's path
        boolean open = OPEN_PATHS.contains(exchange.getRelativePath());
        AtomicBoolean told = new AtomicBoolean();
        // Told when the response is committed, before its first byte leaves: told only when the exchange was done, a
        // client that sent its next guess as soon as it read the 401 could have it checked before this failure was
        // counted, and tried one password past the allowance (LoginThrottlingIT saw the right password answered 200
        // within the wait, once). The exchange's end tells it too if nothing was ever committed (a dropped connection).
        exchange.addResponseCommitListener(committed -> tellOnce(told, committed, user, address, open));
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            try {
                tellOnce(told, done, user, address, open);
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    private void tellOnce(AtomicBoolean told, HttpServerExchange exchange, String user, String address, boolean open) {
        if (told.compareAndSet(false, true)) {
            tell(exchange, user, address, open);
        }
    }

    /**
     * The name as the throttle, the log and the audit log keep it: a stranger chooses it, so no line breaks or other
     * control characters that could forge a log line. (A real user's name has none: docs/users.md.)
     */
    static String printable(String name) {
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().forEach(c -> kept.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return kept.toString();
    }

    private void tell(HttpServerExchange done, String user, String address, boolean open) {
        SecurityContext security = done.getSecurityContext();
        if (security != null && security.isAuthenticated() && security.getAuthenticatedAccount() != null) {
            throttle.succeeded(security.getAuthenticatedAccount().getPrincipal().getName(), address,
                    clock.getAsLong());
        } else if (!open) {
            throttle.failed(user, address, clock.getAsLong());
        }
    }

    private void refuse(HttpServerExchange exchange, String user, String address, LoginThrottle.Verdict verdict) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(verdict.waitNanos() + 999_999_999L));
        if (verdict.firstRefusal()) {
            String detail = verdict.failures() + " failed logins of " + verdict.limit() + "; user " + user
                    + " from " + address + " waits " + seconds + " s";
            LOG.warning(() -> "Login refused for a while: " + detail);
            audit(address, user, detail);
        }
        exchange.setStatusCode(429);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
        if (LoginAttempt.isFormLogin(exchange)) { // a person at the login form
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=UTF-8");
            exchange.getResponseSender().send("<!DOCTYPE html><html><head><title>Active Recorder</title>"
                    + "<link rel=\"stylesheet\" href=\"recorder.css\"></head><body><p>Too many failed logins: try "
                    + "again in " + seconds + " s.</p><p><a href=\".\">Log in</a></p></body></html>");
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send("{\"status\":429,\"error\":\"Too Many Requests\",\"message\":\"too many "
                + "failed logins: try again in " + seconds + " s\"}");
    }

    private void audit(String address, String user, String detail) {
        Object trail = context.getAttribute(AuditTrailBinding.ATTRIBUTE);
        if (!(trail instanceof AuditTrail audit)) {
            LOG.warning("Login refusal not on the audit log: the audit trail is not bound yet");
            return;
        }
        try {
            String target = user.length() > AuditTarget.MAX_ID_LENGTH ? user.substring(0, AuditTarget.MAX_ID_LENGTH)
                    : user;
            audit.recordBySystemFor(address, AuditAction.LOGIN_THROTTLED, AuditTarget.user(target), detail);
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Login refusal not on the audit log: " + detail, failed);
        }
    }
}
