package org.activerecorder.sip.metrics;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/**
 * Counts each request by method before the recorder's listener sees it; everything else passes straight through.
 * A {@link SipListenerExt}, like the one it wraps (see {@code SipEventDispatcher} for why): JAIN-SIP looks at the
 * listener it was given to decide who handles a dialog's timeout. Wrapping a plain listener, it does what JAIN-SIP
 * does for one: deletes the dialog.
 */
public final class CountingSipListener implements SipListenerExt {

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

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        if (next instanceof SipListenerExt extended) {
            extended.processDialogTimeout(event);
        } else {
            event.getDialog().delete();
        }
    }
}
