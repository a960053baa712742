package org.activerecorder.sip.handler;

import org.activerecorder.sip.sdp.AudioSelector;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.sdp.SelectedAudio;
import org.activerecorder.sip.siprec.BodyPart;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;
import org.activerecorder.sip.uri.RecordingRequestUri;

import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Reads an initial INVITE of the Genesys intake shapes into a {@link RecordingOffer}, in the order a person would
 * check it: is it a recording request at all (404), is its identity complete and consistent (400), is
 * there an SDP offer (400/415), can we receive its audio (488), is every stream some party's (400/488). Pure: no
 * stack, no state.
 */
final class InviteReader {

    /** Genesys copies the call's CallUUID here; where present it must name the same call as the URI. */
    static final String GENESYS_CALL_UUID = "X-Genesys-CallUUID";

    private InviteReader() {
    }

    /** The longest Call-ID the recorder keeps (the database's {@code recording_stream.sip_call_id}). */
    static final int MAX_CALL_ID = 255;

    static RecordingOffer read(Request invite) throws RequestRejected {
        RecordingRequestUri uri = RecordingRequestUri.parse(invite.getRequestURI());
        checkCallUuidHeader(invite, uri);
        checkCallId(invite);
        SdpOffer offer = SdpOffer.parse(sdpBody(invite));
        List<SelectedAudio> audio = AudioSelector.select(offer);
        return new RecordingOffer(RecordingIdentity.of(uri), offer, GenesysParties.assign(uri, offer, audio));
    }

    /**
     * The offer of a re-INVITE, or empty when it carries none (then our previous answer is the offer of its 2xx,
     * RFC 3261 §14.2).
     *
     * @throws RequestRejected 415 for a body other than SDP or SIPREC's multipart, 413 for one too large, 400 for a
     *                         body or SDP that does not parse
     */
    static Optional<SdpOffer> reoffer(Request reInvite) throws RequestRejected {
        byte[] body = reInvite.getRawContent();
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        // A SIPREC re-INVITE carries its offer in a multipart body with the metadata, or metadata alone (no offer).
        Optional<BodyPart> sdp = SiprecInviteReader.body(reInvite).sdp();
        return sdp.isEmpty() ? Optional.empty() : Optional.of(SdpOffer.parse(sdp.get().text()));
    }

    private static void checkCallUuidHeader(Request invite, RecordingRequestUri uri) throws RequestRejected {
        Header header = invite.getHeader(GENESYS_CALL_UUID);
        if (header == null) {
            return;
        }
        String value = header instanceof ExtensionHeader extension ? extension.getValue() : valueOf(header);
        value = value == null ? "" : value.trim();
        // CallUUIDs are alphanumeric ids; a difference in letter case alone is not another call.
        if (!value.equalsIgnoreCase(uri.callUuid().value())) {
            throw new RequestRejected(Rejection.callUuidMismatch(GENESYS_CALL_UUID, value, uri.callUuid().value()));
        }
    }

    static void checkCallId(Request invite) throws RequestRejected {
        CallIdHeader callId = (CallIdHeader) invite.getHeader(CallIdHeader.NAME);
        if (callId != null && callId.getCallId() != null && callId.getCallId().length() > MAX_CALL_ID) {
            throw new RequestRejected(Rejection.headerTooLong(CallIdHeader.NAME, MAX_CALL_ID));
        }
    }

    private static String valueOf(Header header) {
        String text = header.toString();
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(colon + 1);
    }

    /** The offer text; only application/sdp is understood (SIPREC's multipart/mixed comes later). */
    private static String sdpBody(Request invite) throws RequestRejected {
        byte[] body = invite.getRawContent();
        if (body == null || body.length == 0) {
            throw new RequestRejected(Rejection.missingOffer());
        }
        ContentTypeHeader type = (ContentTypeHeader) invite.getHeader(ContentTypeHeader.NAME);
        if (type == null) {
            throw new RequestRejected(Rejection.unparseableOffer("body without Content-Type"));
        }
        if (!"application".equalsIgnoreCase(type.getContentType())
                || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
            throw new RequestRejected(Rejection.unsupportedBody(type.getContentType() + "/" + type.getContentSubType()));
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
