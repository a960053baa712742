package org.activerecorder.domain.model.audit;

import java.util.List;

/**
 * Where audit entries are kept: they are appended and read, never changed or removed (there is no method to). Each
 * entry appended is linked into the hash chain under the lock of its {@link AuditChainHead}, in the entry's
 * transaction; {@link AuditChainCheck} walks the chain back.
 */
public interface AuditLog {

    /** Links {@code entry} after the chain's head (waiting for the head's lock) and adds it. */
    void append(AuditEntry entry);

    /** The chain's head as committed, read without a lock. */
    AuditChainHead chainHead();

    /**
     * At most {@code limit} entries of the chain with positions after {@code after} and up to {@code upTo}, by
     * position; not kept by the log once returned, so a walk over the whole chain holds one batch at a time.
     */
    List<AuditEntry> chained(long after, long upTo, int limit);

    /** How many entries have no place in the chain (a negative position: from before it, or added around it). */
    long unchainedCount();

    /**
     * The entries that match, newest first (by time, then by id), at most {@code search.limit()}; when
     * {@code search.before()} is given, only the entries after it in that order.
     *
     * @throws UnknownAuditEntry when {@code search.before()} names no entry
     */
    List<AuditEntry> search(AuditSearch search) throws UnknownAuditEntry;
}
