package org.activerecorder.application.audit;

import java.util.List;

/**
 * One page of the audit log, newest first, and where the next (older) page starts: {@code olderBefore} is the cursor
 * to ask for it with (the id of this page's last entry), or null when this page holds the oldest entry that matches.
 */
public record AuditEntries(List<AuditEntryView> entries, Long olderBefore) {

    public AuditEntries {
        entries = List.copyOf(entries);
    }

    /** Whether an older page exists. */
    public boolean hasOlder() {
        return olderBefore != null;
    }
}
