package org.activerecorder.application.rules;

import jakarta.ejb.Local;

/**
 * "Would this call be recorded?": what the recorder's decider would decide for a sample call's {@code thisDn} (routing
 * instruction, always-recorded DN, or the first matching rule by priority, or nothing), by the same code that decides
 * on real call events, without recording anything or storing a decision. Needs {@code admin} or {@code supervisor}.
 */
@Local
public interface DecisionPreview {

    /** @throws ConfigurationRefused {@code INVALID} with every problem of the sample (no thisDn, a bad CallUUID) */
    PreviewedDecision preview(SampleCall call) throws ConfigurationRefused;
}
