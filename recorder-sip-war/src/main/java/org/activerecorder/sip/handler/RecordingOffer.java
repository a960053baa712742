package org.activerecorder.sip.handler;

import org.activerecorder.application.StreamRequest;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.sdp.SelectedAudio;
import org.activerecorder.sip.uri.RecordingRequestUri;

import java.util.Objects;

/**
 * Everything an initial INVITE says about the session it asks for, validated: who is recorded (the
 * Request-URI) and what media comes (the SDP offer and the stream chosen from it).
 *
 * @param uri   the recording request
 * @param offer the SDP offer, kept to mirror its m-lines in the answer
 * @param audio the audio stream and codec we will receive
 */
public record RecordingOffer(RecordingRequestUri uri, SdpOffer offer, SelectedAudio audio) {
    public RecordingOffer {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(audio, "audio");
    }

    /** The domain's request for this session. */
    public StreamRequest toStreamRequest(String sipCallId) {
        return new StreamRequest(uri.requestId(), uri.callUuid(), uri.dn(), uri.recordDn(), uri.attributes(),
                sipCallId, audio.codec(), audio.payloadType(), audio.source(), audio.telephoneEventPayloadType());
    }
}
