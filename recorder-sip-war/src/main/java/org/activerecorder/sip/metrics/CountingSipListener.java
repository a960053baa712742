package org.activerecorder.sip.metrics;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/**
 * Counts each request by method before the recorder's listener sees it; everything else passes straight through.
 * A plain {@link SipListener}, like the one it wraps (see {@code SipEventDispatcher} for why).
 */
public final class CountingSipListener implements SipListener {

    private final SipListener next;
    private final SipTraffic traffic;

    public CountingSipListener(SipListener next, SipTraffic traffic) {
        this.next = next;
        this.traffic = traffic;
    }

    @Override
    public void processRequest(RequestEvent event) {
        traffic.request(event.getRequest().getMethod());
        next.processRequest(event);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        next.processResponse(event);
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        next.processTimeout(event);
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        next.processIOException(event);
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        next.processTransactionTerminated(event);
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        next.processDialogTerminated(event);
    }
}
