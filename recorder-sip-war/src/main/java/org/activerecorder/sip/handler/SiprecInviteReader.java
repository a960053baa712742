package org.activerecorder.sip.handler;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.sip.sdp.AudioSelector;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.sdp.SelectedAudio;
import org.activerecorder.sip.siprec.AudioLine;
import org.activerecorder.sip.siprec.CallIdentity;
import org.activerecorder.sip.siprec.CallIdentityRule;
import org.activerecorder.sip.siprec.ChannelMap;
import org.activerecorder.sip.siprec.ChannelRules;
import org.activerecorder.sip.siprec.DomainIds;
import org.activerecorder.sip.siprec.MetadataParser;
import org.activerecorder.sip.siprec.RecordingMetadata;
import org.activerecorder.sip.siprec.Refusal;
import org.activerecorder.sip.siprec.SiprecBody;
import org.activerecorder.sip.siprec.SiprecCounters;
import org.activerecorder.sip.siprec.SiprecLimits;
import org.activerecorder.sip.siprec.SiprecSettings;
import org.activerecorder.sip.siprec.SiprecState;
import org.activerecorder.sip.siprec.Verdict;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Reads a SIPREC INVITE (RFC 7866: {@code multipart/mixed} with the SDP offer and the RFC 7865 metadata) into the same
 * {@link RecordingOffer} the Genesys shapes give, so the rest of the intake does not know the difference:
 * <ul>
 *   <li>the body is split by {@link SiprecBody}; the SDP part goes through {@link SdpOffer} and {@link AudioSelector}
 *       like any offer, except that every line may be on hold ({@code inactive} until the recorded call is
 *       answered); the metadata part through {@link MetadataParser};</li>
 *   <li>the call is named by {@link CallIdentityRule} (configured header, vendor extension data, SIPREC session id,
 *       else this dialog's Call-ID); the recorded party, and so which stream is left, by {@link ChannelRules} from the
 *       metadata's participant-stream association, never by m-line order when there is metadata;</li>
 *   <li>SIPREC's ids become domain ids through {@link DomainIds}; the original values, and the rule that decided the
 *       identity and the channels, are kept as {@code siprec.*} recording attributes.</li>
 * </ul>
 * A body the SIPREC readers refuse gets 413, 415 or 400 with a fixed reason phrase; what exactly was wrong goes to the
 * log, and each refusal is counted by its reason ({@link SiprecCounters}).
 */
final class SiprecInviteReader {

    private static final Logger LOG = Logger.getLogger(SiprecInviteReader.class.getName());

    /** The Contact feature tags of a Session Recording Client: RFC 7866's, and the bare one some SRCs send. */
    private static final List<String> SRC_FEATURE_TAGS = List.of("+sip.src", "src");

    private final CallIdentityRule identityRule;
    private final ChannelRules channelRules;
    private final MetadataParser metadataParser = new MetadataParser(SiprecLimits.DEFAULT);
    private final SiprecCounters counters = new SiprecCounters();

    /** A session's first offer, read, and the SIPREC state it starts with. */
    record SiprecOffer(RecordingOffer offer, SiprecState state) {
    }

    SiprecInviteReader(SiprecSettings settings) {
        this.identityRule = settings.identityRule();
        this.channelRules = settings.channelRules();
    }

    ChannelRules channelRules() {
        return channelRules;
    }

    /** What this reader has read and refused since it was made (the server's start). */
    SiprecCounters counters() {
        return counters;
    }

    /**
     * Whether an initial INVITE asks for a SIPREC session: {@code Require: siprec}, a Contact with {@code +sip.src}
     * (or {@code ;src}), or a multipart or metadata body; unless its Request-URI is a Genesys recording request
     * ({@code record=...}), which keeps the Genesys path.
     */
    static boolean isSiprec(Request invite) {
        if (invite.getRequestURI() instanceof SipURI uri && uri.getUser() != null
                && uri.getUser().toLowerCase(Locale.ROOT).startsWith("record=")) {
            return false;
        }
        return requiresSiprec(invite) || contactIsSrc(invite) || bodyIsSiprec(invite);
    }

    /** Whether the request carries {@code Require: siprec}. */
    static boolean requiresSiprec(Request request) {
        return OptionTags.named(request, RequireHeader.NAME, OptionTags.SIPREC);
    }

    private static boolean contactIsSrc(Request invite) {
        if (!(invite.getHeader(ContactHeader.NAME) instanceof ContactHeader contact)) {
            return false;
        }
        for (Iterator<?> names = contact.getParameterNames(); names.hasNext(); ) {
            if (SRC_FEATURE_TAGS.contains(((String) names.next()).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean bodyIsSiprec(Request invite) {
        if (!(invite.getHeader(ContentTypeHeader.NAME) instanceof ContentTypeHeader type)) {
            return false;
        }
        String media = (type.getContentType() + "/" + type.getContentSubType()).toLowerCase(Locale.ROOT);
        return media.startsWith("multipart/") || media.startsWith("application/rs-metadata");
    }

    /**
     * The session a SIPREC INVITE asks for.
     *
     * @throws RequestRejected 400/413/415 for a body, SDP or metadata that cannot be taken, 488 for audio that cannot
     *                         be received
     */
    SiprecOffer read(Request invite) throws RequestRejected {
        InviteReader.checkCallId(invite);
        SiprecBody body = body(invite, counters::refused);
        SdpOffer offer;
        List<SelectedAudio> audio;
        try {
            String sdp = body.sdp().orElseThrow(() -> new RequestRejected(Rejection.missingOffer())).text();
            offer = SdpOffer.parse(sdp);
            audio = AudioSelector.selectAllowingHold(offer);
        } catch (RequestRejected refused) {
            counters.offerRefused();
            throw refused;
        }
        Optional<RecordingMetadata> metadata = body.metadata().isPresent()
                ? Optional.of(metadata(body.metadata().get().content())) : Optional.empty();
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        CallIdentity identity = identityRule.decide(headerValue(invite), metadata, callId);
        List<AudioLine> lines = audio.stream().map(line -> new AudioLine(line.mediaIndex(), line.label())).toList();
        ChannelMap channels = channelRules.assign(metadata, lines);

        Dn recordDn = SiprecParties.recordDn(channels);
        List<Dn> dns = SiprecParties.lineDns(channels);
        List<PartyStream> streams = new ArrayList<>(audio.size());
        for (int i = 0; i < audio.size(); i++) {
            streams.add(new PartyStream(dns.get(i), audio.get(i)));
        }
        RecordingIdentity recording = new RecordingIdentity(new RecordingRequestId(DomainIds.requestId(callId)),
                new CallUuid(DomainIds.callUuid(identity.value())), recordDn,
                attributes(identity, metadata, channels), List.of());
        LOG.info(() -> "SIPREC INVITE " + callId + ": " + identity.explanation() + "; " + channels.explanation()
                .replace('\n', ';') + (body.ignoredParts() > 0 ? "; " + body.ignoredParts() + " body part(s) ignored"
                : ""));
        counters.sessionRead();
        return new SiprecOffer(new RecordingOffer(recording, offer, streams),
                new SiprecState(metadata, lines, channels));
    }

    /**
     * The metadata of a re-INVITE in a SIPREC session, if its body carries any.
     *
     * @throws RequestRejected 400/413/415 for a body or metadata that cannot be taken
     */
    Optional<RecordingMetadata> metadataUpdate(Request reInvite) throws RequestRejected {
        byte[] raw = reInvite.getRawContent();
        if (raw == null || raw.length == 0) {
            return Optional.empty();
        }
        SiprecBody body = body(reInvite, counters::refused);
        return body.metadata().isPresent() ? Optional.of(metadata(body.metadata().get().content())) : Optional.empty();
    }

    /** A request's body as SIPREC parts (a plain SDP body is one SDP part); refusals are not counted. */
    static SiprecBody body(Request request) throws RequestRejected {
        return body(request, reason -> { });
    }

    /** The same, each refusal handed to {@code refusals} (a counter) before it is thrown. */
    private static SiprecBody body(Request request, Consumer<Refusal.Reason> refusals) throws RequestRejected {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        String contentType = type == null ? null : contentTypeValue(type);
        return accepted(SiprecBody.read(contentType, request.getRawContent(), SiprecLimits.DEFAULT), request,
                refusals);
    }

    private RecordingMetadata metadata(byte[] xml) throws RequestRejected {
        return accepted(metadataParser.parse(xml), null, counters::refused);
    }

    private static <T> T accepted(Verdict<T> verdict, Request request, Consumer<Refusal.Reason> refusals)
            throws RequestRejected {
        if (verdict.isAccepted()) {
            return verdict.value();
        }
        Refusal refusal = verdict.refusal();
        refusals.accept(refusal.reason());
        LOG.info(() -> "SIPREC body refused" + (request == null ? "" : " in " + request.getMethod() + " "
                + ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId()) + ": " + refusal.reason() + ", "
                + refusal.detail() + (refusal.diagnostic().isEmpty() ? "" : " (" + refusal.diagnostic() + ")"));
        throw new RequestRejected(Rejection.siprecRefused(refusal.reason()));
    }

    /** The Content-Type header's value as written: type/subtype and its parameters (the boundary). */
    private static String contentTypeValue(ContentTypeHeader type) {
        String text = type.toString();
        int colon = text.indexOf(':');
        return (colon < 0 ? text : text.substring(colon + 1)).strip();
    }

    private String headerValue(Request invite) {
        Optional<String> name = identityRule.headerName();
        if (name.isEmpty()) {
            return null;
        }
        Header header = invite.getHeader(name.get());
        if (header == null) {
            return null;
        }
        String text = header instanceof ExtensionHeader extension ? extension.getValue() : header.toString();
        if (!(header instanceof ExtensionHeader)) {
            int colon = text.indexOf(':');
            text = colon < 0 ? text : text.substring(colon + 1);
        }
        return text.strip();
    }

    /** The recording's {@code siprec.*} attributes: original ids, the rules that decided, the participants. */
    private static Map<String, String> attributes(CallIdentity identity, Optional<RecordingMetadata> metadata,
                                                  ChannelMap channels) {
        Map<String, String> attributes = new LinkedHashMap<>();
        metadata.flatMap(RecordingMetadata::sessionId)
                .ifPresent(id -> SiprecParties.put(attributes, "siprec.sessionId", id));
        SiprecParties.put(attributes, "siprec.callId", identity.value());
        SiprecParties.put(attributes, "siprec.identityRule", identity.rule().name());
        if (!identity.source().isEmpty()) {
            SiprecParties.put(attributes, "siprec.identitySource", identity.source());
        }
        attributes.putAll(SiprecParties.present(SiprecParties.channelAttributes(metadata, channels)));
        return attributes;
    }
}
