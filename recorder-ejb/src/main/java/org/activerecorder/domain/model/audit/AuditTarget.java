package org.activerecorder.domain.model.audit;

import java.util.Objects;

/** What an audit entry is about: a recording, rule, DN, user or setting, by its id or name. */
public record AuditTarget(Kind kind, String id) {

    /** The kinds of thing the log names; stored in lower case. */
    public enum Kind { recording, rule, dn, user, setting }

    public static final int MAX_ID_LENGTH = 128;

    public AuditTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("an audit target's id has 1 to " + MAX_ID_LENGTH + " characters");
        }
    }

    public static AuditTarget recording(long id) {
        return new AuditTarget(Kind.recording, Long.toString(id));
    }

    public static AuditTarget rule(long id) {
        return new AuditTarget(Kind.rule, Long.toString(id));
    }

    public static AuditTarget dn(String dn) {
        return new AuditTarget(Kind.dn, dn);
    }

    public static AuditTarget user(String username) {
        return new AuditTarget(Kind.user, username);
    }

    /** A setting, by its name ({@code recorder.requested-timeout-seconds}). */
    public static AuditTarget setting(String name) {
        return new AuditTarget(Kind.setting, name);
    }
}
