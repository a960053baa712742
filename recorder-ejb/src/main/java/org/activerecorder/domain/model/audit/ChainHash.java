package org.activerecorder.domain.model.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * An entry's hash in the audit chain: {@code SHA-256(previous hash || canonical form)}, the previous hash as its 32
 * bytes and the result as 64 lower-case hex digits. Anybody can recompute it from the rows alone (docs/users.md,
 * "Tamper-evident", spells it out for a verifier written elsewhere).
 * <p>
 * The canonical form is each field in a fixed order as a 4-byte big-endian length and its UTF-8 bytes, a missing field
 * as the length -1: the position (decimal), the time (ISO-8601 UTC with exactly six decimals, what the database
 * keeps), the user, the address, the action, the target's kind, the target, the detail. Length prefixes, not
 * separators, so no text in a field can pass for a boundary. The id is not in it: the database gives it at the insert,
 * after the hash is taken, and it says nothing about who did what; the position is the chain's own key.
 */
public final class ChainHash {

    /** The hash before the first entry: the chain's genesis, position 0. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {
    }

    /** The hash of {@code entry} at {@code position}, after the entry whose hash is {@code previous}. */
    public static String after(String previous, long position, AuditEntry entry) {
        MessageDigest sha256 = sha256();
        sha256.update(HEX.parseHex(previous));
        sha256.update(canonical(position, entry));
        return HEX.formatHex(sha256.digest());
    }

    /** The entry's canonical form at that position. */
    static byte[] canonical(long position, AuditEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, Long.toString(position));
        field(out, TIME.format(entry.occurredAt()));
        field(out, entry.username());
        field(out, entry.address().orElse(null));
        field(out, entry.action().name());
        field(out, entry.target().map(t -> t.kind().name()).orElse(null));
        field(out, entry.target().map(AuditTarget::id).orElse(null));
        field(out, entry.detail().orElse(null));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(value == null ? -1 : bytes.length).array());
        out.writeBytes(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
