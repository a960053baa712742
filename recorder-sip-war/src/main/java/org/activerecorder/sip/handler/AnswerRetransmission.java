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
 */
final class AnswerRetransmission {

    private AnswerRetransmission() {
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
