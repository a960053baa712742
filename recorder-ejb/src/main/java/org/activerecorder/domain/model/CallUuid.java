package org.activerecorder.domain.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The call's CallUUID as the contact centre's call control names it (the {@code calluuid} Request-URI
 * parameter, the {@code X-Genesys-CallUUID} header, the CTI event's {@code callUuid}). It joins the
 * recording sessions of one call. Validated once where it enters the system.
 */
public record CallUuid(String value) {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");

    public CallUuid {
        Objects.requireNonNull(value, "CallUUID");
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "CallUUID must be 1 to 64 letters, digits, '.', '_' or '-': '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
