package org.activerecorder.sip.handler;

import org.activerecorder.sip.admission.PeerAddress;
import org.activerecorder.sip.admission.SipCounters;
import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import org.activerecorder.sip.status.Rejection;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import java.net.InetAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JAIN-SIP listener, kept thin: check the peer, dispatch the request to the servlet method for its
 * SIP method, and pass dialog ends on. It must never block: JAIN-SIP calls it on one event thread for
 * all traffic. No exception may escape either, or JAIN-SIP logs it and the request goes unanswered.
 *
 * <p>It is a {@link SipListenerExt} on purpose: when a 2xx is never ACKed, JAIN-SIP then asks us
 * ({@link #processDialogTimeout}) instead of deleting the dialog itself, and a session whose ACK was lost but whose
 * media came is recorded on until its BYE. The other dialog timeouts are left to JAIN-SIP's own handling (the
 * dialog is deleted, and the resulting {@link DialogTerminatedEvent} ends or abandons the session's streams).
 */
public final class SipEventDispatcher implements SipListenerExt {

    private static final Logger LOG = Logger.getLogger(SipEventDispatcher.class.getName());

    private final PeerFilter peers;
    private final RecordingSipServlet servlet;
    private final Responses responses;
    private final SipCounters counters;

    public SipEventDispatcher(PeerFilter peers, RecordingSipServlet servlet, Responses responses) {
        this(peers, servlet, responses, new SipCounters());
    }

    /** @param counters where refused peers are counted */
    public SipEventDispatcher(PeerFilter peers, RecordingSipServlet servlet, Responses responses,
                              SipCounters counters) {
        this.peers = peers;
        this.servlet = servlet;
        this.responses = responses;
        this.counters = counters;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        try {
            InetAddress peer = PeerAddress.of(event);
            if (!peers.allows(peer)) {
                refuse(event, peer);
                return;
            }
            switch (method) {
                case Request.INVITE -> servlet.doInvite(event);
                case Request.ACK -> servlet.doAck(event);
                case Request.BYE -> servlet.doBye(event);
                case Request.CANCEL -> servlet.doCancel(event);
                case Request.OPTIONS -> servlet.doOptions(event);
                case Request.UPDATE -> servlet.doUpdate(event);
                default -> servlet.doOther(event);
            }
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "Failed to handle " + method + " " + request.getRequestURI(), failure);
        }
    }

    /**
     * 403, statelessly: a stranger gets an answer but no state, and is logged once (by the filter). Over a connection
     * (TCP) the stranger gets no answer at all, only a count: a stateless answer goes back on its connection only
     * while that is open; once it is closed JAIN-SIP connects out to the Via's address and port (RFC 3261 §18.2.2,
     * right for a Media Server, not for a stranger, who could name any host and port to make us connect to).
     */
    private void refuse(RequestEvent event, InetAddress peer) {
        Request request = event.getRequest();
        counters.forbiddenPeer();
        peers.refused(peer, request.getMethod());
        if (Request.ACK.equals(request.getMethod())) {
            return; // an ACK is never answered
        }
        if (Responses.cameOverConnection(request)) {
            counters.forbiddenPeerDropped();
            return;
        }
        try {
            responses.rejectStatelessly((SipProvider) event.getSource(), request,
                    Rejection.forbiddenPeer(peer == null ? "unknown" : peer.getHostAddress()));
        } catch (SipException failure) {
            LOG.log(Level.FINE, "Cannot send 403 to a refused peer", failure);
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        try {
            servlet.dialogTerminated(event.getDialog());
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "Failed to clean up a terminated dialog", failure);
        }
    }

    /**
     * A dialog timed out. The ACK of our 2xx never came: the servlet decides whether the session stays (its media
     * came). A re-INVITE of ours that waited too long behind another: JAIN-SIP has already timed its transaction out,
     * and the servlet ended the session as a failed refresh ({@link #processTimeout}). Anything else (an early dialog
     * that timed out, an ACK we did not send) never carried a recording, and the dialog is deleted, as JAIN-SIP does
     * for a plain {@link SipListener}.
     */
    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        LOG.fine(() -> "Dialog timeout (" + event.getReason() + ") of " + event.getDialog().getDialogId());
        try {
            switch (event.getReason()) {
                case AckNotReceived -> servlet.ackNeverCame(event.getDialog(), (SipProvider) event.getSource());
                case ReInviteTimeout -> LOG.fine("A refresh waited too long behind another re-INVITE; ended as a timeout");
                default -> event.getDialog().delete();
            }
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "Failed to handle a dialog's timeout (" + event.getReason() + ")", failure);
        }
    }

    /**
     * Our requests are the refreshes of sessions the recorder refreshes (RFC 4028) and the BYE of a session its timer
     * ended; the servlet tells them apart. JAIN-SIP drops most strays before they get here.
     */
    @Override
    public void processResponse(ResponseEvent event) {
        try {
            servlet.responseReceived(event);
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "Failed to handle response " + event.getResponse().getStatusCode(), failure);
        }
    }

    /**
     * A client transaction of ours got no answer (a refresh: the session is over), or a server transaction timed out
     * (e.g. our error response was never ACKed; JAIN-SIP cleans it up).
     */
    @Override
    public void processTimeout(TimeoutEvent event) {
        LOG.fine(() -> "Transaction timeout: " + event.getTimeout());
        if (event.isServerTransaction()) {
            return;
        }
        try {
            servlet.requestTimedOut(event.getClientTransaction());
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "Failed to handle a client transaction's timeout", failure);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warning(() -> "SIP transport error towards " + event.getHost() + ":" + event.getPort() + "/"
                + event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing to do: sessions are tracked per dialog, not per transaction
    }
}
