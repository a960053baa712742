package org.activerecorder.application.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.activerecorder.application.rules.CallDecisions;
import org.activerecorder.application.rules.DecisionView;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.rule.RecordingDecision;
import org.activerecorder.domain.model.rule.RecordingDecisionRepository;
import org.jboss.ejb3.annotation.SecurityDomain;

import java.util.List;

/** Reads the decisions of a call for people allowed to see the recorder's settings. */
@Stateless
@SecurityDomain("recorder")
@RolesAllowed({"admin", "supervisor", "auditor"})
public class CallDecisionsService implements CallDecisions {

    @Inject
    private RecordingDecisionRepository decisions;

    @Override
    public List<DecisionView> ofCall(CallUuid callUuid) {
        return decisions.ofCall(callUuid).stream().map(CallDecisionsService::view).toList();
    }

    static DecisionView view(RecordingDecision d) {
        return new DecisionView(d.id(), d.callUuid().value(), d.dn().value(), d.source().name(), d.ruleId(),
                d.ruleVersion(), d.record(), d.parties().jsonName(), d.retentionDays(), d.fileNameTemplate(),
                d.trigger(), d.decidedAt(), d.requestId() == null ? null : d.requestId().value(), d.dest(),
                d.reason());
    }
}
