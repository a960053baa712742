package org.activerecorder.domain.model.dn;

import org.activerecorder.domain.model.Dn;

import java.util.ArrayList;
import java.util.List;

/**
 * A DN's configuration as written, before validation (the API's JSON): {@link #problems()} lists everything wrong
 * with it at once.
 *
 * @param type          one of {@link DnType}'s names, {@code extension} when absent
 * @param retentionDays days to keep its recordings, or {@code null} for the server's default
 */
public record DnSettings(String dn, String type, Boolean alwaysRecorded, String description, Integer retentionDays) {

    public static final int MAX_DESCRIPTION = 512;

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (dn == null || dn.isBlank()) {
            problems.add("dn is missing");
        } else {
            try {
                new Dn(dn);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (type != null && DnType.named(type).isEmpty()) {
            problems.add("type must be one of " + DnType.names() + ", not '" + type + "'");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add("description has more than " + MAX_DESCRIPTION + " characters");
        }
        if (retentionDays != null && retentionDays < 1) {
            problems.add("retentionDays must be at least 1, not " + retentionDays);
        }
        return problems;
    }

    public DnType dnType() {
        return type == null ? DnType.EXTENSION : DnType.named(type).orElseThrow();
    }
}
