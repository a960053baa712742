package org.activerecorder.sip.siprec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits a {@code multipart/mixed} body (RFC 2046 §5.1.1) into its parts, strict about the structure and liberal
 * about the spelling field SRCs use: CRLF or bare LF line ends, a preamble and an epilogue, white space after a
 * delimiter, a missing close delimiter (the last part then runs to the end), part headers with or without a space
 * after the colon, folded header lines, and a header block that runs into the content without the empty line
 * (one SBC vendor's documented examples do that; the first line that is not a header starts the content).
 *
 * <p>Written by hand rather than with jakarta.mail's {@code MimeMultipart}, which copes with all of the above
 * (tried with Angus Mail 2.0): it needs a mail implementation found through {@code ServiceLoader} at run time (not
 * on this module's class path, and a class-loading question inside WildFly), its leniency is set by JVM-wide
 * {@code mail.mime.multipart.*} system properties shared by every deployment, and it reports a peer's mistakes as
 * checked exceptions from lazy parsing. A SIP body is a bounded byte array already in memory, and RFC 2046's
 * delimiter rule fits in the few methods below.
 */
final class MultipartBody {

    /** RFC 2046 allows 70 characters; a few more are tolerated, no line break ever. */
    static final int MAX_BOUNDARY_LENGTH = 100;

    private MultipartBody() {
    }

    /**
     * The parts of {@code body}, in order, preamble and epilogue dropped.
     *
     * @param boundary the Content-Type's {@code boundary} parameter, unquoted
     */
    static Verdict<List<BodyPart>> split(String boundary, byte[] body, int maxParts) {
        if (boundary == null || boundary.isEmpty()) {
            return Verdict.refused(Refusal.Reason.MALFORMED_BODY, "multipart/mixed without a boundary parameter");
        }
        if (boundary.length() > MAX_BOUNDARY_LENGTH || boundary.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            return Verdict.refused(Refusal.Reason.MALFORMED_BODY,
                    "multipart/mixed boundary is not 1-70 printable characters");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int start = nextDelimiterLine(body, delimiter, 0);
        if (start < 0) {
            return Verdict.refused(Refusal.Reason.MALFORMED_BODY, "no delimiter line --" + boundary + " in the body");
        }
        List<BodyPart> parts = new ArrayList<>();
        while (start >= 0 && !isCloseDelimiter(body, start + delimiter.length)) {
            int contentStart = endOfLine(body, start);
            int next = nextDelimiterLine(body, delimiter, contentStart);
            int contentEnd = next < 0 ? body.length : withoutLineBreak(body, contentStart, next);
            if (parts.size() == maxParts) {
                return Verdict.refused(Refusal.Reason.TOO_LARGE, "body has more than " + maxParts + " parts");
            }
            parts.add(part(body, contentStart, contentEnd));
            start = next;
        }
        return Verdict.accepted(List.copyOf(parts));
    }

    /**
     * The index of the next line, at or after {@code from}, that is a delimiter: the delimiter at a line start,
     * followed by "--", white space or the line end (so a boundary that prefixes a longer string is not taken).
     */
    private static int nextDelimiterLine(byte[] body, byte[] delimiter, int from) {
        for (int line = from; line >= 0 && line < body.length; line = nextLineStart(body, line)) {
            if (startsWith(body, line, delimiter)) {
                int after = line + delimiter.length;
                if (after >= body.length || isCloseDelimiter(body, after) || isLineEndAfterSpace(body, after)) {
                    return line;
                }
            }
        }
        return -1;
    }

    private static boolean isCloseDelimiter(byte[] body, int at) {
        return at + 1 < body.length && body[at] == '-' && body[at + 1] == '-';
    }

    private static boolean isLineEndAfterSpace(byte[] body, int at) {
        int i = at;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t')) {
            i++;
        }
        return i >= body.length || body[i] == '\r' || body[i] == '\n';
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (body.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The start of the line after the one at {@code at}, or -1 when it is the last line. */
    private static int nextLineStart(byte[] body, int at) {
        for (int i = at; i < body.length; i++) {
            if (body[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The index after the line break ending the line at {@code at}; the body's length when it is the last line. */
    private static int endOfLine(byte[] body, int at) {
        int next = nextLineStart(body, at);
        return next < 0 ? body.length : next;
    }

    /** {@code end}, less the CRLF or LF before it: RFC 2046 makes that line break part of the next delimiter. */
    private static int withoutLineBreak(byte[] body, int start, int end) {
        int cut = end;
        if (cut > start && body[cut - 1] == '\n') {
            cut--;
            if (cut > start && body[cut - 1] == '\r') {
                cut--;
            }
        }
        return cut;
    }

    /** One part: its header block up to the empty line (or the first line that is not a header), then the content. */
    private static BodyPart part(byte[] body, int start, int end) {
        List<String> headers = new ArrayList<>();
        int content = end;
        int line = start;
        while (line < end) {
            String text = new String(body, line, lineEnd(body, line, end) - line, StandardCharsets.ISO_8859_1);
            int next = Math.min(endOfLine(body, line), end);
            if (text.isEmpty()) {
                content = next;
                break;
            }
            if (!headers.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t')) {
                int last = headers.size() - 1;
                headers.set(last, headers.get(last) + " " + text.strip());
            } else if (isHeaderLine(text)) {
                headers.add(text);
            } else {
                content = line;
                break;
            }
            line = next;
        }
        String type = firstValue(headers, "content-type");
        String disposition = firstValue(headers, "content-disposition");
        return new BodyPart(type == null ? ContentType.DEFAULT_PART_TYPE : ContentType.parse(type),
                disposition == null ? "" : dispositionType(disposition),
                Arrays.copyOfRange(body, content, end));
    }

    /** The end of the line at {@code at} without its CR/LF, at most {@code limit}. */
    private static int lineEnd(byte[] body, int at, int limit) {
        int i = at;
        while (i < limit && body[i] != '\n') {
            i++;
        }
        return i > at && body[i - 1] == '\r' ? i - 1 : i;
    }

    /**
     * A header line is a field name, then the colon. The name is an RFC 3261 token (RFC 5322 would allow more, but no
     * header uses it), so that content that starts without the empty line ({@code v=0}, {@code <rs:recording>}) is
     * never taken for a header.
     */
    private static boolean isHeaderLine(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && "-.!%*_+`'~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The value of the first header named {@code name} (any case), or null. */
    private static String firstValue(List<String> headers, String name) {
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (header.substring(0, colon).equalsIgnoreCase(name)) {
                return header.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static String dispositionType(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
