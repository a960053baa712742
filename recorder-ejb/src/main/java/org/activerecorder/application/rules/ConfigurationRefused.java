package org.activerecorder.application.rules;

import jakarta.ejb.ApplicationException;

import java.io.Serializable;
import java.time.Instant;
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
         * The change was made on a view that is out of date: a rule or DN was changed, added or deleted since the
         * caller read it; {@link #problems()} says which, and {@link #current()} what the one thing changed is at now
         * (HTTP 409, or 412 when the view was named in {@code If-Match}). Read it again and decide again.
         */
        STALE
    }

    /**
     * The rule or DN as it is now, when the caller's view of that one thing is out of date: what the caller did not
     * see, and who saved it when.
     *
     * @param version the version now current
     * @param savedAt when it was saved
     * @param savedBy who saved it; {@code null} when not known (a DN saved before that was kept)
     */
    public record Current(long version, Instant savedAt, String savedBy) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final Reason reason;
    private final List<String> problems;
    private final Current current;

    public ConfigurationRefused(Reason reason, String message) {
        this(reason, message, List.of(message));
    }

    public ConfigurationRefused(Reason reason, String message, List<String> problems) {
        this(reason, message, problems, null);
    }

    private ConfigurationRefused(Reason reason, String message, List<String> problems, Current current) {
        super(message);
        this.reason = reason;
        this.problems = List.copyOf(problems);
        this.current = current;
    }

    /** {@code STALE}: the one rule or DN the caller saw at another version is now at {@code current}. */
    public static ConfigurationRefused stale(String message, Current current) {
        return new ConfigurationRefused(Reason.STALE, message, List.of(message), current);
    }

    public Reason reason() {
        return reason;
    }

    public List<String> problems() {
        return problems;
    }

    /** The rule or DN as it is now when {@code STALE} concerns one only; {@code null} otherwise. */
    public Current current() {
        return current;
    }
}
