package org.activerecorder.application.rules;

import java.time.Instant;

/**
 * A decision stored with a call, as the API shows it. Field names are a public contract: add, never rename or
 * remove.
 *
 * @param source      {@code ROUTING}, {@code DN_CONFIGURATION}, {@code RULE} or {@code NONE}
 * @param ruleId      the rule that decided, for {@code RULE}
 * @param ruleVersion the version of that rule ({@code GET /api/rules/{ruleId}/versions/{ruleVersion}})
 * @param parties     {@code thisDn} or {@code both}
 * @param trigger     the call event decided on: {@code ESTABLISHED} or {@code USER_DATA_UPDATED}
 * @param requestId   the recording request id sent with {@code START_RECORDING} (the INVITEs' {@code record=<id>})
 * @param dest        the routing instruction's {@code dest}, passed on
 * @param reason      what decided, in words ({@code rule 7 v3 "Sales 20%"})
 */
public record DecisionView(long id, String callUuid, String dn, String source, Long ruleId, Integer ruleVersion,
                           boolean record, String parties, Integer retentionDays, String fileNameTemplate,
                           String trigger, Instant decidedAt, String requestId, String dest, String reason) {
}
