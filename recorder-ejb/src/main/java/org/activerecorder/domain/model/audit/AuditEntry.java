package org.activerecorder.domain.model.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit log. Immutable: it has no setter, and Hibernate is told never to write it back, so the only
 * way a row comes to be is an insert. Before it is inserted, the {@link AuditChainHead} links it into the chain: its
 * position and its {@link ChainHash} (entries from before the chain have a negative position and no hash).
 */
@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry {

    /** Characters of detail kept at most; a longer detail is cut and says so. */
    public static final int MAX_DETAIL_LENGTH = 65536;
    /** The name of the recorder itself, for what no person did (a retention purge). */
    public static final String SYSTEM = "system";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, length = 64, updatable = false)
    private String username;

    @Column(length = 64, updatable = false)
    private String address;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 32, updatable = false)
    private AuditAction action;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "target_kind", length = 16, updatable = false)
    private AuditTarget.Kind targetKind;

    @Column(length = AuditTarget.MAX_ID_LENGTH, updatable = false)
    private String target;

    @Column(length = MAX_DETAIL_LENGTH, updatable = false)
    private String detail;

    @Column(name = "chain_seq", nullable = false, updatable = false)
    private long chainPosition;

    @Column(name = "chain_hash", length = 64, updatable = false)
    private String chainHash;

    protected AuditEntry() {
        // for JPA
    }

    /**
     * @param address the remote address the request came from, or null when there was no request
     * @param target  what was touched, or null (a login)
     * @param detail  how, or null
     */
    public AuditEntry(Instant occurredAt, String username, String address, AuditAction action, AuditTarget target,
                      String detail) {
        // The database keeps microseconds: the hash is over the time as it will be read back, not a finer one.
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
        this.username = cut(Objects.requireNonNull(username, "username"), 64);
        this.address = address == null ? null : cut(address, 64);
        this.action = Objects.requireNonNull(action, "action");
        this.targetKind = target == null ? null : target.kind();
        this.target = target == null ? null : target.id();
        this.detail = detail == null ? null : cut(detail, MAX_DETAIL_LENGTH);
    }

    /** Takes its place in the chain; once only, before the insert (an inserted entry is never written again). */
    void link(long position, String hash) {
        if (chainPosition != 0) {
            throw new IllegalStateException("audit entry already at position " + chainPosition + " of the chain");
        }
        this.chainPosition = position;
        this.chainHash = Objects.requireNonNull(hash, "hash");
    }

    private static String cut(String text, int max) {
        String marker = "...(cut)";
        return text.length() <= max ? text : text.substring(0, max - marker.length()) + marker;
    }

    public Long id() {
        return id;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String username() {
        return username;
    }

    public Optional<String> address() {
        return Optional.ofNullable(address);
    }

    public AuditAction action() {
        return action;
    }

    public Optional<AuditTarget> target() {
        return targetKind == null ? Optional.empty() : Optional.of(new AuditTarget(targetKind, target));
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** Where it is in the chain, from 1; negative for an entry from before the chain, 0 before it is linked. */
    public long chainPosition() {
        return chainPosition;
    }

    /** Its hash in the chain (hex SHA-256); none before it is linked, or for an entry from before the chain. */
    public Optional<String> chainHash() {
        return Optional.ofNullable(chainHash);
    }
}
