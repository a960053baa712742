package org.activerecorder.domain.model.call;

/**
 * A call event the call cannot take: a value too long, too many user-data keys. The message says which and what
 * the limit is, for the person who sent it.
 */
public class InvalidCallData extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidCallData(String message) {
        super(message);
    }
}
