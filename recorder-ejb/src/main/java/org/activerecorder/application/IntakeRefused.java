package org.activerecorder.application;

import jakarta.ejb.ApplicationException;

/**
 * The recorder cannot take a recording session. The SIP side maps the reason to a status code.
 */
@ApplicationException(rollback = true)
public class IntakeRefused extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a session was refused. */
    public enum Reason {
        /** No RTP port is free, or the adapter is not running: try later (SIP 503). */
        NO_MEDIA_RESOURCES,
        /** The request contradicts what the recorder already knows of the call (SIP 409/400). */
        CONFLICT,
        /** Something failed inside the recorder (SIP 500). */
        INTERNAL
    }

    private final Reason reason;

    public IntakeRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public IntakeRefused(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
