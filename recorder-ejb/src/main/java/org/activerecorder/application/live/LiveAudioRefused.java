package org.activerecorder.application.live;

import jakarta.ejb.ApplicationException;

/** A live listening that cannot start, and why, in words for the person who asked. */
@ApplicationException
public class LiveAudioRefused extends Exception {

    /** Why. */
    public enum Reason { NOT_FOUND, NOT_ACTIVE, NO_MEDIA }

    private final Reason reason;

    public LiveAudioRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
