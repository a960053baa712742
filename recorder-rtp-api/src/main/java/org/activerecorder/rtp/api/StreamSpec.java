package org.activerecorder.rtp.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the adapter needs to receive and record one RTP stream.
 *
 * @param streamId                  the recorder's id of the stream; events about it carry the same id
 * @param codec                     the negotiated codec
 * @param payloadType               the RTP payload type the sender will use for {@code codec} (static or dynamic)
 * @param telephoneEventPayloadType the payload type of RFC 4733 telephone events the offer named, or
 *                                  {@link #NONE} (such packets are then malformed)
 * @param expectedSource            the address the SDP offer named for the sender's media, or {@code null} if
 *                                  unknown; preferred when the stream latches or re-latches, never trusted alone
 * @param audioFile                 where to write the decoded audio (mono, 16-bit PCM WAV at the codec's sample
 *                                  rate); the parent folder is created if missing
 * @param rtcpMux                   whether the sender multiplexes RTCP on the RTP port (RFC 5761, the answer
 *                                  accepted {@code a=rtcp-mux}): the stream then has one socket, not two
 */
public record StreamSpec(String streamId, AudioCodec codec, int payloadType, int telephoneEventPayloadType,
                         InetSocketAddress expectedSource, Path audioFile, boolean rtcpMux) {

    /** No payload type negotiated. */
    public static final int NONE = -1;

    /** Comfort noise (RFC 3389) has this static payload type; it is always understood as silence. */
    public static final int COMFORT_NOISE_PAYLOAD_TYPE = 13;

    public StreamSpec {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(audioFile, "audioFile");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("RTP payload type out of range: " + payloadType);
        }
        if (telephoneEventPayloadType != NONE && (telephoneEventPayloadType < 0 || telephoneEventPayloadType > 127
                || telephoneEventPayloadType == payloadType)) {
            throw new IllegalArgumentException("telephone-event payload type invalid: " + telephoneEventPayloadType);
        }
    }

    /** A stream with RTCP on a port of its own. */
    public StreamSpec(String streamId, AudioCodec codec, int payloadType, int telephoneEventPayloadType,
                      InetSocketAddress expectedSource, Path audioFile) {
        this(streamId, codec, payloadType, telephoneEventPayloadType, expectedSource, audioFile, false);
    }

    /** A stream without telephone events. */
    public StreamSpec(String streamId, AudioCodec codec, int payloadType, InetSocketAddress expectedSource,
                      Path audioFile) {
        this(streamId, codec, payloadType, NONE, expectedSource, audioFile);
    }
}
