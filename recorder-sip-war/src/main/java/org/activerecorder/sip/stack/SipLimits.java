package org.activerecorder.sip.stack;

import java.util.function.UnaryOperator;

/**
 * How much SIP work the recorder takes on before it says no. Read from system properties like
 * {@link SipSettings}; every limit has an answer a Media Server understands (503 with Retry-After, or a
 * dropped oversized datagram) and a counter ({@code SipCounters}).
 * <table>
 *   <caption>SIP limits</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #MAX_SESSIONS}</td><td>2000</td><td>recording sessions (dialogs) opening or established
 *       at once; the next INVITE gets 503</td></tr>
 *   <tr><td>{@value #MAX_SESSIONS_PER_PEER}</td><td>2000</td><td>the same, per source address</td></tr>
 *   <tr><td>{@value #MAX_PENDING_WORK}</td><td>200</td><td>session openings handed to the executor and not
 *       finished (running or queued); the next INVITE gets 503 at once instead of waiting in a queue</td></tr>
 *   <tr><td>{@value #MAX_MESSAGE_BYTES}</td><td>65536</td><td>largest SIP message read (at least 4096)</td></tr>
 *   <tr><td>{@value #COUNTERS_LOG_SECONDS}</td><td>300</td><td>how often the SIP counters are logged when
 *       they changed (0: never)</td></tr>
 * </table>
 *
 * @param maxSessions        sessions at once, in total
 * @param maxSessionsPerPeer sessions at once from one source address
 * @param maxPendingWork     session openings running or queued on the executor
 * @param maxMessageBytes    largest message read, over any transport
 * @param countersLogSeconds interval of the counters' log line, 0 for none
 */
public record SipLimits(int maxSessions, int maxSessionsPerPeer, int maxPendingWork, int maxMessageBytes,
                        int countersLogSeconds) {

    public static final String MAX_SESSIONS = "recorder.sip.max-sessions";
    public static final String MAX_SESSIONS_PER_PEER = "recorder.sip.max-sessions-per-peer";
    public static final String MAX_PENDING_WORK = "recorder.sip.max-pending-work";
    public static final String MAX_MESSAGE_BYTES = "recorder.sip.max-message-bytes";
    public static final String COUNTERS_LOG_SECONDS = "recorder.sip.counters-log-seconds";

    /** JAIN-SIP raises any smaller MAX_MESSAGE_SIZE to this; refusing it here keeps the setting honest. */
    static final int MIN_MESSAGE_BYTES = 4096;

    /** The limits when nothing is configured. */
    public static final SipLimits DEFAULTS = new SipLimits(2000, 2000, 2000, 64 * 1024, 300);

    public SipLimits {
        positive(MAX_SESSIONS, maxSessions);
        positive(MAX_SESSIONS_PER_PEER, maxSessionsPerPeer);
        positive(MAX_PENDING_WORK, maxPendingWork);
        if (maxMessageBytes < MIN_MESSAGE_BYTES) {
            throw new IllegalArgumentException(MAX_MESSAGE_BYTES + " must be at least " + MIN_MESSAGE_BYTES + ": "
                    + maxMessageBytes);
        }
        if (countersLogSeconds < 0) {
            throw new IllegalArgumentException(COUNTERS_LOG_SECONDS + " must not be negative: " + countersLogSeconds);
        }
    }

    /** The limits from the JVM's system properties. */
    public static SipLimits fromSystemProperties() {
        return from(System::getProperty);
    }

    /**
     * The limits from any property source (a map's {@code get} in tests).
     *
     * @throws IllegalArgumentException naming the property when a value is invalid
     */
    public static SipLimits from(UnaryOperator<String> properties) {
        return new SipLimits(
                number(properties, MAX_SESSIONS, DEFAULTS.maxSessions),
                number(properties, MAX_SESSIONS_PER_PEER, DEFAULTS.maxSessionsPerPeer),
                number(properties, MAX_PENDING_WORK, DEFAULTS.maxPendingWork),
                number(properties, MAX_MESSAGE_BYTES, DEFAULTS.maxMessageBytes),
                number(properties, COUNTERS_LOG_SECONDS, DEFAULTS.countersLogSeconds));
    }

    private static int number(UnaryOperator<String> properties, String name, int fallback) {
        String value = properties.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(name + " is not a whole number: '" + value.trim() + "'");
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }

    @Override
    public String toString() {
        return "sessions " + maxSessions + " (" + maxSessionsPerPeer + " per peer), pending work " + maxPendingWork
                + ", messages up to " + maxMessageBytes + " bytes";
    }
}
