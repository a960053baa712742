package org.activerecorder.domain.model.rule;

import org.activerecorder.domain.model.CallUuid;

import java.util.List;

/** Where the decisions of calls are kept. */
public interface RecordingDecisionRepository {

    void add(RecordingDecision decision);

    /** The call's decisions, oldest first. */
    List<RecordingDecision> ofCall(CallUuid callUuid);
}
