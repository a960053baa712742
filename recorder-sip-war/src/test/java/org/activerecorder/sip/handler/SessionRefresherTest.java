package org.activerecorder.sip.handler;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.activerecorder.sip.session.SessionTimer;
import org.junit.jupiter.api.Test;

import javax.sip.message.Response;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the answer to our refresh says (RFC 4028 §7.2), and when a refresh may be an UPDATE (§7.4): parsed messages. */
class SessionRefresherTest {

    private static Response okToOurRefresh(String... headers) throws Exception {
        StringBuilder text = new StringBuilder("SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-r1\r\n"
                + "From: <sip:record=r@127.0.0.1>;tag=rec1\r\n"
                + "To: <sip:ms@127.0.0.1>;tag=ms1\r\n"
                + "Call-ID: refresh-1@127.0.0.1\r\n"
                + "CSeq: 1 UPDATE\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        text.append("Content-Length: 0\r\n\r\n");
        return new MessageFactoryImpl().createResponse(text.toString());
    }

    @Test
    void inTheAnswerToOurRefreshUacNamesTheRecorder() throws Exception {
        assertEquals(Optional.of(new SessionTimer(1800, SessionTimer.Refresher.RECORDER, true)),
                SessionRefresher.timerOf(okToOurRefresh("Session-Expires: 1800;refresher=uac")),
                "we sent the request: we go on refreshing");
        assertEquals(Optional.of(new SessionTimer(900, SessionTimer.Refresher.CLIENT, true)),
                SessionRefresher.timerOf(okToOurRefresh("Session-Expires: 900;refresher=uas")),
                "the client took the refreshes over: the recorder watches from now on");
    }

    @Test
    void anAnswerWithoutSessionExpiresEndsTheTimer() throws Exception {
        assertEquals(Optional.empty(), SessionRefresher.timerOf(okToOurRefresh()), "RFC 4028 §7.2: no expiration");
    }

    @Test
    void updateOnlyWhenTheClientsInviteAllowsIt() throws Exception {
        assertTrue(SessionRefresher.allowsUpdate(SessionTimerPolicyTest.invite("Allow: INVITE, ACK, BYE, UPDATE")));
        assertTrue(SessionRefresher.allowsUpdate(SessionTimerPolicyTest.invite("Allow: INVITE", "Allow: update")));
        assertFalse(SessionRefresher.allowsUpdate(SessionTimerPolicyTest.invite("Allow: INVITE, ACK, BYE")));
        assertFalse(SessionRefresher.allowsUpdate(SessionTimerPolicyTest.invite()),
                "no Allow says nothing (RFC 3261 §20.5): a re-INVITE, which every client takes");
    }

    @Test
    void aFailedRefreshIsTriedAgainAtHalfTheTimeLeftBeforeTheExpiry() {
        // 1800 s: the refresh leaves at 900 s, the session expires at 1768 s (RFC 4028 §10's 32 s margin)
        assertEquals(Optional.of(Duration.ofSeconds(434)), SessionRefresher.retryAfter(Duration.ofSeconds(868), 0));
        assertEquals(Optional.of(Duration.ofSeconds(217)), SessionRefresher.retryAfter(Duration.ofSeconds(434), 1),
                "each try leaves half of what is left for the next");
        assertEquals(Optional.of(Duration.ofMillis(7_500)), SessionRefresher.retryAfter(Duration.ofSeconds(15), 0),
                "90 s (RFC 4028's smallest): 15 s left, where a quarter of the interval (22.5 s) came too late");
    }

    @Test
    void aRetryWaitsAtLeastTheFloorAndOnlyWhenItComesBeforeTheExpiry() {
        assertEquals(Optional.of(SessionRefresher.RETRY_FLOOR), SessionRefresher.retryAfter(Duration.ofMillis(1_500), 0),
                "750 ms would be half: the floor");
        assertEquals(Optional.empty(), SessionRefresher.retryAfter(SessionRefresher.RETRY_FLOOR, 0),
                "the floor reaches the expiry: no try fits");
        assertEquals(Optional.empty(), SessionRefresher.retryAfter(Duration.ofMillis(333), 0), "a 2 s interval");
        assertEquals(Optional.empty(), SessionRefresher.retryAfter(Duration.ofSeconds(-1), 0), "expired already");
    }

    @Test
    void aRefreshIsTriedAgainAtMostMaxRetriesTimes() {
        assertTrue(SessionRefresher.retryAfter(Duration.ofSeconds(868), SessionRefresher.MAX_RETRIES - 1).isPresent());
        assertEquals(Optional.empty(), SessionRefresher.retryAfter(Duration.ofSeconds(868), SessionRefresher.MAX_RETRIES),
                "the last try failed: the session ends");
    }
}
