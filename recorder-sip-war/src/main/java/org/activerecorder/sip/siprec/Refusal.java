package org.activerecorder.sip.siprec;

import java.util.Objects;

/**
 * Why a SIPREC body or its metadata was not taken, in words a person can act on. The SIP answer is not decided
 * here: each {@link Reason} says which one RFC 3261 calls for, and {@code Rejection.siprecRefused} makes it, beside
 * every other refusal.
 *
 * <p>The detail is fit for a reason phrase: our own fixed words with at most numbers, names of elements and
 * media types in it, never a path or an exception's text. What a library said goes to the diagnostic, for the log.
 *
 * @param reason     what kind of problem, for the answer and for a per-reason counter
 * @param detail     what exactly is wrong ("metadata is not well-formed XML (line 2, column 7)"), printable ASCII
 * @param diagnostic what the parser said, for the log only; "" when there is nothing more to say
 */
public record Refusal(Reason reason, String detail, String diagnostic) {

    /** The kinds of refusal. */
    public enum Reason {
        /** The body, a part or the metadata is over a limit: 413 Request Entity Too Large (RFC 3261 §21.4.11). */
        TOO_LARGE,
        /** The Content-Type is neither multipart/mixed nor a SIPREC part: 415 with Accept. */
        UNSUPPORTED_BODY,
        /** A body without Content-Type, or multipart/mixed that cannot be split (no boundary, no delimiter): 400. */
        MALFORMED_BODY,
        /** The metadata is not well-formed XML, or is XML we refuse to read (a DTD, entities): 400. */
        MALFORMED_METADATA,
        /** Well-formed XML that is not recording metadata (another root element, ids missing or too long): 400. */
        NOT_RECORDING_METADATA
    }

    /** Longest detail kept: it ends in a reason phrase, which {@code Rejection} cuts at 200 characters anyway. */
    static final int MAX_DETAIL_LENGTH = 160;

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        detail = printable(Objects.requireNonNull(detail, "detail"));
        diagnostic = diagnostic == null ? "" : printable(diagnostic);
    }

    static Refusal of(Reason reason, String detail) {
        return new Refusal(reason, detail, "");
    }

    /** Control characters and non-ASCII become '?': peer text quoted in a detail never breaks a log or status line. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DETAIL_LENGTH));
        for (int i = 0; i < text.length() && out.length() < MAX_DETAIL_LENGTH; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
