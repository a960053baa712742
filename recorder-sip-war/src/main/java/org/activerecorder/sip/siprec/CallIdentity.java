package org.activerecorder.sip.siprec;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The identity of the call a SIPREC session records, and the rule that found it, so the recording can say where its
 * call id came from.
 *
 * @param value  the call id, as the source wrote it (at most {@link CallIdentityRule#MAX_LENGTH} characters)
 * @param rule   which rule gave it
 * @param source the header or extension element it came from ({@code X-Call-ID}, {@code ucid}); "" for the others
 */
public record CallIdentity(String value, IdentityRule rule, String source) {
    public CallIdentity {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rule, "rule");
        source = source == null ? "" : source;
    }

    /**
     * The value as a UUID in its usual text form when it is one: RFC 7865 ids are UUIDs in base64 (24 characters,
     * {@code hVpd7YQgRW2nD22h7q60JQ==}), whose {@code + / =} no CallUUID-shaped column takes.
     */
    public Optional<String> asUuid() {
        if (value.length() != 24 || !value.endsWith("==")) {
            return Optional.empty();
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(value));
            return Optional.of(new UUID(bytes.getLong(), bytes.getLong()).toString());
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** One line for the recording's record and the log. */
    public String explanation() {
        return switch (rule) {
            case CONFIGURED_HEADER -> "call id " + value + " from the configured header " + source;
            case EXTENSION_DATA -> "call id " + value + " from the metadata's extension data <" + source + ">";
            case SIPREC_SESSION_ID -> "call id " + value
                    + " is the SIPREC session id (no configured header or vendor call id)";
            case RECORDING_DIALOG -> "call id " + value
                    + " is the recording dialog's Call-ID (no metadata names the call)";
        };
    }
}
