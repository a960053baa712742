package org.activerecorder.domain.model.rule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A recording rule: its id and which of its {@link RuleVersion versions} is current. Every save makes a new version
 * (numbered from 1), and the old ones stay. Deleting a rule takes it out of use and out of the list but keeps its
 * versions, since decisions refer to them; a deleted rule is not changed again.
 */
@Entity
@Table(name = "recording_rule")
public class RecordingRule {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "recording_rule_seq")
    @SequenceGenerator(name = "recording_rule_seq", sequenceName = "recording_rule_seq", allocationSize = 50)
    private Long id;

    @Column(name = "current_version", nullable = false)
    private int currentVersion;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(name = "deleted_by", length = 64)
    private String deletedBy;

    protected RecordingRule() {
        // for JPA
    }

    /** A new rule with no version yet: save it (to get its id), then {@link #revise} it. */
    public RecordingRule(Instant createdAt) {
        this.createdAt = createdAt;
    }

    /**
     * The rule's next version, made current.
     *
     * @throws InvalidRuleException      listing every problem of the draft
     * @throws IllegalStateException     when the rule was deleted
     */
    public RuleVersion revise(RuleDraft draft, Instant at, String by) {
        if (deletedAt != null) {
            throw new IllegalStateException("rule " + id + " was deleted at " + deletedAt);
        }
        if (id == null) {
            throw new IllegalStateException("a rule is saved before its first version");
        }
        RuleVersion next = new RuleVersion(id, currentVersion + 1, draft, at, by);
        currentVersion++;
        return next;
    }

    public void delete(Instant at, String by) {
        if (deletedAt == null) {
            deletedAt = at;
            deletedBy = by;
        }
    }

    public Long id() {
        return id;
    }

    public int currentVersion() {
        return currentVersion;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public String deletedBy() {
        return deletedBy;
    }
}
