package org.activerecorder.interfaces.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a login attempt must wait after failed ones: per username and per source address, a delay that doubles
 * with each failure past a free allowance, up to a ceiling, and is forgotten after a quiet spell. Never a lock: once
 * the delay has passed, the next attempt is tried. A stranger guessing the administrator's password slows down every
 * address but those the administrator has logged in from lately ("known" addresses), which only their own address's
 * record can slow down; so a stranger cannot keep the administrator out of a place they work from.
 *
 * <p>Why not Elytron's own protection alone: WildFly's brute-force wrapper of the realm counts per username only and
 * then refuses every address, the right password too, for whole minutes: exactly the lock-out of the only
 * administrator that a stranger must not be able to cause (docs/users.md, "Failed logins").
 *
 * <p>Bounded: past {@link #MAX_KEPT} records a map drops those forgotten anyway, and if still full, all of them.
 */
final class LoginThrottle {

    static final int MAX_KEPT = 10_000;

    /** The limits; delays and spells in nanoseconds. */
    record Limits(int freeUserFailures, int freeAddressFailures, long firstDelayNanos, long maxDelayNanos,
                  long forgetAfterNanos, long knownAddressNanos) {
    }

    /** Whether an attempt may go on; if not, how long it must wait and whether this is the window's first refusal. */
    record Verdict(long waitNanos, String limit, int failures, boolean firstRefusal) {
        static final Verdict GO = new Verdict(0, null, 0, false);

        boolean allowed() {
            return waitNanos <= 0;
        }
    }

    /** Failures of one username or one address; guarded by the map's compute. */
    private static final class Failures {
        int count;
        long lastNanos;
        /** The end of the window whose first refusal was already reported. */
        long reportedUntilNanos;
    }

    private final Limits limits;
    private final Map<String, Failures> byUser = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Long> knownAddresses = new ConcurrentHashMap<>();

    LoginThrottle(Limits limits) {
        this.limits = limits;
    }

    /** Whether {@code user} may try a password from {@code address} now; the address is checked first. */
    Verdict check(String user, String address, long nowNanos) {
        Verdict byItsAddress = check(byAddress, address, limits.freeAddressFailures(), "address " + address,
                nowNanos);
        if (!byItsAddress.allowed() || isKnown(user, address, nowNanos)) {
            return byItsAddress;
        }
        return check(byUser, user, limits.freeUserFailures(), "user " + user, nowNanos);
    }

    /** {@code user}'s password was wrong (or the user unknown) from {@code address}. */
    void failed(String user, String address, long nowNanos) {
        count(byUser, user, nowNanos);
        count(byAddress, address, nowNanos);
    }

    /**
     * {@code user} logged in from {@code address}: their failures are forgotten and the address becomes known for
     * them. The address's own failures stay (another account's success must not wipe a guesser's record).
     */
    void succeeded(String user, String address, long nowNanos) {
        byUser.remove(user);
        bound(knownAddresses, nowNanos);
        knownAddresses.put(user + '\n' + address, nowNanos);
    }

    private boolean isKnown(String user, String address, long nowNanos) {
        Long since = knownAddresses.get(user + '\n' + address);
        return since != null && nowNanos - since < limits.knownAddressNanos();
    }

    private Verdict check(Map<String, Failures> records, String key, int free, String limit, long nowNanos) {
        Verdict[] verdict = {Verdict.GO};
        records.computeIfPresent(key, (k, failures) -> {
            if (nowNanos - failures.lastNanos >= limits.forgetAfterNanos()) {
                return null;
            }
            long until = failures.lastNanos + delayAfter(failures.count, free);
            if (nowNanos < until) {
                boolean first = failures.reportedUntilNanos != until;
                failures.reportedUntilNanos = until;
                verdict[0] = new Verdict(until - nowNanos, limit, failures.count, first);
            }
            return failures;
        });
        return verdict[0];
    }

    private void count(Map<String, Failures> records, String key, long nowNanos) {
        if (!records.containsKey(key)) {
            bound(records, nowNanos);
        }
        records.compute(key, (k, failures) -> {
            Failures counted = failures == null || nowNanos - failures.lastNanos >= limits.forgetAfterNanos()
                    ? new Failures() : failures;
            counted.count++;
            counted.lastNanos = nowNanos;
            return counted;
        });
    }

    /** The wait after {@code count} failures: none within the allowance, then doubling from the first delay. */
    long delayAfter(int count, int free) {
        int past = count - free;
        if (past <= 0) {
            return 0;
        }
        long delay = limits.firstDelayNanos() << Math.min(past - 1, 30);
        return delay <= 0 ? limits.maxDelayNanos() : Math.min(delay, limits.maxDelayNanos());
    }

    private <V> void bound(Map<String, V> records, long now) {
        if (records.size() < MAX_KEPT) {
            return;
        }
        records.values().removeIf(value -> value instanceof Failures failures
                ? now - failures.lastNanos >= limits.forgetAfterNanos()
                : now - (Long) value >= limits.knownAddressNanos());
        if (records.size() >= MAX_KEPT) {
            records.clear();
        }
    }
}
