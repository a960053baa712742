package org.activerecorder.domain.model.audit;

import java.time.Instant;

/**
 * Which audit entries to read: every criterion given must hold (null: any). {@code from} is inclusive, {@code to}
 * exclusive; {@code limit} bounds the answer, newest first.
 */
public record AuditSearch(String username, AuditTarget target, Instant from, Instant to, int limit) {

    public static final int MAX_LIMIT = 1000;

    public AuditSearch {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
        }
    }
}
