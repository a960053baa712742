package org.activerecorder.domain.model.rule;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rules in force, in the order they are tried: by priority (lower first), then by id (older first) when two
 * share a priority. The first enabled rule that matches decides, whether it says record or not: a rule that says "do
 * not record" protects a call from the rules after it.
 */
public final class RuleBook {

    private static final Comparator<RuleMatch> ORDER = Comparator
            .comparingInt((RuleMatch r) -> r.rule().priority())
            .thenComparingLong(RuleMatch::ruleId);

    private final List<RuleMatch> rules;

    /** @param current the current version of each rule (disabled ones are skipped) */
    public RuleBook(List<RuleMatch> current) {
        this.rules = current.stream().filter(r -> r.rule().enabled()).sorted(ORDER).toList();
    }

    public Optional<RuleMatch> decide(CallTraits call) {
        return rules.stream().filter(r -> r.rule().criteria().matches(call, r.ruleId())).findFirst();
    }

    public List<RuleMatch> inOrder() {
        return rules;
    }
}
