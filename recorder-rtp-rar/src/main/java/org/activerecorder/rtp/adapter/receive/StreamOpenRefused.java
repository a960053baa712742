package org.activerecorder.rtp.adapter.receive;

/** A stream could not be opened; the message says why in words an operator can act on. */
public final class StreamOpenRefused extends Exception {

    private static final long serialVersionUID = 1L;

    public StreamOpenRefused(String message) {
        super(message);
    }

    public StreamOpenRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
