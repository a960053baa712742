package org.activerecorder.testsupport.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads SIP responses from the bytes that came back on a socket and says whether each is well-formed, strictly
 * enough to catch what JAIN-SIP's own automatic answers got wrong: a status line {@code SIP/2.0 NNN phrase} whose
 * phrase has no control character, header lines {@code name: value}, each ended by CRLF (no bare LF or CR), no
 * blank line before the end of the headers, a Content-Length, and exactly that many body bytes.
 */
public final class WireResponses {

    private static final Pattern STATUS_LINE = Pattern.compile("SIP/2\\.0 [1-6][0-9][0-9] [^\\x00-\\x1f\\x7f]*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#-'*+.0-9A-Z^-z|~%-]+[ \\t]*");

    private WireResponses() {
    }

    /** The status lines of the responses in one datagram: exactly one response, nothing after its body. */
    public static String datagram(byte[] bytes) {
        List<String> responses = stream(bytes);
        if (responses.size() != 1) {
            throw new AssertionError("a datagram carries " + responses.size() + " responses");
        }
        return responses.get(0);
    }

    /** The status lines of the responses one after another on a stream. */
    public static List<String> stream(byte[] bytes) {
        List<String> statusLines = new ArrayList<>();
        int position = 0;
        while (position < bytes.length) {
            position = response(bytes, position, statusLines);
        }
        return statusLines;
    }

    private static int response(byte[] bytes, int start, List<String> statusLines) {
        int position = start;
        Integer contentLength = null;
        boolean first = true;
        while (true) {
            int end = lineEnd(bytes, position);
            String line = new String(bytes, position, end - position, StandardCharsets.ISO_8859_1);
            position = end + 2;
            if (first) {
                if (!STATUS_LINE.matcher(line).matches()) {
                    throw malformed("bad status line '" + printable(line) + "'", bytes);
                }
                statusLines.add(line);
                first = false;
                continue;
            }
            if (line.isEmpty()) {
                break; // end of headers: everything before was a header line
            }
            if (!headerLine(line)) {
                throw malformed("bad header line '" + printable(line) + "'", bytes);
            }
            String name = line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("l")) {
                if (contentLength != null) {
                    throw malformed("two Content-Length headers", bytes);
                }
                contentLength = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        if (contentLength == null) {
            throw malformed("no Content-Length", bytes);
        }
        if (bytes.length - position < contentLength) {
            throw malformed("Content-Length " + contentLength + " but " + (bytes.length - position) + " body bytes",
                    bytes);
        }
        return position + contentLength;
    }

    /**
     * A token, a colon, and a value without control characters other than HT, except that a quoted-pair may
     * escape any of them but CR and LF (RFC 3261 §25.1), as RFC 4475's messages do and JAIN-SIP then echoes in
     * To and From. By hand: a regular expression of alternatives recurses per character and overflows the stack
     * on a long header.
     */
    private static boolean headerLine(String line) {
        int colon = line.indexOf(':');
        if (colon < 1 || !HEADER_NAME.matcher(line.substring(0, colon)).matches()) {
            return false;
        }
        for (int i = colon + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                i++; // the escaped character: any but CR and LF, which never reach here
            } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Where the line starting here ends (its CR); a bare LF or CR, or no end at all, is malformed. */
    private static int lineEnd(byte[] bytes, int start) {
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                throw malformed("bare LF", bytes);
            }
            if (bytes[i] == '\r') {
                if (i + 1 >= bytes.length || bytes[i + 1] != '\n') {
                    throw malformed("CR without LF", bytes);
                }
                return i;
            }
        }
        throw malformed("headers not ended by an empty line", bytes);
    }

    private static AssertionError malformed(String problem, byte[] bytes) {
        return new AssertionError("malformed response (" + problem + "):\n"
                + printable(new String(bytes, StandardCharsets.ISO_8859_1)));
    }

    public static String printable(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n\n");
    }
}
