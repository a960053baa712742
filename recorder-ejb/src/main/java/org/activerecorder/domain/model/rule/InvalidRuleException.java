package org.activerecorder.domain.model.rule;

import java.util.List;

/** A rule that cannot be saved, with every problem found (not just the first), each in words a person can act on. */
public class InvalidRuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidRuleException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
