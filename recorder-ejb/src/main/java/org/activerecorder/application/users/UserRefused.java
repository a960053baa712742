package org.activerecorder.application.users;

import jakarta.ejb.ApplicationException;

import java.util.List;

/** A change to the users that was not made, and why; nothing was changed. */
@ApplicationException(rollback = true)
public class UserRefused extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, as the API answers it. */
    public enum Reason {
        /** 400: the problems are listed. */
        INVALID,
        /** 404. */
        UNKNOWN,
        /** 409: the username is taken. */
        DUPLICATE,
        /** 409: the change would leave no enabled administrator. */
        LAST_ADMIN,
        /** 400: the current password given is not the user's. */
        WRONG_PASSWORD
    }

    private final Reason reason;
    private final List<String> problems;

    public UserRefused(Reason reason, String message) {
        this(reason, message, List.of(message));
    }

    public UserRefused(Reason reason, String message, List<String> problems) {
        super(message);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    public List<String> problems() {
        return problems;
    }
}
