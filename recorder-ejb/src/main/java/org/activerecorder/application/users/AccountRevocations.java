package org.activerecorder.application.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each account was last disabled or had its roles or password changed by an administrator, so that the web tier
 * can end the sessions that began before: the realm is asked at every BASIC request, but a browser's session keeps the
 * identity (and roles) it logged in with until it ends. Kept in memory: sessions do not outlive the server.
 */
@ApplicationScoped
public class AccountRevocations {

    /** A CDI event: sessions of {@code username} that began before {@code at} must log in again. */
    public record Revoked(String username, Instant at) {
    }

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    void onRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) Revoked event) {
        revoked.merge(event.username(), event.at(), (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Whether a session of {@code username} that began at {@code sessionStart} must end. */
    public boolean revoked(String username, Instant sessionStart) {
        Instant at = revoked.get(username);
        return at != null && !sessionStart.isAfter(at);
    }
}
