package org.activerecorder.rtp.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the adapter needs to receive and record one RTP stream.
 *
 * @param streamId        the recorder's id of the stream; events about it carry the same id
 * @param codec           the negotiated codec
 * @param payloadType     the RTP payload type the sender will use for {@code codec} (static or dynamic)
 * @param expectedSource  the address the SDP offer named for the sender's media, or {@code null} if unknown;
 *                        a hint for source latching, never trusted alone
 * @param audioFile       where to write the decoded audio (mono, 16-bit PCM WAV at the codec's clock rate);
 *                        the parent folder is created if missing
 */
public record StreamSpec(String streamId, AudioCodec codec, int payloadType, InetSocketAddress expectedSource,
                         Path audioFile) {
    public StreamSpec {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(audioFile, "audioFile");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("RTP payload type out of range: " + payloadType);
        }
    }
}
