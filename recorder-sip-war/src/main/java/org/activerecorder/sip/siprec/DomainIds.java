package org.activerecorder.sip.siprec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Turns SIPREC identifiers into values the domain's ids take ({@code CallUuid}, {@code Dn}, {@code RecordingRequestId}):
 * SIPREC ids are base64 ({@code +/=}), Avaya UCIDs, BroadWorks ids with {@code :}, or longer than a column. The
 * mapping is pure and deterministic, so the same SIPREC id always gives the same domain id (the sessions of one call
 * join one recording by it), and two different SIPREC ids never give the same one in practice:
 * <ul>
 *   <li>a value the domain takes as it is stays as it is;</li>
 *   <li>an RFC 7865 id that is a UUID in base64 becomes that UUID in its usual text form (36 characters);</li>
 *   <li>anything else has each character the id does not allow replaced by {@code -}, is cut so that a {@code -} and
 *       the first 8 hex digits of the SHA-256 of the original value fit after it, and gets them: the hash keeps apart
 *       ids that differ only in the characters replaced or the part cut.</li>
 * </ul>
 * The original values are kept as recording attributes by the reader, so nothing is lost.
 */
public final class DomainIds {

    /** What {@code CallUuid} takes. */
    public static final Pattern CALL_UUID = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");
    /** What {@code Dn} takes. */
    public static final Pattern DN = Pattern.compile("[A-Za-z0-9+*#._\\-]{1,64}");
    /** What {@code RecordingRequestId} takes. */
    public static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._\\-]{1,128}");

    private static final int HASH_HEX_DIGITS = 8;

    private DomainIds() {
    }

    public static String callUuid(String value) {
        return fit(value, CALL_UUID, "._-", 64);
    }

    public static String dn(String value) {
        return fit(value, DN, "+*#._-", 64);
    }

    public static String requestId(String value) {
        return fit(value, REQUEST_ID, "._-", 128);
    }

    /** The DN of a participant's AoR: its user part ({@code sip:+1555@host} is {@code +1555}), mapped as above. */
    public static String dnOfAor(String aor) {
        String user = RecordedDns.userPart(aor);
        return user.isEmpty() ? "" : dn(user);
    }

    static String fit(String value, Pattern allowed, String punctuation, int max) {
        if (allowed.matcher(value).matches()) {
            return value;
        }
        String uuid = new CallIdentity(value, IdentityRule.SIPREC_SESSION_ID, "").asUuid().orElse(null);
        if (uuid != null && allowed.matcher(uuid).matches()) {
            return uuid;
        }
        StringBuilder replaced = new StringBuilder(Math.min(value.length(), max));
        int keep = max - HASH_HEX_DIGITS - 1;
        for (int i = 0; i < value.length() && replaced.length() < keep; i++) {
            char c = value.charAt(i);
            boolean ok = c < 0x80 && (Character.isLetterOrDigit(c) || punctuation.indexOf(c) >= 0);
            replaced.append(ok ? c : '-');
        }
        return replaced.append('-').append(hash(value)).toString();
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
