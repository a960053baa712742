package org.activerecorder.application.rules;

import java.time.Instant;

/**
 * What the recorder would decide for a sample call's DN, as the API shows it: the fields of a stored decision
 * ({@link DecisionView}) that a preview can know, and the deciding rule's name. Field names are a public contract:
 * add, never rename or remove.
 *
 * @param callUuid the call's id the rules drew from (the sample's, or a fresh one)
 * @param at       the instant the days and hours were read at
 * @param source   {@code ROUTING}, {@code DN_CONFIGURATION}, {@code RULE} or {@code NONE}
 * @param ruleName the deciding rule's name in that version, for {@code RULE}
 * @param reason   what decided, in words, as a stored decision would say it
 */
public record PreviewedDecision(String callUuid, String dn, Instant at, String source, Long ruleId,
                                Integer ruleVersion, String ruleName, boolean record, String parties,
                                Integer retentionDays, String fileNameTemplate, String reason) {
}
