package org.activerecorder.domain.model.rule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether a DN of a call is to be recorded, as decided on one call event, and what decided it: a routing instruction,
 * the DN's configuration, or a rule (by id and version), or nothing. Stored with the call for every evaluation, so
 * that "why was this call (not) recorded" has an answer; never changed afterwards. A decision to record names the
 * recording request id sent to call control, which the Media Server's INVITEs carry as {@code record=<id>}.
 */
@Entity
@Table(name = "recording_decision")
public class RecordingDecision {

    /** What a decision says: whether to record, and how (from a rule's outcome, or the defaults). */
    public record Verdict(DecisionSource source, Long ruleId, Integer ruleVersion, boolean record,
                          RecordedParties parties, Integer retentionDays, String fileNameTemplate, String reason) {

        public Verdict {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(parties, "parties");
            Objects.requireNonNull(reason, "reason");
        }

        public static Verdict of(RuleMatch match) {
            RuleOutcome outcome = match.rule().outcome();
            return new Verdict(DecisionSource.RULE, match.ruleId(), match.version(), outcome.record(),
                    outcome.parties(), outcome.retentionDays(),
                    outcome.fileName() == null ? null : outcome.fileName().text(), match.describe());
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "recording_decision_seq")
    @SequenceGenerator(name = "recording_decision_seq", sequenceName = "recording_decision_seq", allocationSize = 50)
    private Long id;

    @Column(name = "call_uuid", nullable = false, length = 64)
    private CallUuid callUuid;

    @Column(name = "dn", nullable = false, length = 64)
    private Dn dn;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false, length = 32)
    private DecisionSource source;

    @Column(name = "rule_id")
    private Long ruleId;

    @Column(name = "rule_version")
    private Integer ruleVersion;

    @Column(name = "record_call", nullable = false)
    private boolean record;

    @Enumerated(EnumType.STRING)
    @Column(name = "parties", nullable = false, length = 16)
    private RecordedParties parties;

    @Column(name = "retention_days")
    private Integer retentionDays;

    @Column(name = "file_name_template", length = FileNameTemplate.MAX_LENGTH)
    private String fileNameTemplate;

    @Column(name = "call_trigger", nullable = false, length = 32)
    private String trigger;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @Column(name = "request_id", length = 128)
    private RecordingRequestId requestId;

    @Column(name = "dest", length = 256)
    private String dest;

    @Column(name = "reason", nullable = false, length = 256)
    private String reason;

    protected RecordingDecision() {
        // for JPA
    }

    /**
     * @param trigger   the kind of call event that was decided on
     * @param requestId the recording request id sent with the start command; only when the verdict says record
     */
    public RecordingDecision(CallUuid callUuid, Dn dn, Verdict verdict, String trigger, Instant decidedAt,
                             RecordingRequestId requestId, String dest) {
        this.callUuid = Objects.requireNonNull(callUuid, "callUuid");
        this.dn = Objects.requireNonNull(dn, "dn");
        this.source = verdict.source();
        this.ruleId = verdict.ruleId();
        this.ruleVersion = verdict.ruleVersion();
        this.record = verdict.record();
        this.parties = verdict.parties();
        this.retentionDays = verdict.retentionDays();
        this.fileNameTemplate = verdict.fileNameTemplate();
        this.reason = verdict.reason().length() > 256 ? verdict.reason().substring(0, 256) : verdict.reason();
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.decidedAt = Objects.requireNonNull(decidedAt, "decidedAt");
        if (record != (requestId != null)) {
            throw new IllegalArgumentException("a decision to record names its request id, and only such a decision");
        }
        this.requestId = requestId;
        this.dest = dest;
    }

    public Long id() {
        return id;
    }

    public CallUuid callUuid() {
        return callUuid;
    }

    public Dn dn() {
        return dn;
    }

    public DecisionSource source() {
        return source;
    }

    public Long ruleId() {
        return ruleId;
    }

    public Integer ruleVersion() {
        return ruleVersion;
    }

    public boolean record() {
        return record;
    }

    public RecordedParties parties() {
        return parties;
    }

    public Integer retentionDays() {
        return retentionDays;
    }

    public String fileNameTemplate() {
        return fileNameTemplate;
    }

    public String trigger() {
        return trigger;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public RecordingRequestId requestId() {
        return requestId;
    }

    public String dest() {
        return dest;
    }

    public String reason() {
        return reason;
    }

    /** Whether this decision settles the DN for the rest of the call: recording was asked, or routing forbade it. */
    public boolean settles() {
        return record || source == DecisionSource.ROUTING;
    }
}
