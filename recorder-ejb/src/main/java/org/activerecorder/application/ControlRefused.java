package org.activerecorder.application;

import jakarta.ejb.ApplicationException;
import org.activerecorder.domain.model.CallUuid;

import java.util.Optional;

/** A control request the recorder does not carry out; the message says why, for the person who asked. */
@ApplicationException(rollback = true)
public class ControlRefused extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why it was refused; the API maps each to a status code. */
    public enum Reason {
        /** The recorder knows no such call, or the call has no recording (of that DN) (HTTP 404). */
        UNKNOWN,
        /** The recording's state does not allow the move: already paused, not paused, already stopped (HTTP 409). */
        NOT_ALLOWED,
        /** The operation is not available yet (HTTP 501). */
        NOT_SUPPORTED,
        /** The request lacks what the operation needs, such as the DN to record for a start (HTTP 400). */
        INCOMPLETE
    }

    private final Reason reason;
    /** The call the request was found to be about, when it was resolved (a request may name it by connId). */
    private final String callUuid;

    public ControlRefused(Reason reason, String message) {
        this(reason, message, null);
    }

    /** A refusal of a request about {@code call}, once the recorder found which call was meant. */
    public ControlRefused(Reason reason, String message, CallUuid call) {
        super(message);
        this.reason = reason;
        this.callUuid = call == null ? null : call.value();
    }

    public Reason reason() {
        return reason;
    }

    /** The CallUUID of the call the request was about, if the recorder resolved it before refusing. */
    public Optional<String> callUuid() {
        return Optional.ofNullable(callUuid);
    }
}
