package org.activerecorder.application.rules;

import java.time.Instant;

/**
 * A DN's configuration as the API shows it. Field names are a public contract: add, never rename or remove.
 *
 * @param type      one of {@code extension}, {@code acd-position}, {@code agent-login}, {@code trunk-group},
 *                  {@code treatment-port}, {@code routing-point}, {@code other}
 * @param version   how many times it was saved (1 when created): what a change names as the version it is based on
 * @param updatedBy who saved it last; {@code null} when saved before this was kept
 */
public record DnView(String dn, String type, boolean alwaysRecorded, String description, Integer retentionDays,
                     Instant updatedAt, long version, String updatedBy) {
}
