package org.activerecorder.domain.model.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The end of the audit chain: the last position given and its hash, and how many entries came before the chain
 * (migration V21 could not hash them). One row; every append locks it, links the new entry after it and moves it, in
 * the entry's transaction, so positions are given one at a time in the order entries commit.
 */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHead {

    /** The id of the one row. */
    public static final int ID = 1;

    @Id
    private Integer id;

    @Column(name = "last_position", nullable = false)
    private long lastPosition;

    @Column(name = "last_hash", nullable = false, length = 64)
    private String lastHash;

    @Column(nullable = false, updatable = false)
    private long unchained;

    protected AuditChainHead() {
        // for JPA
    }

    /** A head at {@code lastPosition} with {@code lastHash}: for tests and logs held elsewhere than the database. */
    public AuditChainHead(long lastPosition, String lastHash, long unchained) {
        this.id = ID;
        this.lastPosition = lastPosition;
        this.lastHash = lastHash;
        this.unchained = unchained;
    }

    /** Gives {@code entry} the next position and its hash, and moves here. */
    public void link(AuditEntry entry) {
        long position = lastPosition + 1;
        String hash = ChainHash.after(lastHash, position, entry);
        entry.link(position, hash);
        lastPosition = position;
        lastHash = hash;
    }

    public long lastPosition() {
        return lastPosition;
    }

    public String lastHash() {
        return lastHash;
    }

    /** The entries from before the chain (negative positions, no hash). */
    public long unchained() {
        return unchained;
    }
}
