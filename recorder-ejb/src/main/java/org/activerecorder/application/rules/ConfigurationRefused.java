package org.activerecorder.application.rules;

import jakarta.ejb.ApplicationException;

import java.util.List;

/** A change to the DN configuration or the rules that is not made; the message and problems say why. */
@ApplicationException(rollback = true)
public class ConfigurationRefused extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why it was refused; the API maps each to a status code. */
    public enum Reason {
        /** The content is not valid; {@link #problems()} lists every problem (HTTP 400). */
        INVALID,
        /** No such DN, rule or version (HTTP 404). */
        UNKNOWN,
        /** The DN is configured already (HTTP 409). */
        DUPLICATE,
        /**
         * The change was made on a view of the rules that is out of date: a rule was changed, added or deleted since
         * the caller read them; {@link #problems()} says which (HTTP 409). Read them again and decide again.
         */
        STALE
    }

    private final Reason reason;
    private final List<String> problems;

    public ConfigurationRefused(Reason reason, String message) {
        this(reason, message, List.of(message));
    }

    public ConfigurationRefused(Reason reason, String message, List<String> problems) {
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
