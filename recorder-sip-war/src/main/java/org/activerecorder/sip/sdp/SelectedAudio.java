package org.activerecorder.sip.sdp;

import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamSpec;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The audio stream of an offer that the recorder will receive, and how.
 *
 * @param mediaIndex                position of its m-line in the offer (the answer puts our port there)
 * @param codec                     the first offered codec we decode
 * @param payloadType               the payload type the offer uses for it (static or dynamic)
 * @param telephoneEventPayloadType the payload type of RFC 4733 telephone events on the same m-line at the codec's
 *                                  clock rate, or {@link StreamSpec#NONE} when the offer names none
 * @param source                    where the offerer says it sends from ({@code c=} and {@code m=} port), or
 *                                  {@code null} when the offer names no usable address; a hint for source latching
 * @param label                     the m-line's {@code a=label}, "" when it has none (the answer echoes it)
 * @param rtcpMux                   whether the offer asked for RTCP on the RTP port (RFC 5761): the answer accepts
 *                                  it, and the stream gets one socket instead of two
 */
public record SelectedAudio(int mediaIndex, AudioCodec codec, int payloadType, int telephoneEventPayloadType,
                            InetSocketAddress source, String label, boolean rtcpMux) {
    public SelectedAudio {
        Objects.requireNonNull(codec, "codec");
        if (mediaIndex < 0) {
            throw new IllegalArgumentException("m-line index " + mediaIndex);
        }
        label = label == null ? "" : label.strip();
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("RTP payload type out of range: " + payloadType);
        }
        if (telephoneEventPayloadType != StreamSpec.NONE
                && (telephoneEventPayloadType < 0 || telephoneEventPayloadType > 127
                || telephoneEventPayloadType == payloadType)) {
            throw new IllegalArgumentException("telephone-event payload type invalid: " + telephoneEventPayloadType);
        }
    }

    /** A stream whose offer did not ask for {@code a=rtcp-mux}. */
    public SelectedAudio(int mediaIndex, AudioCodec codec, int payloadType, int telephoneEventPayloadType,
                         InetSocketAddress source, String label) {
        this(mediaIndex, codec, payloadType, telephoneEventPayloadType, source, label, false);
    }

    /** Whether the offer named telephone events, which the answer then accepts. */
    public boolean hasTelephoneEvents() {
        return telephoneEventPayloadType != StreamSpec.NONE;
    }
}
