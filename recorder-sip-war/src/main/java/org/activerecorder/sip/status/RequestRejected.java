package org.activerecorder.sip.status;

import java.util.Objects;

/**
 * Thrown by the request readers (Request-URI, headers, SDP) when a request cannot be taken; carries the
 * final response to send instead. Checked, so that every caller decides where the rejection is answered.
 */
public class RequestRejected extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Rejection rejection;

    public RequestRejected(Rejection rejection) {
        super(Objects.requireNonNull(rejection, "rejection").toString(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
