package org.activerecorder.sip.siprec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The DNs the recorder is configured to record, and the rule that tells whether a participant's AoR is one of them.
 * An AoR matches a DN when its user part (of a {@code sip:}/{@code sips:} URI) or number (of a {@code tel:} URI) is
 * that DN: numbers compare by their digits alone, so {@code +1 (555) 010-0001}, {@code +15550100001} and
 * {@code 15550100001} are one number, and other user parts compare without regard to case. A DN written as
 * {@code user@host} must match the AoR's {@code user@host}. Numbers in another format (national against E.164) do not
 * match: configure the DNs as the SRC writes them.
 */
public final class RecordedDns {
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9 ().\\-]*[0-9][0-9 ().\\-]*");

    private final List<String> dns;

    public RecordedDns(Collection<String> dns) {
        this.dns = dns.stream().map(String::strip).filter(dn -> !dn.isEmpty()).toList();
    }

    public static RecordedDns none() {
        return new RecordedDns(List.of());
    }

    /** The configured DN the AoR is, if any. */
    public Optional<String> matching(String aor) {
        String user = userPart(aor);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String userAtHost = userAtHost(aor);
        for (String dn : dns) {
            boolean same = dn.indexOf('@') >= 0 ? dn.equalsIgnoreCase(userAtHost)
                    : comparable(dn).equals(comparable(user));
            if (same) {
                return Optional.of(dn);
            }
        }
        return Optional.empty();
    }

    /**
     * The user part of a {@code sip:}/{@code sips:} AoR ({@code sip:02077705371} has no host: all of it), or the
     * number of a {@code tel:} one, without parameters, escapes decoded; a display name and angle brackets around it
     * are dropped.
     */
    static String userPart(String aor) {
        String address = bare(aor);
        String rest = withoutScheme(address);
        int at = rest.indexOf('@');
        String user = at >= 0 ? rest.substring(0, at) : rest;
        int semicolon = user.indexOf(';');
        return decode(semicolon >= 0 ? user.substring(0, semicolon) : user);
    }

    private static String userAtHost(String aor) {
        String rest = withoutScheme(bare(aor));
        int end = rest.length();
        for (char stop : new char[] {';', '?', '>'}) {
            int at = rest.indexOf(stop, rest.indexOf('@') + 1);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return decode(rest.substring(0, end));
    }

    private static String bare(String aor) {
        String text = aor == null ? "" : aor.strip();
        int open = text.indexOf('<');
        int close = text.indexOf('>', open + 1);
        return open >= 0 && close > open ? text.substring(open + 1, close).strip() : text;
    }

    private static String withoutScheme(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        for (String scheme : List.of("sips:", "sip:", "tel:")) {
            if (lower.startsWith(scheme)) {
                return address.substring(scheme.length());
            }
        }
        return address;
    }

    /** Digits alone for a number, lower case for anything else. */
    private static String comparable(String user) {
        return NUMBER.matcher(user).matches() ? user.replaceAll("[^0-9]", "") : user.toLowerCase(Locale.ROOT);
    }

    /** %XX escapes decoded (RFC 3261 §19.1.2) as UTF-8; a malformed escape is kept as written. */
    private static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            int hex = text.charAt(i) == '%' ? hexByte(text, i + 1) : -1;
            if (hex >= 0) {
                escaped.write(hex);
                i += 2;
                continue;
            }
            out.append(escaped.toString(StandardCharsets.UTF_8));
            escaped.reset();
            out.append(text.charAt(i));
        }
        return out.append(escaped.toString(StandardCharsets.UTF_8)).toString();
    }

    private static int hexByte(String text, int at) {
        if (at + 2 > text.length()) {
            return -1;
        }
        int high = Character.digit(text.charAt(at), 16);
        int low = Character.digit(text.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    @Override
    public String toString() {
        return dns.toString();
    }
}
