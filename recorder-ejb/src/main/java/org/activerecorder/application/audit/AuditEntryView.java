package org.activerecorder.application.audit;

import org.activerecorder.domain.model.audit.AuditEntry;

import java.time.Instant;

/**
 * One audit entry as the API shows it. {@code targetKind} is recording, rule, dn or user (null for a login);
 * {@code detail} is free text or JSON ({@code {"from":...,"to":...}} for a change).
 */
public record AuditEntryView(long id, Instant at, String user, String address, String action, String targetKind,
                             String target, String detail) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id(), entry.occurredAt(), entry.username(), entry.address().orElse(null),
                entry.action().name(), entry.target().map(t -> t.kind().name()).orElse(null),
                entry.target().map(t -> t.id()).orElse(null), entry.detail().orElse(null));
    }
}
