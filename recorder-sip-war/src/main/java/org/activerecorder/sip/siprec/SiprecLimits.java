package org.activerecorder.sip.siprec;

/**
 * How much of a SIPREC body the recorder is willing to read. Each limit is far above what any SRC sends for a
 * two- or three-party call and far below what would let one message cost noticeable memory or time; input over a
 * limit is refused with {@link Refusal.Reason#TOO_LARGE}, never truncated.
 *
 * @param maxBodyBytes    the whole body; RFC 7866 metadata for a two-party call is 1-4 KiB, so 64 KiB leaves room
 *                        for chatty extension data and still bounds every parse below
 * @param maxParts        body parts; SIPREC needs two, a few SRCs add one (e.g. a PIDF), more is not a recording
 * @param maxElements     XML elements in the metadata; a two-party RFC 7865 document has about 30
 * @param maxElementDepth XML nesting; RFC 7865 needs 4 levels, vendor extension data a few more
 * @param maxParticipants participants in one document: a conference recorder's worth, not a crowd
 * @param maxStreams      streams in one document, likewise
 * @param maxExtensionValues vendor extension values kept per owner (document or participant); more are dropped
 * @param maxValueLength  characters of an id, label, AoR or name; longer ones are refused, since they would not fit
 *                        the columns they end up in and no SRC writes them (UUIDs are 24-36 characters)
 */
public record SiprecLimits(int maxBodyBytes, int maxParts, int maxElements, int maxElementDepth,
                           int maxParticipants, int maxStreams, int maxExtensionValues, int maxValueLength) {

    public static final SiprecLimits DEFAULT = new SiprecLimits(64 * 1024, 8, 2_000, 24, 64, 64, 32, 256);

    public SiprecLimits {
        if (maxBodyBytes < 1 || maxParts < 1 || maxElements < 1 || maxElementDepth < 4 || maxParticipants < 1
                || maxStreams < 1 || maxExtensionValues < 0 || maxValueLength < 16) {
            throw new IllegalArgumentException("SIPREC limits too small");
        }
    }
}
