package org.activerecorder.domain.model.audit;

/**
 * What a walk of the audit chain found: how many entries recomputed to their stored hash in order from the genesis,
 * the first place it failed (null: the whole chain up to the head holds), and the head it walked to.
 */
public record ChainVerification(long verified, ChainBreak firstBroken, Head head) {

    /** The head as read when the walk started: its position, its hash, the entries from before the chain. */
    public record Head(long position, String hash, long unchained) {
        static Head of(AuditChainHead head) {
            return new Head(head.lastPosition(), head.lastHash(), head.unchained());
        }
    }

    /** Whether every entry up to the head is as it was written, and none is missing or added. */
    public boolean intact() {
        return firstBroken == null;
    }
}
