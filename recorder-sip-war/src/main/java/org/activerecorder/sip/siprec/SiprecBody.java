package org.activerecorder.sip.siprec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a SIPREC INVITE, re-INVITE or UPDATE (RFC 7866): the SDP offer and the recording metadata, whichever
 * of them it carries. A {@code multipart/mixed} body (or, liberally, any other multipart type) is split and its parts
 * found by type, in either order; a bare {@code application/sdp} body (an SRC that sends no metadata, or a re-INVITE
 * that changes only media) and a bare metadata body (an UPDATE or re-INVITE that changes only metadata) are taken as
 * they are.
 *
 * <p>The metadata part is the first {@code application/rs-metadata+xml} or {@code application/rs-metadata} part;
 * failing that, the first part whose Content-Disposition is {@code recording-session} (RFC 7866), whatever its
 * type says. The first SDP part is the offer. Other parts are counted and ignored.
 *
 * @param sdp          the SDP offer, if the body has one
 * @param metadata     the metadata part, if the body has one
 * @param ignoredParts parts that were neither (a second SDP, a PIDF, ...), for the log
 */
public record SiprecBody(Optional<BodyPart> sdp, Optional<BodyPart> metadata, int ignoredParts) {

    /** RFC 7866's disposition of the metadata part. */
    static final String RECORDING_SESSION = "recording-session";

    public SiprecBody {
        Objects.requireNonNull(sdp, "sdp");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** A request without a body. */
    public static final SiprecBody EMPTY = new SiprecBody(Optional.empty(), Optional.empty(), 0);

    /**
     * Reads a request body.
     *
     * @param contentType the request's Content-Type value ({@code multipart/mixed;boundary=...}), null if it has none
     * @param body        the raw body, null or empty for none
     */
    public static Verdict<SiprecBody> read(String contentType, byte[] body, SiprecLimits limits) {
        if (body == null || body.length == 0) {
            return Verdict.accepted(EMPTY);
        }
        if (body.length > limits.maxBodyBytes()) {
            return Verdict.refused(Refusal.Reason.TOO_LARGE,
                    "body of " + body.length + " bytes, the limit is " + limits.maxBodyBytes());
        }
        if (contentType == null || contentType.isBlank()) {
            return Verdict.refused(Refusal.Reason.MALFORMED_BODY, "body without Content-Type");
        }
        ContentType type = ContentType.parse(contentType);
        BodyPart whole = new BodyPart(type, "", body);
        if (type.isSdp()) {
            return Verdict.accepted(new SiprecBody(Optional.of(whole), Optional.empty(), 0));
        }
        if (type.isMetadata()) {
            return Verdict.accepted(new SiprecBody(Optional.empty(), Optional.of(whole), 0));
        }
        if (!type.isMultipart()) {
            return Verdict.refused(Refusal.Reason.UNSUPPORTED_BODY, "body is " + printableType(type)
                    + ", expected application/sdp or multipart/mixed with SDP and rs-metadata");
        }
        return MultipartBody.split(type.parameter("boundary").orElse(null), body, limits.maxParts())
                .map(SiprecBody::of);
    }

    private static SiprecBody of(List<BodyPart> parts) {
        Optional<BodyPart> sdp = parts.stream().filter(part -> part.contentType().isSdp()).findFirst();
        Optional<BodyPart> metadata = parts.stream().filter(part -> part.contentType().isMetadata()).findFirst()
                .or(() -> parts.stream().filter(part -> !part.contentType().isSdp())
                        .filter(part -> RECORDING_SESSION.equals(part.disposition())).findFirst());
        int used = (sdp.isPresent() ? 1 : 0) + (metadata.isPresent() ? 1 : 0);
        return new SiprecBody(sdp, metadata, parts.size() - used);
    }

    private static String printableType(ContentType type) {
        return type.mediaType().isEmpty() ? "of no media type" : type.mediaType();
    }
}
