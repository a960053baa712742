package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.G722Adpcm;

import java.nio.ByteBuffer;

/**
 * G.722 decoding (ITU-T G.722, 64 kbit/s mode): each octet is one 16 kHz sample pair, its two high bits the higher
 * sub-band's 2-bit ADPCM code and its six low bits the lower sub-band's 6-bit code. Each sub-band is an adaptive
 * differential decoder ({@link G722Adpcm.SubBand}: inverse quantiser scaled by a logarithmic step size, and a
 * predictor of two poles and six zeros adapted by sign-sign rules, shared with the load tool's encoder); the receive
 * quadrature mirror filter then merges the two 8 kHz sub-bands into two 16 kHz output samples per octet.
 *
 * <p>Why by hand: no kept pure-Java G.722 decoder was found on Maven Central (what the search found binds native C
 * code through JNI, or does G.711 and other ADPCM variants only); the decoder is a few hundred integer operations
 * per octet and its arithmetic is fully specified by the recommendation, whose block descriptions (the sub-bands'
 * in {@link G722Adpcm}, the receive QMF here) it follows in 16-bit fixed point. The unit test decodes a vector made
 * by another encoder (FFmpeg's) and checks the result bit for bit against that project's decoder, and the tones'
 * frequency and level.
 *
 * <p>One decoder per stream: the predictors carry state from one octet to the next. Packets are decoded in the order
 * they are placed, so a reordered packet disturbs the predictors for a few milliseconds (they re-converge; audio is
 * never lost or shifted by it). Allocates nothing per packet.
 */
public final class G722Decoder implements AudioDecoder {

    private final G722Adpcm.SubBand low = G722Adpcm.SubBand.lower();
    private final G722Adpcm.SubBand high = G722Adpcm.SubBand.higher();
    /** The receive QMF's delay line: sums and differences of the sub-bands, interleaved, newest last. */
    private final int[] qmf = new int[24];

    @Override
    public int samples(ByteBuffer datagram, int offset, int length) {
        return 2 * length;
    }

    @Override
    public int decode(ByteBuffer datagram, int offset, int length, short[] target) {
        for (int i = 0; i < length; i++) {
            int code = datagram.get(offset + i) & 0xFF;
            decodePair(code, target, 2 * i);
        }
        return 2 * length;
    }

    /** One octet: two 16 kHz samples at {@code target[at]} and {@code target[at + 1]}. */
    private void decodePair(int code, short[] target, int at) {
        int lowCode = code & 0x3F;
        int highCode = code >> 6;
        int lowSample = low.reconstruct(lowCode);
        low.adapt(lowCode);
        int highSample = high.reconstruct(highCode);
        high.adapt(highCode);

        System.arraycopy(qmf, 2, qmf, 0, 22);
        qmf[22] = lowSample + highSample;
        qmf[23] = lowSample - highSample;
        int first = 0;
        int second = 0;
        for (int i = 0; i < 12; i++) {
            second += qmf[2 * i] * G722Adpcm.qmf(i);
            first += qmf[2 * i + 1] * G722Adpcm.qmf(11 - i);
        }
        target[at] = saturate(first >> 11);
        target[at + 1] = saturate(second >> 11);
    }

    private static short saturate(int value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}
