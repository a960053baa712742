package org.activerecorder.application.calls;

import jakarta.ejb.ApplicationException;

/**
 * A call event the recorder does not take (not JSON, a wrong type, an unknown state, too long, too many keys); the
 * message says what is wrong and names the field, for the person who sent it. Nothing of the event is applied.
 */
@ApplicationException(rollback = true)
public class CallEventRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public CallEventRefused(String message) {
        super(message);
    }
}
