package org.activerecorder.application;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamSpec;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/**
 * One recording session offered by a Media Server, already parsed and validated by the SIP side.
 *
 * @param requestId    the {@code record=} id of the Request-URI
 * @param callUuid     the call both parties' sessions belong to
 * @param dn           the DN of the party whose audio this stream carries
 * @param recordDn     the DN that asked for the recording; the stream with {@code dn == recordDn} is the left channel
 * @param attributes   the other Request-URI parameters, kept as recording attributes
 * @param sipCallId    the SIP Call-ID of the session, for correlation in logs and the database
 * @param codec        the codec chosen from the offer
 * @param payloadType  the payload type the offer uses for that codec
 * @param mediaSource  the RTP address the offer names ({@code c=} and {@code m=}), or {@code null}
 * @param telephoneEventPayloadType the payload type of RFC 4733 telephone events in the offer, or
 *                     {@link StreamSpec#NONE}
 * @param rtcpMux      whether the answer accepted RTCP on the RTP port (RFC 5761)
 */
public record StreamRequest(RecordingRequestId requestId, CallUuid callUuid, Dn dn, Dn recordDn,
                            Map<String, String> attributes, String sipCallId, AudioCodec codec, int payloadType,
                            InetSocketAddress mediaSource, int telephoneEventPayloadType, boolean rtcpMux) {
    public StreamRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(callUuid, "callUuid");
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(recordDn, "recordDn");
        Objects.requireNonNull(sipCallId, "sipCallId");
        Objects.requireNonNull(codec, "codec");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A session with RTCP on a port of its own. */
    public StreamRequest(RecordingRequestId requestId, CallUuid callUuid, Dn dn, Dn recordDn,
                         Map<String, String> attributes, String sipCallId, AudioCodec codec, int payloadType,
                         InetSocketAddress mediaSource, int telephoneEventPayloadType) {
        this(requestId, callUuid, dn, recordDn, attributes, sipCallId, codec, payloadType, mediaSource,
                telephoneEventPayloadType, false);
    }

    /** A session whose offer names no telephone events. */
    public StreamRequest(RecordingRequestId requestId, CallUuid callUuid, Dn dn, Dn recordDn,
                         Map<String, String> attributes, String sipCallId, AudioCodec codec, int payloadType,
                         InetSocketAddress mediaSource) {
        this(requestId, callUuid, dn, recordDn, attributes, sipCallId, codec, payloadType, mediaSource,
                StreamSpec.NONE);
    }

    /** Whether this stream carries the recorded DN's own audio (the left channel). */
    public boolean isRecordedParty() {
        return dn.equals(recordDn);
    }
}
