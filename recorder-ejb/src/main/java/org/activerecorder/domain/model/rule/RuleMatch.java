package org.activerecorder.domain.model.rule;

import java.util.Objects;

/** The rule (id and version) that decided for a call, and what it decided. */
public record RuleMatch(long ruleId, int version, RuleDefinition rule) {

    public RuleMatch {
        Objects.requireNonNull(rule, "rule");
    }

    /** How a person reads it in a log or a command's reason: {@code rule 7 v3 "Sales 20%"}. */
    public String describe() {
        return "rule " + ruleId + " v" + version + " \"" + rule.name() + "\"";
    }
}
