package org.activerecorder.sip.handler;

import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import javax.sip.header.Header;
import javax.sip.header.RequireHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * RFC 4028 session timers, as a recorder uses them: it never refreshes (it sends no request but BYE), so the Media
 * Server or SIPREC client always does ({@code refresher=uac}), and the recorder only watches. A session whose
 * refresh does not come in time is over (the client crashed, or its BYE was lost), and the recorder ends it
 * (see {@link SessionExpiry}).
 *
 * <p>Each INVITE, re-INVITE or UPDATE negotiates the timer anew (RFC 4028 §9): with a {@code Session-Expires} from a
 * client that supports {@code timer}, the answer carries the same interval with {@code refresher=uac} and
 * {@code Require: timer}; a smaller interval than our minimum is refused with 422 and our {@code Min-SE}. Without
 * it, or from a client that does not support timers (it could not refresh for us), the session has no timer.
 * A client asking us to refresh ({@code refresher=uas}) would have to get {@code refresher=uas} back (RFC 4028 §9:
 * the UAS may choose the refresher only when the request named none), and we cannot refresh: if it merely supports
 * timers, the session gets no timer (no Session-Expires in the answer, which §9 allows a UAS to do when the request
 * does not require timers: the client then runs none either). If it requires {@code timer}, it is answered
 * {@code refresher=uac} all the same, a deviation from §9 (logged): the alternatives are refusing a recording the
 * client can make, or promising refreshes that never come, after which the client would end the call's recording.
 *
 * @param minimumSeconds our Min-SE: the smallest interval accepted; RFC 4028 §5 says at least 90, smaller values
 *                       are for tests only
 */
public record SessionTimerPolicy(int minimumSeconds) {

    /** The setting for our Min-SE, in seconds. */
    public static final String MIN_SESSION_EXPIRES = "recorder.sip.min-session-expires";
    static final int DEFAULT_MINIMUM_SECONDS = 90;
    static final String SESSION_EXPIRES = "Session-Expires";
    static final String MIN_SE = "Min-SE";
    /** RFC 4028 §10: the side that does not refresh ends the session this long before expiry, at most. */
    static final int MAX_EXPIRY_MARGIN_SECONDS = 32;
    /** delta-seconds longer than this cannot be an interval anyone means (over 31 years). */
    private static final int MAX_DIGITS = 9;

    public SessionTimerPolicy {
        if (minimumSeconds < 1) {
            throw new IllegalArgumentException(MIN_SESSION_EXPIRES + " must be at least 1 s: " + minimumSeconds);
        }
    }

    /** The policy from the JVM's system properties. */
    public static SessionTimerPolicy fromSystemProperties() {
        return from(System::getProperty);
    }

    /**
     * The policy from any property source.
     *
     * @throws IllegalArgumentException naming the property when its value is not a positive number
     */
    public static SessionTimerPolicy from(UnaryOperator<String> properties) {
        String text = properties.apply(MIN_SESSION_EXPIRES);
        if (text == null || text.isBlank()) {
            return new SessionTimerPolicy(DEFAULT_MINIMUM_SECONDS);
        }
        try {
            return new SessionTimerPolicy(Integer.parseInt(text.strip()));
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(MIN_SESSION_EXPIRES + " is not a number of seconds: '" + text + "'");
        }
    }

    /**
     * The session interval the 2xx to this request carries, in seconds, or empty when the session has no timer.
     *
     * @throws RequestRejected 422 with our Min-SE when the interval is below our minimum; 400 when the
     *                         Session-Expires is not a number of seconds
     */
    OptionalInt negotiate(Request request) throws RequestRejected {
        Header header = request.getHeader(SESSION_EXPIRES);
        boolean supportsTimer = OptionTags.named(request, SupportedHeader.NAME, OptionTags.TIMER)
                || OptionTags.named(request, RequireHeader.NAME, OptionTags.TIMER);
        if (header == null || !supportsTimer) {
            return OptionalInt.empty();
        }
        int interval = deltaSeconds(valueOf(header));
        if (interval < minimumSeconds) {
            throw new RequestRejected(Rejection.sessionIntervalTooSmall(interval, minimumSeconds));
        }
        if (asksUsToRefresh(request) && !requiresTimer(request)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(interval);
    }

    /** The Session-Expires value of our 2xx: the client refreshes. */
    static String sessionExpires(int intervalSeconds) {
        return intervalSeconds + ";refresher=uac";
    }

    /**
     * How long after a refresh the session ends without another (RFC 4028 §10): the interval minus the smaller of
     * 32 s and a third of it, so that the refresher's BYE, if it sends one at expiry, is not crossed by ours.
     */
    static Duration expiryAfter(int intervalSeconds) {
        long intervalMillis = intervalSeconds * 1000L;
        long margin = Math.min(MAX_EXPIRY_MARGIN_SECONDS * 1000L, intervalMillis / 3);
        return Duration.ofMillis(intervalMillis - margin);
    }

    /** The delta-seconds at the head of a Session-Expires value ({@code 1800;refresher=uac}). */
    static int deltaSeconds(String value) throws RequestRejected {
        // by hand: JAIN-SIP's own parse of the header is not there when its parser rejected the value
        String seconds = value.split(";", 2)[0].strip();
        if (seconds.isEmpty() || seconds.length() > MAX_DIGITS || !seconds.chars().allMatch(Character::isDigit)) {
            throw new RequestRejected(Rejection.malformedRequest("Session-Expires is not a number of seconds"));
        }
        return Integer.parseInt(seconds);
    }

    /** Whether the request lists {@code timer} in Require: it insists on a session timer. */
    static boolean requiresTimer(Request request) {
        return OptionTags.named(request, RequireHeader.NAME, OptionTags.TIMER);
    }

    /** Whether the request asks us to refresh, which we never do. */
    static boolean asksUsToRefresh(Request request) {
        Header header = request.getHeader(SESSION_EXPIRES);
        return header != null && valueOf(header).toLowerCase(Locale.ROOT).replace(" ", "").contains("refresher=uas");
    }

    private static String valueOf(Header header) {
        String text = header.toString();
        int colon = text.indexOf(':');
        return (colon < 0 ? text : text.substring(colon + 1)).strip();
    }
}
