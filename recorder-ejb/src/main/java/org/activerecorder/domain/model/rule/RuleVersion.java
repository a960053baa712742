package org.activerecorder.domain.model.rule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One saved version of a rule, never changed once written: a decision names the rule's id and the version that made
 * it, so what the rule said then stays readable after it is changed or deleted. The columns hold the rule as it was
 * written ({@link RuleDraft}), validated before it was saved.
 */
@Entity
@Table(name = "recording_rule_version")
@IdClass(RuleVersion.Key.class)
public class RuleVersion {

    /** The primary key: the rule and its version number. */
    public record Key(Long ruleId, Integer version) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "rule_id")
    private Long ruleId;

    @Id
    @Column(name = "rule_version")
    private Integer version;

    @Column(name = "name", nullable = false, length = RuleDraft.MAX_NAME)
    private String name;
    @Column(name = "priority", nullable = false)
    private int priority;
    @Column(name = "enabled", nullable = false)
    private boolean enabled;
    @Column(name = "dn_pattern", length = Glob.MAX_LENGTH)
    private String dn;
    @Column(name = "agent_id", length = RuleDraft.MAX_FIELD)
    private String agentId;
    @Column(name = "direction", length = 16)
    private String direction;
    @Column(name = "ani_pattern", length = Glob.MAX_LENGTH)
    private String ani;
    @Column(name = "dnis_pattern", length = Glob.MAX_LENGTH)
    private String dnis;
    @Column(name = "user_data_key", length = RuleDraft.MAX_FIELD)
    private String userDataKey;
    @Column(name = "user_data_value", length = Glob.MAX_LENGTH)
    private String userDataValue;
    /** Comma-separated, as written. */
    @Column(name = "week_days", length = 128)
    private String days;
    @Column(name = "hours_from", length = 16)
    private String hoursFrom;
    @Column(name = "hours_to", length = 16)
    private String hoursTo;
    @Column(name = "time_zone", length = RuleDraft.MAX_FIELD)
    private String timeZone;
    @Column(name = "sampling_percent")
    private Integer samplingPercent;
    @Column(name = "record_call", nullable = false)
    private boolean record;
    @Column(name = "parties", nullable = false, length = 16)
    private String parties;
    @Column(name = "retention_days")
    private Integer retentionDays;
    @Column(name = "file_name_template", length = FileNameTemplate.MAX_LENGTH)
    private String fileNameTemplate;
    @Column(name = "saved_at", nullable = false)
    private Instant savedAt;
    @Column(name = "saved_by", nullable = false, length = 64)
    private String savedBy;

    protected RuleVersion() {
        // for JPA
    }

    /** A version of the rule; the draft is validated first ({@link InvalidRuleException}). */
    RuleVersion(long ruleId, int version, RuleDraft draft, Instant savedAt, String savedBy) {
        RuleDefinition valid = draft.validate();
        this.ruleId = ruleId;
        this.version = version;
        this.name = draft.name();
        this.priority = valid.priority();
        this.enabled = valid.enabled();
        this.dn = draft.dn();
        this.agentId = draft.agentId();
        this.direction = draft.direction();
        this.ani = draft.ani();
        this.dnis = draft.dnis();
        this.userDataKey = draft.userDataKey();
        this.userDataValue = draft.userDataValue();
        this.days = draft.days().isEmpty() ? null : String.join(",", draft.days());
        this.hoursFrom = draft.hoursFrom();
        this.hoursTo = draft.hoursTo();
        this.timeZone = draft.timeZone();
        this.samplingPercent = draft.samplingPercent();
        this.record = valid.outcome().record();
        this.parties = valid.outcome().parties().jsonName();
        this.retentionDays = draft.retentionDays();
        this.fileNameTemplate = draft.fileNameTemplate();
        this.savedAt = Objects.requireNonNull(savedAt, "savedAt");
        this.savedBy = Objects.requireNonNull(savedBy, "savedBy");
    }

    public long ruleId() {
        return ruleId;
    }

    public int version() {
        return version;
    }

    public Instant savedAt() {
        return savedAt;
    }

    public String savedBy() {
        return savedBy;
    }

    /** The rule as it was written. */
    public RuleDraft draft() {
        return new RuleDraft(name, priority, enabled, dn, agentId, direction, ani, dnis, userDataKey, userDataValue,
                days == null ? List.of() : Arrays.asList(days.split(",")), hoursFrom, hoursTo, timeZone,
                samplingPercent, record, parties, retentionDays, fileNameTemplate);
    }

    /** The rule this version says, for evaluation. */
    public RuleMatch match() {
        return new RuleMatch(ruleId, version, draft().validate());
    }
}
