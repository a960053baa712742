package org.activerecorder.interfaces.rest;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request's {@code Range} header (RFC 9110 section 14) asks of a representation of {@code length} bytes: the
 * whole of it, one part of it, or nothing it has. Written by hand because neither JAX-RS nor RESTEasy parses ranges;
 * Undertow's parser is for its own static files, and binding the API to a server module's internal class would cost
 * more than these few lines.
 *
 * <p>Only single ranges are served as parts. A header the server may ignore gets the whole representation (200),
 * which RFC 9110 allows for any {@code Range} ("a server MAY ignore the Range header field"): another unit than
 * {@code bytes}, a malformed range set, and several ranges (a {@code multipart/byteranges} answer is not worth its
 * code for audio players, which ask for one range at a time).
 *
 * @param kind  whether to send the whole representation, a part (206) or nothing (416)
 * @param first the first byte sent, 0 for the whole
 * @param last  the last byte sent (inclusive), {@code length - 1} for the whole; -1 when nothing is
 * @param total the representation's length
 */
record ByteRange(Kind kind, long first, long last, long total) {

    /** What to answer. */
    enum Kind {
        /** 200 with every byte: no range asked, or one the server ignores. */
        WHOLE,
        /** 206 with {@code Content-Range: bytes first-last/total}. */
        PART,
        /** 416 with {@code Content-Range: bytes *}{@code /total}: no byte of the representation is in the range. */
        UNSATISFIABLE
    }

    /** {@code bytes=first-[last]} or {@code bytes=-suffix}; the unit is case-insensitive, spaces around the range allowed. */
    private static final Pattern SINGLE = Pattern.compile("[ \\t]*(?:(\\d+)-(\\d*)|-(\\d+))[ \\t]*");

    /** The answer to {@code header} (null: none sent) over a representation of {@code total} bytes. */
    static ByteRange of(String header, long total) {
        if (header == null) {
            return whole(total);
        }
        int equals = header.indexOf('=');
        if (equals < 0 || !"bytes".equals(header.substring(0, equals).trim().toLowerCase(Locale.ROOT))) {
            return whole(total);
        }
        String set = header.substring(equals + 1);
        if (set.indexOf(',') >= 0) {
            return whole(total);
        }
        Matcher range = SINGLE.matcher(set);
        if (!range.matches()) {
            return whole(total);
        }
        if (range.group(3) != null) {
            return suffix(number(range.group(3)), total);
        }
        long first = number(range.group(1));
        long last = range.group(2).isEmpty() ? Long.MAX_VALUE : number(range.group(2));
        if (last < first) {
            return whole(total); // RFC 9110 14.1.1: invalid, so ignored
        }
        if (first >= total) {
            return unsatisfiable(total);
        }
        return new ByteRange(Kind.PART, first, Math.min(last, total - 1), total);
    }

    /** Every byte of {@code total}. */
    static ByteRange whole(long total) {
        return new ByteRange(Kind.WHOLE, 0, total - 1, total);
    }

    /** The last {@code suffix} bytes; all of them when the representation is shorter (RFC 9110 14.1.2). */
    private static ByteRange suffix(long suffix, long total) {
        if (suffix == 0 || total == 0) {
            return unsatisfiable(total);
        }
        return new ByteRange(Kind.PART, Math.max(0, total - suffix), total - 1, total);
    }

    private static ByteRange unsatisfiable(long total) {
        return new ByteRange(Kind.UNSATISFIABLE, 0, -1, total);
    }

    /** A position past what a long holds is past any file: read as {@link Long#MAX_VALUE}. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** How many bytes go in the body. */
    long count() {
        return last - first + 1;
    }

    /** The {@code Content-Range} header of a 206 or a 416. */
    String contentRange() {
        return kind == Kind.UNSATISFIABLE ? "bytes */" + total : "bytes " + first + "-" + last + "/" + total;
    }
}
