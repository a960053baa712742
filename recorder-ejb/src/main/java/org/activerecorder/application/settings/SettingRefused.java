package org.activerecorder.application.settings;

import jakarta.ejb.ApplicationException;

/** A change to a setting that was not made, and why; nothing was stored. */
@ApplicationException(rollback = true)
public class SettingRefused extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, as the API answers it. */
    public enum Reason {
        /** 400: the value is not one the setting takes. */
        INVALID,
        /** 404: no setting of that name. */
        UNKNOWN
    }

    private final Reason reason;

    public SettingRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
