package org.activerecorder.sip.stack;

/** The SIP stack could not start: a port taken, an address not on this host, a bad stack setting. */
public class SipStartFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public SipStartFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
