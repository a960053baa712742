package org.activerecorder.domain.model.rule;

import java.util.List;
import java.util.Optional;

/** Where rules and their versions are kept. */
public interface RecordingRuleRepository {

    /** Saves a new rule, giving it its id. */
    void add(RecordingRule rule);

    /** Saves a version (versions are never changed). */
    void add(RuleVersion version);

    /** The rule, deleted or not. */
    Optional<RecordingRule> find(long id);

    /** The rule, locked for the rest of the transaction, so that two saves make two versions one after the other. */
    Optional<RecordingRule> lock(long id);

    Optional<RuleVersion> version(long ruleId, int version);

    /** The current version of every rule not deleted, by rule id. */
    List<RuleVersion> current();
}
