package org.activerecorder.domain.model.rule;

import java.util.Objects;

/**
 * What a rule decides when it matches: record or not, which parties, how many days to keep the recording (or the
 * server's default when {@code null}) and how to name its file (or the server's default when {@code null}).
 */
public record RuleOutcome(boolean record, RecordedParties parties, Integer retentionDays,
                          FileNameTemplate fileName) {

    public RuleOutcome {
        Objects.requireNonNull(parties, "parties");
        if (retentionDays != null && retentionDays < 1) {
            throw new IllegalArgumentException("retention is at least 1 day, not " + retentionDays);
        }
    }
}
