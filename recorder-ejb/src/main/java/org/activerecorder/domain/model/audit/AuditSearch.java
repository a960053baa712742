package org.activerecorder.domain.model.audit;

import java.time.Instant;

/**
 * Which audit entries to read: every criterion given must hold (null: any). {@code from} is inclusive, {@code to}
 * exclusive; {@code limit} bounds the answer, newest first.
 * <p>
 * {@code before} is a page's cursor: the id of the last (oldest) entry of the previous page, or null for the newest
 * page. A page holds the entries older than that entry in the log's order, time then id; a key rather than an offset,
 * so that entries appended while somebody reads older pages shift nothing under them.
 */
public record AuditSearch(String username, AuditTarget target, Instant from, Instant to, Long before, int limit) {

    public static final int MAX_LIMIT = 1000;

    public AuditSearch {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
        }
    }

    /** The newest page. */
    public AuditSearch(String username, AuditTarget target, Instant from, Instant to, int limit) {
        this(username, target, from, to, null, limit);
    }

    /** The same filter, the page older than entry {@code id}, at most {@code limit} entries. */
    public AuditSearch olderThan(long id, int limit) {
        return new AuditSearch(username, target, from, to, id, limit);
    }
}
