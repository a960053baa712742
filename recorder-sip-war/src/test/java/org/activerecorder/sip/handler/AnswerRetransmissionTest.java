package org.activerecorder.sip.handler;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.activerecorder.sip.metrics.SipTraffic;
import org.junit.jupiter.api.Test;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one exception a 2xx's send may throw after the 2xx went out: JAIN-SIP's start of the retransmission timer,
 * raced by the ACK (the frames as BurstIT's CI run logged them). Any other is a send that failed.
 */
class AnswerRetransmissionTest {

    @Test
    void theTimersStartAfterTheSendRacedByTheAckIsTold() {
        assertTrue(AnswerRetransmission.ackStoppedTheTimerAfterTheSend(thrownAt(
                frame("gov.nist.javax.sip.stack.SIPDialog", "startTimer", 2964),
                frame("gov.nist.javax.sip.stack.SIPDialog", "startRetransmitTimer", 3737),
                frame("gov.nist.javax.sip.stack.SIPServerTransactionImpl", "sendResponse", 1563),
                frame("org.activerecorder.sip.handler.Responses", "send", 228))));
    }

    @Test
    void theSameStartBeforeTheSendIsNot() {
        // AnswerRetransmission.startBeforeSending calls the dialog itself: nothing was sent yet
        assertFalse(AnswerRetransmission.ackStoppedTheTimerAfterTheSend(thrownAt(
                frame("gov.nist.javax.sip.stack.SIPDialog", "startTimer", 2964),
                frame("gov.nist.javax.sip.stack.SIPDialog", "startRetransmitTimer", 3737),
                frame("org.activerecorder.sip.handler.AnswerRetransmission", "startBeforeSending", 60),
                frame("org.activerecorder.sip.handler.Responses", "send", 227))));
    }

    @Test
    void anyOtherFailureInsideTheSendIsNot() {
        assertFalse(AnswerRetransmission.ackStoppedTheTimerAfterTheSend(thrownAt(
                frame("gov.nist.javax.sip.stack.SIPServerTransactionImpl", "sendMessage", 1200),
                frame("gov.nist.javax.sip.stack.SIPServerTransactionImpl", "sendResponse", 1559),
                frame("org.activerecorder.sip.handler.Responses", "send", 228))));
        assertFalse(AnswerRetransmission.ackStoppedTheTimerAfterTheSend(thrownAt()));
    }

    /** Through {@link Responses}: the raced send is a response sent and counted; another failure is thrown on. */
    @Test
    void aRacedSendIsASendAndAnyOtherFailureIsThrownOn() throws Exception {
        SipTraffic traffic = new SipTraffic();
        Responses responses = new Responses(new MessageFactoryImpl(), new HeaderFactoryImpl(), traffic);
        NullPointerException raced = thrownAt(
                frame("gov.nist.javax.sip.stack.SIPDialog", "startTimer", 2964),
                frame("gov.nist.javax.sip.stack.SIPServerTransactionImpl", "sendResponse", 1563));
        responses.ok(throwing(raced), "tag-1");
        assertEquals(1, traffic.responses("2xx"), "sent, and counted");

        NullPointerException other = thrownAt(
                frame("gov.nist.javax.sip.stack.SIPServerTransactionImpl", "sendMessage", 1200),
                frame("gov.nist.javax.sip.stack.SIPServerTransactionImpl", "sendResponse", 1559));
        assertSame(other, assertThrows(NullPointerException.class, () -> responses.ok(throwing(other), "tag-2")));
        assertEquals(1, traffic.responses("2xx"), "not counted");
    }

    /** A server transaction for {@link SessionTimerPolicyTest#invite}'s INVITE whose send throws {@code thrown}. */
    private static ServerTransaction throwing(RuntimeException thrown) throws Exception {
        Request invite = SessionTimerPolicyTest.invite();
        return (ServerTransaction) Proxy.newProxyInstance(AnswerRetransmissionTest.class.getClassLoader(),
                new Class<?>[] {ServerTransaction.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getRequest" -> invite;
                    case "sendResponse" -> throw thrown;
                    default -> null;
                });
    }

    private static NullPointerException thrownAt(StackTraceElement... frames) {
        NullPointerException thrown = new NullPointerException("Cannot read field \"transaction\" because"
                + " \"this.timerTask\" is null");
        thrown.setStackTrace(frames);
        return thrown;
    }

    private static StackTraceElement frame(String type, String method, int line) {
        return new StackTraceElement(type, method, type.substring(type.lastIndexOf('.') + 1) + ".java", line);
    }
}
