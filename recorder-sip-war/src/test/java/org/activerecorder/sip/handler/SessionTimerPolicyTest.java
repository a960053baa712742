package org.activerecorder.sip.handler;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.activerecorder.sip.status.RequestRejected;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 4028 arithmetic and negotiation, fed with parsed requests. */
class SessionTimerPolicyTest {

    private static final SessionTimerPolicy POLICY = new SessionTimerPolicy(90);

    static Request invite(String... headers) throws Exception {
        StringBuilder text = new StringBuilder("INVITE sip:record=r@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
                + "From: <sip:ms@127.0.0.1>;tag=ms1\r\n"
                + "To: <sip:record=r@127.0.0.1>\r\n"
                + "Call-ID: timer-1@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Max-Forwards: 70\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        text.append("Content-Length: 0\r\n\r\n");
        return new MessageFactoryImpl().createRequest(text.toString());
    }

    @Test
    void theSideThatDoesNotRefreshEndsTheSessionAThirdOrAt32SecondsBeforeExpiry() {
        assertEquals(Duration.ofSeconds(60), SessionTimerPolicy.expiryAfter(90), "90 - min(32, 30)");
        assertEquals(Duration.ofSeconds(1800 - 32), SessionTimerPolicy.expiryAfter(1800), "1800 - min(32, 600)");
        assertEquals(Duration.ofSeconds(96 - 32), SessionTimerPolicy.expiryAfter(96), "a third of 96 is exactly 32");
        assertEquals(Duration.ofMillis(2000), SessionTimerPolicy.expiryAfter(3), "3 - 1");
        assertEquals(Duration.ofMillis(1334), SessionTimerPolicy.expiryAfter(2), "2 - 0.666");
    }

    @Test
    void aClientThatSupportsTimersGetsItsInterval() throws Exception {
        assertEquals(OptionalInt.of(1800), POLICY.negotiate(invite("Supported: timer", "Session-Expires: 1800")));
        assertEquals(OptionalInt.of(90), POLICY.negotiate(invite("Supported: 100rel, timer",
                "Session-Expires: 90;refresher=uac")), "the minimum itself is fine");
        assertEquals(OptionalInt.of(600), POLICY.negotiate(invite("Supported: timer", "x: 600", "Min-SE: 90")),
                "compact form");
        assertEquals(OptionalInt.of(120), POLICY.negotiate(invite("Require: timer", "Session-Expires: 120")),
                "who requires timers supports them");
    }

    @Test
    void noSessionExpiresOrNoSupportForTimersMeansNoTimer() throws Exception {
        assertEquals(OptionalInt.empty(), POLICY.negotiate(invite("Supported: timer")));
        assertEquals(OptionalInt.empty(), POLICY.negotiate(invite("Session-Expires: 1800")),
                "a client that does not support timers could not refresh for us");
        assertEquals(OptionalInt.empty(), POLICY.negotiate(invite("Session-Expires: 30")),
                "nor is it refused for a small one (it could not retry with Min-SE)");
    }

    @Test
    void anIntervalBelowOurMinimumIs422WithOurMinSe() throws Exception {
        RequestRejected small = assertThrows(RequestRejected.class,
                () -> POLICY.negotiate(invite("Supported: timer", "Session-Expires: 89")));
        assertEquals(422, small.rejection().statusCode());
        assertEquals("90", small.rejection().headers().get("Min-SE"));
        assertTrue(small.rejection().reasonPhrase().startsWith("Session Interval Too Small"));
        RequestRejected configured = assertThrows(RequestRejected.class,
                () -> new SessionTimerPolicy(300).negotiate(invite("Supported: timer", "Session-Expires: 120")));
        assertEquals("300", configured.rejection().headers().get("Min-SE"));
    }

    @Test
    void deltaSecondsAreDigitsOnly() throws Exception {
        assertEquals(1800, SessionTimerPolicy.deltaSeconds("1800;refresher=uac"));
        assertEquals(1800, SessionTimerPolicy.deltaSeconds(" 1800 ; refresher=uas"));
        for (String bad : new String[]{"", "-5", "1e3", "9999999999", ";refresher=uac", "abc"}) {
            RequestRejected rejected = assertThrows(RequestRejected.class, () -> SessionTimerPolicy.deltaSeconds(bad),
                    bad);
            assertEquals(400, rejected.rejection().statusCode(), bad);
        }
    }

    /**
     * RFC 4028 §9: a request naming refresher=uas must get uas back, and the recorder never refreshes. Merely
     * supporting timers, the client gets none; requiring them, it is answered refresher=uac (a documented deviation).
     */
    @Test
    void aClientAskingUsToRefreshGetsNoTimerUnlessItRequiresOne() throws Exception {
        assertEquals(OptionalInt.empty(), POLICY.negotiate(invite("Supported: timer",
                "Session-Expires: 1800;refresher=uas")), "we cannot be the refresher: no timer");
        assertEquals(OptionalInt.of(1800), POLICY.negotiate(invite("Require: timer",
                "Session-Expires: 1800;refresher=uas")), "it insists: the timer runs, the client refreshing");
        assertThrows(RequestRejected.class, () -> POLICY.negotiate(invite("Supported: timer",
                "Session-Expires: 30;refresher=uas")), "too small is 422 whoever refreshes");
    }

    @Test
    void aRequestForUsToRefreshIsNoticed() throws Exception {
        assertTrue(SessionTimerPolicy.asksUsToRefresh(invite("Supported: timer", "Session-Expires: 1800;refresher=uas")));
        assertFalse(SessionTimerPolicy.asksUsToRefresh(invite("Supported: timer", "Session-Expires: 1800;refresher=uac")));
    }

    @Test
    void theMinimumIsASetting() {
        assertEquals(90, SessionTimerPolicy.from(Map.<String, String>of()::get).minimumSeconds());
        assertEquals(120, SessionTimerPolicy.from(Map.of(SessionTimerPolicy.MIN_SESSION_EXPIRES, " 120 ")::get)
                .minimumSeconds());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> SessionTimerPolicy.from(Map.of(SessionTimerPolicy.MIN_SESSION_EXPIRES, "soon")::get));
        assertTrue(bad.getMessage().contains(SessionTimerPolicy.MIN_SESSION_EXPIRES));
        assertThrows(IllegalArgumentException.class,
                () -> SessionTimerPolicy.from(Map.of(SessionTimerPolicy.MIN_SESSION_EXPIRES, "0")::get));
    }
}
