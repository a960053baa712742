package org.activerecorder.sip.status;

import org.activerecorder.application.IntakeRefused;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.sip.siprec.Refusal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A final response that refuses a request: the status code, a reason phrase that says what to fix,
 * and the extra headers the code calls for. Every refusal the SIP side makes is decided by one of the
 * factory methods here, so the mapping from "what went wrong" to "which status code" is in one place.
 *
 * <p>Reason phrases are the standard phrase, a colon and the detail ({@code "Not Acceptable Here: no
 * supported audio codec offered (PCMU, PCMA)"}). They are fixed texts of ours: what a factory is given from peer
 * input (a header's value, an SDP line, a method, a parse error) never goes into the phrase but into {@code detail},
 * which only the log carries ({@link #forLog()}); text of ours a factory is given (a parameter's name, a direction)
 * shows as a short, cleaned excerpt ({@link #shown}), and never a file path or an exception's text. The whole phrase is reduced to the characters RFC 3261 §25.1 allows in a
 * Reason-Phrase and cut to {@value #MAX_REASON_LENGTH} characters.
 *
 * @param statusCode   the SIP status code (300-699)
 * @param reasonPhrase the reason phrase, already safe to put on the status line
 * @param headers      extra headers, name to value, in the order they should appear
 * @param detail       what a person reading the log needs beyond the phrase (peer input, cleaned and bounded), or
 *                     empty; never sent
 */
public record Rejection(int statusCode, String reasonPhrase, Map<String, String> headers, String detail) {

    /** The methods the recorder answers; the Allow header of 405 and OPTIONS responses. */
    public static final String ALLOWED_METHODS = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE";

    /** The only body the recorder accepts; the Accept header of 415 and OPTIONS responses. */
    public static final String ACCEPTED_BODY = "application/sdp";

    /** Seconds a Media Server should wait before offering a session again when we are out of ports. */
    public static final int RETRY_AFTER_SECONDS = 10;

    /** The warn-agent of our Warning headers: RFC 3261 allows a pseudonym instead of host:port. */
    public static final String WARN_AGENT = "active-recorder";

    static final int MAX_REASON_LENGTH = 200;

    /** The most of one piece of text of ours a phrase shows. */
    static final int MAX_SHOWN_LENGTH = 64;

    /** The most of peer input a detail keeps for the log. */
    static final int MAX_DETAIL_LENGTH = 200;

    /** A word starting with a slash, backslash or drive letter, or with two slashes: a file path. */
    private static final Pattern PATH_LIKE = Pattern.compile(
            "(^|[\\s'\"(=:,;])([/\\\\~]|[A-Za-z]:[/\\\\])|[^\\s/]*/[^\\s/]*/|\\\\");

    /** A Java class or package name, or an exception's type: the text of a stack trace or exception. */
    private static final Pattern EXCEPTION_LIKE = Pattern.compile(
            "\\b(java|javax|jakarta|gov|org|com|sun)\\.[a-z]|[A-Za-z](Exception|Error)\\b|\\bat [a-z]+\\.");

    public Rejection {
        if (statusCode < 300 || statusCode > 699) {
            throw new IllegalArgumentException("not a final error status: " + statusCode);
        }
        Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        headers = java.util.Collections.unmodifiableMap(withRetryAfter(statusCode, headers));
        detail = detail == null ? "" : detail;
    }

    /**
     * The headers, with Retry-After added to a 503 that lacks one: a 503 without it tells the Media Server nothing
     * about when to come back, and some treat it as "this server is gone" (RFC 3261 §21.5.4). Decided here, once,
     * so that no way of making a 503 can forget it.
     */
    private static Map<String, String> withRetryAfter(int statusCode, Map<String, String> headers) {
        Map<String, String> all = headers == null ? new LinkedHashMap<>() : new LinkedHashMap<>(headers);
        if (statusCode == 503 && all.keySet().stream().noneMatch("Retry-After"::equalsIgnoreCase)) {
            all.put("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        return all;
    }

    /** A rejection without a detail for the log. */
    public Rejection(int statusCode, String reasonPhrase, Map<String, String> headers) {
        this(statusCode, reasonPhrase, headers, "");
    }

    /** Status, phrase and, when there is one, the detail behind it: for the log, never for the wire. */
    public String forLog() {
        return statusCode + " " + reasonPhrase + (detail.isEmpty() ? "" : " [" + detail + "]");
    }

    private static Rejection of(int statusCode, String phrase, String text) {
        return new Rejection(statusCode, safeReason(phrase + ": " + text), Map.of());
    }

    /**
     * A fixed phrase, and the peer input behind it for the log only: one line of it, without control characters,
     * bounded, so that it can neither break a log line nor fill the log.
     */
    private static Rejection of(int statusCode, String phrase, String text, String peerInput) {
        String line = peerInput == null ? "" : peerInput.replaceAll("\\p{Cntrl}", " ").strip();
        String bounded = line.length() <= MAX_DETAIL_LENGTH ? line : line.substring(0, MAX_DETAIL_LENGTH) + "...";
        return new Rejection(statusCode, safeReason(phrase + ": " + text), Map.of(), bounded);
    }

    private Rejection retryAfter(int seconds) {
        return with("Retry-After", Integer.toString(seconds));
    }

    private Rejection with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Rejection(statusCode, reasonPhrase, more, detail);
    }

    // ---- Request-URI and headers (intake shape A) ----

    /**
     * The request lacks something every SIP request needs (JAIN-SIP's header check failed). The problem is
     * JAIN-SIP's exception text: it goes to the log; the phrase names the header when the text names one of
     * {@link #REQUIRED_HEADERS}, in our words, else stays general.
     */
    public static Rejection malformedRequest(String problem) {
        String text = problem == null ? "" : problem;
        for (String header : REQUIRED_HEADERS) {
            if (Pattern.compile("\\b" + Pattern.quote(header) + "\\b", Pattern.CASE_INSENSITIVE).matcher(text).find()) {
                return of(400, "Bad Request", "malformed request (" + header + " header missing or broken)");
            }
        }
        return of(400, "Bad Request", "malformed request (a required header is missing or broken)");
    }

    /** The headers JAIN-SIP's check requires, as its messages name them, as whole words, the longer names first. */
    private static final List<String> REQUIRED_HEADERS = List.of("Subscription-State", "Max-Forwards", "Call-ID",
            "Contact", "Event", "CSeq", "From", "Via", "To");

    /** The Request-URI does not ask for a recording: the recorder has no other resources to offer. */
    public static Rejection notARecordingRequest() {
        return of(404, "Not Found", "not a recording request (expected sip:record=ID@recorder;calluuid=...)");
    }

    /** A part of the recording Request-URI is absent; {@code part} names it ("calluuid parameter"). */
    public static Rejection missingUriParameter(String part) {
        return of(400, "Bad Request", "missing " + shown(part) + " in the Request-URI");
    }

    /**
     * A parameter of the recording Request-URI does not hold a valid value; {@code part} names it (it may be the
     * peer's own parameter name), {@code problem} says what is wrong: both go to the log only.
     */
    public static Rejection invalidUriParameter(String part, String problem) {
        return of(400, "Bad Request", "invalid parameter in the Request-URI, see the recorder log",
                part + (problem == null || problem.isBlank() ? "" : ": " + problem));
    }

    /** The X-Genesys-CallUUID header names another call than the Request-URI's calluuid; both values go to the log. */
    public static Rejection callUuidMismatch(String header, String headerValue, String uriValue) {
        return of(400, "Bad Request", "call UUID header disagrees with the Request-URI calluuid",
                header + " " + headerValue + " vs calluuid " + uriValue);
    }

    /** A header longer than the recorder keeps (the Call-ID is stored with the stream). */
    public static Rejection headerTooLong(String header, int max) {
        return of(400, "Bad Request", shown(header) + " longer than " + max + " characters");
    }

    /** The session request has the identity of a dialog that exists already but is not a retransmission. */
    public static Rejection duplicateSession() {
        return of(400, "Bad Request", "a session with this Call-ID and From tag exists already");
    }

    // ---- SDP offer ----

    /** An INVITE without an offer: the recorder does not do offerless (late offer) INVITEs. */
    public static Rejection missingOffer() {
        return of(400, "Bad Request", "INVITE has no SDP offer (late offer is not supported)");
    }

    /** A body other than SDP: 415 with Accept so the sender knows what would be understood. */
    public static Rejection unsupportedBody(String contentType) {
        return of(415, "Unsupported Media Type", "expected " + ACCEPTED_BODY, "body is " + contentType)
                .with("Accept", ACCEPTED_BODY);
    }

    /** The body says application/sdp but is not valid SDP; what is wrong (quoting the offer) goes to the log. */
    public static Rejection unparseableOffer(String problem) {
        return of(400, "Bad Request", "unparseable SDP offer", problem);
    }

    /**
     * No offered audio stream uses a codec we decode. 488 with Warning 305 "Incompatible media format"
     * (RFC 3261 §20.43), so the Media Server can log which side lacks the codec.
     */
    public static Rejection noSupportedCodec() {
        String codecs = Arrays.stream(AudioCodec.values()).map(AudioCodec::rtpmapEncoding)
                .collect(Collectors.joining(", "));
        String detail = "no supported audio codec offered (" + codecs + ")";
        return of(488, "Not Acceptable Here", detail)
                .with("Warning", "305 " + WARN_AGENT + " \"Incompatible media format: " + detail + "\"");
    }

    /** The offer has no audio m-line at all: Warning 304 "Media type not available". */
    public static Rejection noAudioOffered() {
        String detail = "no audio stream offered";
        return of(488, "Not Acceptable Here", detail)
                .with("Warning", "304 " + WARN_AGENT + " \"Media type not available: " + detail + "\"");
    }

    /**
     * The offered audio would bring us no media: port 0 (stream disabled) or a direction in which the
     * offerer does not send (recvonly, inactive). A recorder only receives, so such a session records
     * nothing; refusing it tells the Media Server at once instead of producing an empty recording.
     */
    public static Rejection nothingToReceive(String why) {
        return of(488, "Not Acceptable Here", "offered audio sends nothing to record" + parenthesized(why));
    }

    /** The offer carries RTP we cannot receive (SRTP, other profiles). */
    public static Rejection unsupportedTransport(String protocol) {
        return of(488, "Not Acceptable Here", "audio transport not supported (only RTP/AVP)", "offered " + protocol);
    }

    /**
     * More audio streams than the Request-URI names parties for ({@code dn}, and {@code otherDN} for a session of
     * both parties): a stream nobody can be named for would be audio recorded under no party, or not at all.
     */
    public static Rejection moreAudioStreamsThanParties(int streams, int parties) {
        return of(488, "Not Acceptable Here", streams + " audio streams offered, but the Request-URI names "
                + (parties == 1 ? "one party (dn)" : parties + " parties (dn, otherDN)"));
    }

    /**
     * A re-offer (re-INVITE) that no longer carries the stream being recorded, or drops its codec. The recorder
     * cannot switch a running stream to another m-line or codec; RFC 3261 §14.2 keeps the session as it was.
     */
    public static Rejection reofferWithoutRecordedStream(String why) {
        return of(488, "Not Acceptable Here", "re-offer changes the recorded audio stream", why);
    }

    // ---- SIPREC bodies (RFC 7866) ----

    /** What a SIPREC session may carry; the Accept header of a 415 to a SIPREC request. */
    public static final String ACCEPTED_SIPREC_BODIES = "application/sdp, multipart/mixed, application/rs-metadata+xml";

    /**
     * The answer to a SIPREC body the recorder did not take, by the kind of problem (TOO_LARGE 413, UNSUPPORTED_BODY
     * 415, anything else 400). The phrase is fixed per kind: the refusal's detail quotes peer input and goes to the
     * log, never on the wire.
     */
    public static Rejection siprecRefused(Refusal.Reason reason) {
        return switch (reason) {
            case TOO_LARGE -> siprecBodyTooLarge();
            case UNSUPPORTED_BODY -> siprecUnsupportedBody();
            case MALFORMED_BODY -> of(400, "Bad Request", "unreadable multipart body");
            case MALFORMED_METADATA -> of(400, "Bad Request", "recording metadata is not well-formed XML");
            case NOT_RECORDING_METADATA -> of(400, "Bad Request", "recording metadata is not RFC 7865 metadata");
        };
    }

    /** A SIPREC body or metadata over the recorder's size limits (RFC 3261 §21.4.11). */
    public static Rejection siprecBodyTooLarge() {
        return of(413, "Request Entity Too Large", "SIPREC body over the recorder's limits");
    }

    /** A SIPREC request whose body is neither SDP, multipart nor recording metadata: 415 with Accept. */
    public static Rejection siprecUnsupportedBody() {
        return of(415, "Unsupported Media Type", "expected multipart/mixed with SDP and rs-metadata")
                .with("Accept", ACCEPTED_SIPREC_BODIES);
    }

    // ---- outcome of the stream intake ----

    /**
     * Maps a refusal of the domain to a status code.
     * <ul>
     *   <li>NO_MEDIA_RESOURCES: 503 with Retry-After, a temporary condition another recorder (or a retry)
     *       can absorb;</li>
     *   <li>CONFLICT: 400, not 409: 409 Conflict was dropped from SIP by RFC 3261 and a UAC treats an
     *       unknown 4xx as 400 anyway (§8.1.3.2), so 400 with the reason says the same, portably;</li>
     *   <li>INTERNAL: 500.</li>
     * </ul>
     * The intake's message is for the log only (the caller logs it): it may name files and carry exception text.
     */
    public static Rejection intakeRefused(IntakeRefused.Reason reason, String message) {
        return switch (reason) {
            case NO_MEDIA_RESOURCES -> of(503, "Service Unavailable", "no media resources, see the recorder log");
            case CONFLICT -> of(400, "Bad Request", "conflicts with the recording of this call, see the recorder log");
            case INTERNAL -> of(500, "Server Internal Error", "the recorder failed, see the recorder log");
        };
    }

    /** Something unexpected failed inside the recorder; the details are in the server log, not on the wire. */
    public static Rejection internalError() {
        return of(500, "Server Internal Error", "the recorder failed to open the stream, see the recorder log");
    }

    /** JAIN-SIP gave up the session's early dialog before the stream intake answered (it took minutes). */
    public static Rejection dialogEndedWhileOpening() {
        return of(500, "Server Internal Error", "the recorder took too long to open the stream");
    }

    /**
     * The recorder cannot take more work right now: its queue of session openings is full
     * (recorder.sip.max-pending-work) or its executor refused the task.
     */
    public static Rejection overloaded() {
        return of(503, "Service Unavailable", "the recorder is overloaded or stopping");
    }

    /** As many recording sessions are open as recorder.sip.max-sessions allows. */
    public static Rejection sessionLimit() {
        return of(503, "Service Unavailable", "recording session limit reached");
    }

    /** This peer has as many recording sessions open as recorder.sip.max-sessions-per-peer allows. */
    public static Rejection peerSessionLimit() {
        return of(503, "Service Unavailable", "recording session limit for this peer reached");
    }

    // ---- dialogs, methods, peers ----

    /** A request for a dialog or transaction the recorder does not know (RFC 3261 §12.2.2). */
    public static Rejection unknownDialog() {
        return of(481, "Call/Transaction Does Not Exist", "no recording session for this dialog");
    }

    /** A CANCEL that matches no INVITE the recorder is handling (RFC 3261 §9.2). */
    public static Rejection unknownTransaction() {
        return of(481, "Call/Transaction Does Not Exist", "no INVITE to cancel");
    }

    /** The INVITE was cancelled before it was answered (RFC 3261 §9.2). */
    public static Rejection requestTerminated() {
        return of(487, "Request Terminated", "cancelled by the sender");
    }

    /** A SIP method we know but do not support: 405 must carry Allow (RFC 3261 §21.4.6). */
    public static Rejection methodNotAllowed(String method) {
        return of(405, "Method Not Allowed", shown(method) + " is not supported by the recorder")
                .with("Allow", ALLOWED_METHODS);
    }

    /**
     * The request's Require names extensions we do not implement: 420 with an Unsupported header listing exactly
     * those (RFC 3261 §8.2.2.3), so the sender can retry without them. The tags are the peer's text: they go in that
     * header (tokens, as JAIN-SIP parsed them from Require), never in the reason phrase.
     */
    public static Rejection badExtension(java.util.List<String> optionTags) {
        String tags = String.join(", ", optionTags);
        return of(420, "Bad Extension", "an option tag in Require is not supported (listed in Unsupported)")
                .with("Unsupported", tags);
    }

    /**
     * The offered session interval is below our minimum: 422 with Min-SE, so the client retries with at least that
     * (RFC 4028 §6).
     */
    public static Rejection sessionIntervalTooSmall(int offeredSeconds, int minimumSeconds) {
        return of(422, "Session Interval Too Small", "Session-Expires " + offeredSeconds + " is below our Min-SE "
                + minimumSeconds).with("Min-SE", Integer.toString(minimumSeconds));
    }

    /**
     * An UPDATE while the INVITE's own offer is still unanswered (the session is opening): RFC 3311 §5.2 asks for 500
     * with a Retry-After of up to 10 s.
     */
    public static Rejection offerPending() {
        return of(500, "Server Internal Error", "the session's first offer is not answered yet")
                .retryAfter(1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
    }

    /**
     * A re-INVITE, or an UPDATE with an offer, while the session's previous re-INVITE or UPDATE offer is not answered
     * yet (its answer waits for the holds it asked for): RFC 3261 §14.2 and RFC 3311 §5.2 ask for 500 with a
     * Retry-After of up to 10 s. Not 491 Request Pending: that is for offers crossing one of our own, and the
     * recorder makes none.
     */
    public static Rejection previousOfferPending() {
        return of(500, "Server Internal Error", "the previous offer of this session is not answered yet")
                .retryAfter(1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
    }

    /** A method we have never heard of (RFC 3261 §21.5.2). */
    public static Rejection notImplemented(String method) {
        return of(501, "Not Implemented", "unknown method", method)
                .with("Allow", ALLOWED_METHODS);
    }

    /** The request comes from an address that is not in recorder.sip.allowed-peers. */
    public static Rejection forbiddenPeer(String address) {
        return of(403, "Forbidden", "peer " + shown(address) + " is not in recorder.sip.allowed-peers");
    }

    /**
     * A piece of text from outside our own code (peer input, a caller's detail) as a phrase may show it: at most
     * {@value #MAX_SHOWN_LENGTH} characters of it, and nothing at all when it looks like a file path or an
     * exception's text, which only the log may carry. Control characters become spaces (see {@link #safeReason}).
     */
    static String shown(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String raw = text.replaceAll("\\p{Cntrl}", " ");
        if (PATH_LIKE.matcher(raw).find() || EXCEPTION_LIKE.matcher(raw).find()) {
            return "";
        }
        String line = safeReason(raw);
        return line.length() <= MAX_SHOWN_LENGTH ? line : line.substring(0, MAX_SHOWN_LENGTH - 3).strip() + "...";
    }

    /** {@link #shown} in parentheses after a space, or nothing when nothing may be shown. */
    private static String parenthesized(String text) {
        String shown = shown(text);
        return shown.isEmpty() ? "" : " (" + shown + ")";
    }

    /**
     * Reduces text to what RFC 3261 allows in a Reason-Phrase (reserved, unreserved, space and non-ASCII
     * UTF-8) and to {@value #MAX_REASON_LENGTH} characters. Other characters become a space so that
     * peer-supplied or exception text can never break the status line.
     */
    static String safeReason(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_REASON_LENGTH));
        for (int i = 0; i < text.length() && out.length() < MAX_REASON_LENGTH; i++) {
            char c = text.charAt(i);
            out.append(allowedInReason(c) ? c : ' ');
        }
        return out.toString().strip();
    }

    private static boolean allowedInReason(char c) {
        if (c >= 0x80) {
            return !Character.isISOControl(c);
        }
        return Character.isLetterOrDigit(c) || c == ' ' || ";/?:@&=+$,-_.!~*'()".indexOf(c) >= 0;
    }
}
