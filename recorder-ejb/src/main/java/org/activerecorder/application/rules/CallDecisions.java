package org.activerecorder.application.rules;

import jakarta.ejb.Local;
import org.activerecorder.domain.model.CallUuid;

import java.util.List;

/**
 * The decisions taken on a call's events, oldest first (empty for a call nothing was decided on). Reading needs
 * {@code admin}, {@code supervisor} or {@code auditor}.
 */
@Local
public interface CallDecisions {

    List<DecisionView> ofCall(CallUuid callUuid);
}
