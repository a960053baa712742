package org.activerecorder.sip.handler;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.activerecorder.sip.session.SessionTimer;
import org.junit.jupiter.api.Test;

import javax.sip.message.Response;
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
}
