package org.activerecorder.sip.handler;

import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPServerTransaction;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Starts JAIN-SIP's retransmission of a 2xx to an INVITE before the 2xx is sent rather than after.
 *
 * <p>JAIN-SIP 1.3.0-91's {@code SIPServerTransactionImpl.sendResponse} puts a 2xx on the wire and only then starts
 * the dialog's retransmission timer, and the dialog finds the INVITE an ACK answers only through that timer. An ACK
 * that arrives in between (a peer on a fast link ACKs within a millisecond, while the thread that sent the 200 may be
 * off the CPU) reaches the application but is not recorded by the dialog (its debug log says "tr is null -- not
 * updating the ack state"), so the dialog sends the 200 again from T1 on, as if the ACK had been lost, until the peer
 * ACKs once more. A SIP capture of 2,000 sessions at 50 calls a second on loopback found one session in five answered
 * twice, each ACK on the wire 0.2-15 ms after the first 200. A peer that does not ACK a repeated 2xx would see it sent
 * for 32 s, and the dialog would then report the ACK missing.
 *
 * <p>Started first, the timer is there when the ACK comes and the ACK stops it; the stack's own start after the send
 * then finds it running, or, when the ACK came and stopped it already, starts one that sees the ACK at its first tick
 * and stops without sending. The 200's first retransmission still comes T1 after the send: the timer is started
 * microseconds before it.
 *
 * <p>One window stays: the stack's start after the send reads the dialog's timer twice without its lock
 * ({@code SIPDialog.startTimer}: "timer not null, and its transaction this one"), and an ACK processed between the two
 * reads stops the timer and nulls it, so the start throws a {@link NullPointerException} with the 2xx already on the
 * wire. A CI run of the 300-call burst (BurstIT) met it once: the recorder took the exception for a 200 it could not
 * send, ended the session's stream, and the party it recorded lost all its audio while the peer, answered and ACKed,
 * streamed on. {@link #ackStoppedTheTimerAfterTheSend} tells that exception apart; the send is then done (no timer
 * is needed: the ACK came). Two adjacent reads in the stack leave no hook to hold a thread between them, so the
 * race is not reproduced in a test, only the exception's shape.
 */
final class AnswerRetransmission {

    private static final String DIALOG = "gov.nist.javax.sip.stack.SIPDialog";
    private static final String SERVER_TRANSACTION = "gov.nist.javax.sip.stack.SIPServerTransactionImpl";

    private AnswerRetransmission() {
    }

    /**
     * Whether {@code thrown}, from {@code sendResponse}, is the stack's start of the 2xx's retransmission timer after
     * the 2xx was sent, raced by the ACK that stopped the timer started before the send: thrown in
     * {@code SIPDialog.startTimer}, called from {@code SIPServerTransactionImpl.sendResponse}, which starts the timer
     * only after it has put the response on the wire (JAIN-SIP 1.3.0-91).
     */
    static boolean ackStoppedTheTimerAfterTheSend(NullPointerException thrown) {
        StackTraceElement[] frames = thrown.getStackTrace();
        if (frames.length == 0 || !DIALOG.equals(frames[0].getClassName())
                || !"startTimer".equals(frames[0].getMethodName())) {
            return false;
        }
        for (StackTraceElement frame : frames) {
            if (SERVER_TRANSACTION.equals(frame.getClassName()) && "sendResponse".equals(frame.getMethodName())) {
                return true;
            }
        }
        return false;
    }

    /** Call just before {@code transaction.sendResponse(response)}; does nothing but for a 2xx to an INVITE. */
    static void startBeforeSending(ServerTransaction transaction, Response response) {
        if (response.getStatusCode() / 100 != 2 || !Request.INVITE.equals(transaction.getRequest().getMethod())) {
            return;
        }
        if (transaction instanceof SIPServerTransaction stackTransaction
                && transaction.getDialog() instanceof SIPDialog dialog) {
            dialog.startRetransmitTimer(stackTransaction, response);
        }
    }
}
