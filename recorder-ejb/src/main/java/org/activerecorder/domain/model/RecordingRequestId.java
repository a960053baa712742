package org.activerecorder.domain.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id the Media Server gives a recording session: the user part of {@code sip:record=<id>@recorder}.
 * Both sessions of one call usually carry the same id; the recording itself is identified by the
 * recorder's own id.
 */
public record RecordingRequestId(String value) {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._\\-]{1,128}");

    public RecordingRequestId {
        Objects.requireNonNull(value, "recording id");
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "recording id must be 1 to 128 letters, digits, '.', '_' or '-': '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
