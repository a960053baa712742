package org.activerecorder.sip.handler;

import org.activerecorder.sip.session.SessionTimer;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import javax.sip.header.Header;
import javax.sip.header.RequireHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * RFC 4028 session timers, as a recorder uses them: each INVITE, re-INVITE or UPDATE negotiates the timer anew, and
 * the refresher is chosen exactly as RFC 4028 §9 (Table 2) says:
 *
 * <table>
 *   <caption>The answer to a request carrying Session-Expires</caption>
 *   <tr><th>client supports timer</th><th>request's refresher</th><th>our 2xx</th></tr>
 *   <tr><td>no</td><td>none</td><td>{@code refresher=uas}: the recorder refreshes</td></tr>
 *   <tr><td>yes</td><td>none</td><td>{@code refresher=uac}: §9 leaves the choice to us; the client, which
 *       supports timers, refreshes, and the recorder stays the side that only watches</td></tr>
 *   <tr><td>yes</td><td>uac</td><td>{@code refresher=uac}</td></tr>
 *   <tr><td>yes</td><td>uas</td><td>{@code refresher=uas}: the recorder refreshes</td></tr>
 * </table>
 *
 * <p>"Supports" means {@code timer} in Supported or Require. A 2xx to a client that supports timers carries
 * {@code Require: timer} (§9: MUST with {@code uac}, SHOULD with {@code uas}); one to a client that does not
 * carries none (it would not understand it). A request without Session-Expires gets no timer: §9 lets the UAS add
 * one, but a client that asked for none ends its sessions with BYE, and unasked refreshes would only add load.
 * An interval below our minimum is refused with 422 and our {@code Min-SE} when the client supports timers (§9);
 * one that does not support them could not act on a 422 (the Session-Expires came from a proxy), so its session
 * runs without a timer.
 *
 * <p>When the client refreshes, the recorder only watches: a session whose refresh does not come in time is over
 * (see {@link SessionExpiry}). When the recorder refreshes, {@link SessionRefresher} sends the refreshes.
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
     * The session timer the 2xx to this request carries (RFC 4028 §9), or empty when the session has no timer.
     *
     * @throws RequestRejected 422 with our Min-SE when the interval is below our minimum; 400 when the
     *                         Session-Expires is not a number of seconds
     */
    Optional<SessionTimer> negotiate(Request request) throws RequestRejected {
        Header header = request.getHeader(SESSION_EXPIRES);
        if (header == null) {
            return Optional.empty();
        }
        String value = valueOf(header);
        int interval = deltaSeconds(value);
        boolean supportsTimer = OptionTags.named(request, SupportedHeader.NAME, OptionTags.TIMER)
                || requiresTimer(request);
        if (interval < minimumSeconds) {
            if (supportsTimer) {
                throw new RequestRejected(Rejection.sessionIntervalTooSmall(interval, minimumSeconds));
            }
            return Optional.empty();
        }
        boolean recorderRefreshes = !supportsTimer || "uas".equals(refresherOf(value));
        return Optional.of(new SessionTimer(interval,
                recorderRefreshes ? SessionTimer.Refresher.RECORDER : SessionTimer.Refresher.CLIENT, supportsTimer));
    }

    /**
     * The Session-Expires value of our 2xx to a request of the client: {@code uac} names the client, {@code uas} the
     * recorder, the roles of that request (RFC 4028 §4).
     */
    static String sessionExpires(SessionTimer timer) {
        return timer.intervalSeconds() + (timer.recorderRefreshes() ? ";refresher=uas" : ";refresher=uac");
    }

    /**
     * The Session-Expires value of a refresh the recorder sends: in its own request the recorder is the UAC, so
     * {@code refresher=uac} says that it goes on refreshing (RFC 4028 §7.4).
     */
    static String refreshSessionExpires(int intervalSeconds) {
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

    /**
     * The refresher parameter of a Session-Expires value, lower case, or null when it names none.
     */
    static String refresherOf(String value) {
        // by hand, like deltaSeconds: the value may be one JAIN-SIP's parser did not take
        for (String parameter : value.split(";")) {
            String[] nameAndValue = parameter.split("=", 2);
            if (nameAndValue.length == 2 && nameAndValue[0].strip().equalsIgnoreCase("refresher")) {
                return nameAndValue[1].strip().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** The Session-Expires header's value, as it came. */
    static String valueOf(Header header) {
        String text = header.toString();
        int colon = text.indexOf(':');
        return (colon < 0 ? text : text.substring(colon + 1)).strip();
    }
}
