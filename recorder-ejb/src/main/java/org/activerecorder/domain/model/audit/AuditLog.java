package org.activerecorder.domain.model.audit;

import java.util.List;

/** Where audit entries are kept: they are appended and read, never changed or removed (there is no method to). */
public interface AuditLog {

    void append(AuditEntry entry);

    /**
     * The entries that match, newest first (by time, then by id), at most {@code search.limit()}; when
     * {@code search.before()} is given, only the entries after it in that order.
     *
     * @throws UnknownAuditEntry when {@code search.before()} names no entry
     */
    List<AuditEntry> search(AuditSearch search) throws UnknownAuditEntry;
}
