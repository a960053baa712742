package org.activerecorder.domain.model.audit;

import java.util.List;

/**
 * Walks the audit chain from the genesis to the head as read when it starts, a batch at a time (memory stays one batch
 * whatever the log's length), recomputing every entry's {@link ChainHash} from its row and the previous stored hash.
 * The first entry whose hash does not recompute is the one changed (or put in); a position with no entry was deleted;
 * a walk that ends before the head lost its last entries. Then the entries outside the chain are counted against the
 * head's number of them. Entries appended while it walks are beyond its head and left for the next walk.
 */
public final class AuditChainCheck {

    /** Entries read at a time. */
    public static final int BATCH = 500;

    private final AuditLog log;
    private final int batch;

    public AuditChainCheck(AuditLog log) {
        this(log, BATCH);
    }

    /** Reading {@code batch} entries at a time: tests make it small to cross batch boundaries. */
    public AuditChainCheck(AuditLog log, int batch) {
        this.log = log;
        this.batch = batch;
    }

    public ChainVerification verify() {
        ChainVerification.Head head = ChainVerification.Head.of(log.chainHead());
        long position = 0;
        String previous = ChainHash.GENESIS;
        while (position < head.position()) {
            List<AuditEntry> entries = log.chained(position, head.position(), batch);
            if (entries.isEmpty()) {
                return broken(position, head, new ChainBreak(position + 1, null, null, null, "no entry from position "
                        + (position + 1) + " to the head's " + head.position() + ": the chain's last entries were deleted"));
            }
            for (AuditEntry entry : entries) {
                long expected = position + 1;
                if (entry.chainPosition() != expected) {
                    return broken(position, head, new ChainBreak(expected, entry.id(), null, null, "no entry at position "
                            + expected + ", the next is at " + entry.chainPosition() + ": deleted"));
                }
                String hash = ChainHash.after(previous, expected, entry);
                String stored = entry.chainHash().orElse(null);
                if (!hash.equals(stored)) {
                    return broken(position, head, new ChainBreak(expected, entry.id(), hash, stored, "entry " + entry.id()
                            + " is not what was written at position " + expected + ": changed, or put in"));
                }
                previous = stored;
                position = expected;
            }
        }
        if (!previous.equals(head.hash())) {
            return broken(position, head, new ChainBreak(position, null, previous, head.hash(),
                    "the head's hash is not the last entry's: the head was changed"));
        }
        long unchained = log.unchainedCount();
        if (unchained != head.unchained()) {
            return broken(position, head, new ChainBreak(null, null, null, null, unchained + " entries are outside the"
                    + " chain, the head says " + head.unchained() + " (from before it): one was deleted or added"));
        }
        return new ChainVerification(position, null, head);
    }

    private static ChainVerification broken(long verified, ChainVerification.Head head, ChainBreak problem) {
        return new ChainVerification(verified, problem, head);
    }
}
