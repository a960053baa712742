package org.activerecorder.rtp.adapter.pipeline;

import java.nio.ByteBuffer;

/**
 * L16 (RFC 3551 4.5.11): uncompressed 16-bit signed samples in network byte order, mono here; the same decoder
 * serves every clock rate (the RTP clock is the sample rate). A payload of an odd number of octets is malformed.
 */
public final class L16Decoder implements AudioDecoder {

    /** Stateless: one for every stream. */
    public static final L16Decoder INSTANCE = new L16Decoder();

    private L16Decoder() {
    }

    @Override
    public int samples(ByteBuffer datagram, int offset, int length) {
        return (length & 1) == 0 ? length >> 1 : 0;
    }

    @Override
    public int decode(ByteBuffer datagram, int offset, int length, short[] target) {
        int samples = length >> 1;
        for (int i = 0; i < samples; i++) {
            int at = offset + 2 * i;
            target[i] = (short) ((datagram.get(at) << 8) | (datagram.get(at + 1) & 0xFF));
        }
        return samples;
    }
}
