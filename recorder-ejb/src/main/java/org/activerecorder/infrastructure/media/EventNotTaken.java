package org.activerecorder.infrastructure.media;

import jakarta.ejb.ApplicationException;

/**
 * A stream event could not be applied now; the adapter delivers it again later. An application exception, so the
 * container passes it to the adapter as it is, without logging a stack trace per attempt or discarding the bean.
 */
@ApplicationException
public class EventNotTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EventNotTaken(String event, Throwable cause) {
        super(event + " was not taken: " + cause.getMessage(), cause);
    }
}
