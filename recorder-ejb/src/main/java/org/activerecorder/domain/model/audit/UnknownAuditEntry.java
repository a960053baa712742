package org.activerecorder.domain.model.audit;

/**
 * A page of the audit log was asked for before an entry that does not exist: the cursor was not one the log handed
 * out (entries are never removed, so a cursor once valid stays valid).
 */
public class UnknownAuditEntry extends Exception {
    private static final long serialVersionUID = 1L;

    private final long id;

    public UnknownAuditEntry(long id) {
        super("no audit entry has the id " + id);
        this.id = id;
    }

    public long id() {
        return id;
    }
}
