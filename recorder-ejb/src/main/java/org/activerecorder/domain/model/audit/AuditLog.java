package org.activerecorder.domain.model.audit;

import java.util.List;

/** Where audit entries are kept: they are appended and read, never changed or removed (there is no method to). */
public interface AuditLog {

    void append(AuditEntry entry);

    /** The entries that match, newest first, at most {@code search.limit()}. */
    List<AuditEntry> search(AuditSearch search);
}
