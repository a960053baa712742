package org.activerecorder.domain.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A directory number: an extension, an ACD position, a trunk or route point, as the switch names it.
 * Letters are allowed because switches name virtual DNs with them; spaces are not.
 */
public record Dn(String value) {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9+*#._\\-]{1,64}");

    public Dn {
        Objects.requireNonNull(value, "DN");
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "DN must be 1 to 64 letters, digits or '+*#._-': '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
