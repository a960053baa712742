package org.activerecorder.sip.handler;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.activerecorder.sip.session.SessionTimer;
import org.activerecorder.sip.status.RequestRejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sip.message.Request;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

    /**
     * RFC 4028 §9 as a table: the request's Supported/Require and Session-Expires, and the Session-Expires (and
     * Require) of our 2xx. "none" is a session without a timer: no Session-Expires in the answer.
     */
    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // Table 2: the client supports timer and names no refresher: §9 lets us choose; the client refreshes
            "Supported: timer            | 1800                 | 1800;refresher=uac | true",
            "Supported: 100rel, timer    | 90;refresher=uac     | 90;refresher=uac   | true",
            "Require: timer              | 120                  | 120;refresher=uac  | true",
            // it names the refresher: the answer names the same (§9 MUST)
            "Supported: timer            | 1800;refresher=uac   | 1800;refresher=uac | true",
            "Supported: timer            | 1800;refresher=uas   | 1800;refresher=uas | true",
            "Require: timer              | 1800;refresher=uas   | 1800;refresher=uas | true",
            "Supported: timer            | 1800 ; Refresher=UAS | 1800;refresher=uas | true",
            // it does not support timer (a proxy put the Session-Expires in): the UAS refreshes, no Require
            "Supported: 100rel           | 1800                 | 1800;refresher=uas | false",
            "Supported: 100rel           | 1800;refresher=uac   | 1800;refresher=uas | false",
            // below our minimum without support: it could not act on a 422, so no timer
            "Supported: 100rel           | 30                   | none               | false",
    })
    void theRefresherIsChosenAsRfc4028Section9Says(String options, String sessionExpires, String answer,
                                                    boolean require) throws Exception {
        Optional<SessionTimer> timer = POLICY.negotiate(invite(options, "Session-Expires: " + sessionExpires));
        assertEquals(answer, timer.map(SessionTimerPolicy::sessionExpires).orElse("none"));
        timer.ifPresent(negotiated -> assertEquals(require, negotiated.clientSupports(),
                "Require: timer in our 2xx exactly when the client supports timer"));
    }

    @Test
    void withoutSessionExpiresTheSessionHasNoTimer() throws Exception {
        assertEquals(Optional.empty(), POLICY.negotiate(invite("Supported: timer")),
                "the client asked for none; §9 lets us add one, and we do not");
        assertEquals(Optional.empty(), POLICY.negotiate(invite("Supported: 100rel")));
    }

    @Test
    void theCompactFormIsRead() throws Exception {
        assertEquals(Optional.of(new SessionTimer(600, SessionTimer.Refresher.CLIENT, true)),
                POLICY.negotiate(invite("Supported: timer", "x: 600", "Min-SE: 90")));
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

    @Test
    void tooSmallIs422WhoeverRefreshes() {
        assertThrows(RequestRejected.class, () -> POLICY.negotiate(invite("Supported: timer",
                "Session-Expires: 30;refresher=uas")));
    }

    @Test
    void aRefreshWeSendNamesUsAsItsUac() {
        assertEquals("1800;refresher=uac", SessionTimerPolicy.refreshSessionExpires(1800),
                "in our own request we are the UAC (RFC 4028 §4, §7.4)");
        assertEquals("uas", SessionTimerPolicy.refresherOf("1800; refresher = UAS"));
        assertEquals(null, SessionTimerPolicy.refresherOf("1800"));
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
