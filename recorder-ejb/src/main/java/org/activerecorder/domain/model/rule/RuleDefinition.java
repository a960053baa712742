package org.activerecorder.domain.model.rule;

import java.util.Objects;

/**
 * One version of a rule, validated: its name, its place in the order (lower priority first), whether it is in use,
 * what it matches and what it decides.
 */
public record RuleDefinition(String name, int priority, boolean enabled, RuleCriteria criteria, RuleOutcome outcome) {

    public RuleDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(outcome, "outcome");
    }
}
