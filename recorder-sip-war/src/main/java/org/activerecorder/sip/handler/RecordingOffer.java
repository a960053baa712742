package org.activerecorder.sip.handler;

import org.activerecorder.application.StreamRequest;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.sdp.SelectedAudio;

import java.util.List;
import java.util.Objects;

/**
 * Everything an initial INVITE says about the session it asks for, validated: who is recorded (the
 * Request-URI, or SIPREC metadata), what media comes (the SDP offer) and which party each recorded stream carries.
 *
 * @param identity the recording it belongs to
 * @param offer    the SDP offer, kept to mirror its m-lines in the answer
 * @param streams  the audio streams we will receive, in m-line order, each with its party
 */
public record RecordingOffer(RecordingIdentity identity, SdpOffer offer, List<PartyStream> streams) {
    public RecordingOffer {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(offer, "offer");
        streams = List.copyOf(streams);
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("a recording session has at least one stream");
        }
    }

    /** The streams' audio, in m-line order. */
    public List<SelectedAudio> audio() {
        return streams.stream().map(PartyStream::audio).toList();
    }

    /** The domain's request for each stream of this session, in m-line order. */
    public List<StreamRequest> toStreamRequests(String sipCallId) {
        return streams.stream()
                .map(stream -> new StreamRequest(identity.requestId(), identity.callUuid(), stream.party(),
                        identity.recordDn(), identity.attributes(), sipCallId, stream.audio().codec(),
                        stream.audio().payloadType(), stream.audio().source(),
                        stream.audio().telephoneEventPayloadType(), stream.audio().rtcpMux()))
                .toList();
    }
}
