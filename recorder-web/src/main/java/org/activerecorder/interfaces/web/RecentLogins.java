package org.activerecorder.interfaces.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which session-less callers (API clients over BASIC) logged in lately: a user from an address counts as one login
 * per {@link #WINDOW}. Bounded: past {@link #MAX_KEPT} pairs it forgets them all, which costs at most one extra
 * login entry per pair.
 */
final class RecentLogins {

    static final Duration WINDOW = Duration.ofMinutes(30);
    static final int MAX_KEPT = 10_000;

    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

    /** Whether this is the first request of {@code user} from {@code address} in the window ending at {@code now}. */
    boolean firstIn(String user, String address, long nowNanos) {
        if (lastSeen.size() >= MAX_KEPT) {
            lastSeen.clear();
        }
        boolean[] first = {false};
        lastSeen.compute(user + '\n' + address, (key, seen) -> {
            if (seen == null || nowNanos - seen >= WINDOW.toNanos()) {
                first[0] = true;
                return nowNanos;
            }
            return seen;
        });
        return first[0];
    }
}
