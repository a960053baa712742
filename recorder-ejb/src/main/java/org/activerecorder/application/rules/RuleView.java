package org.activerecorder.application.rules;

import java.time.Instant;
import java.util.List;

/**
 * A version of a rule as the API shows it: the fields as written (see {@code docs/rules.md}) and where the version
 * stands. Field names are a public contract: add, never rename or remove.
 *
 * @param version        this version's number (from 1)
 * @param currentVersion the rule's current version
 * @param deleted        whether the rule was deleted (its versions stay readable)
 * @param savedAt        when this version was saved
 * @param savedBy        who saved it
 */
public record RuleView(long id, int version, int currentVersion, boolean deleted, String name, int priority,
                       boolean enabled, String dn, String agentId, String direction, String ani, String dnis,
                       String userDataKey, String userDataValue, List<String> days, String hoursFrom, String hoursTo,
                       String timeZone, Integer samplingPercent, boolean record, String parties,
                       Integer retentionDays, String fileNameTemplate, Instant savedAt, String savedBy) {
}
