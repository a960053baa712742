package org.activerecorder.application.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.activerecorder.application.calls.CallFacts;
import org.activerecorder.application.rules.ConfigurationRefused;
import org.activerecorder.application.rules.DecisionPreview;
import org.activerecorder.application.rules.PreviewedDecision;
import org.activerecorder.application.rules.SampleCall;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.rule.RecordingDecision.Verdict;
import org.activerecorder.domain.model.rule.RecordingRuleRepository;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs a sample call through {@link RecordingDecider#preview}, the decider's own read-only entry point, so the
 * answer is what a real call event would be decided by: no second evaluator to drift from the first.
 */
@Stateless
@SecurityDomain("recorder")
@RolesAllowed({"admin", "supervisor"})
public class DecisionPreviewService implements DecisionPreview {

    @Inject
    private RecordingDecider decider;

    @Inject
    private RecordingRuleRepository rules;

    private Clock clock = Clock.systemUTC();

    /** For the container. */
    public DecisionPreviewService() {
    }

    /** Over this decider, rules and clock: for tests. */
    DecisionPreviewService(RecordingDecider decider, RecordingRuleRepository rules, Clock clock) {
        this.decider = decider;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public PreviewedDecision preview(SampleCall call) throws ConfigurationRefused {
        List<String> problems = new ArrayList<>();
        if (call.thisDn() == null || call.thisDn().isBlank()) {
            problems.add("thisDn is missing: the DN that would be recorded");
        } else {
            check(problems, "thisDn", () -> new Dn(call.thisDn()));
        }
        if (call.otherDn() != null && !call.otherDn().isBlank()) {
            check(problems, "otherDn", () -> new Dn(call.otherDn()));
        }
        if (call.callUuid() != null) {
            check(problems, "callUuid", () -> new CallUuid(call.callUuid()));
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationRefused(ConfigurationRefused.Reason.INVALID, String.join("; ", problems), problems);
        }
        CallUuid callUuid = new CallUuid(call.callUuid() != null ? call.callUuid() : "preview-" + UUID.randomUUID());
        Instant at = call.at() != null ? call.at() : clock.instant();
        CallFacts facts = new CallFacts(callUuid, "established", null, call.thisDn(), blankToNull(call.otherDn()),
                call.ani(), call.dnis(), call.direction(), call.agentId(), call.userData(), call.extensions(), at);
        Verdict verdict = decider.preview(facts);
        String ruleName = verdict.ruleId() == null ? null : rules.version(verdict.ruleId(), verdict.ruleVersion())
                .map(v -> v.draft().name()).orElse(null);
        return new PreviewedDecision(callUuid.value(), call.thisDn(), at, verdict.source().name(), verdict.ruleId(),
                verdict.ruleVersion(), ruleName, verdict.record(), verdict.parties().jsonName(),
                verdict.retentionDays(), verdict.fileNameTemplate(), verdict.reason());
    }

    private static void check(List<String> problems, String field, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            problems.add(field + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
