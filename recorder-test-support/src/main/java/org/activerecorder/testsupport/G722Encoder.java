package org.activerecorder.testsupport;

import org.activerecorder.rtp.api.G722Adpcm;

/**
 * G.722 encoding (ITU-T G.722, 64 kbit/s mode) of 16 kHz audio, for the load tool and the tests: each pair of
 * samples becomes one octet, the higher sub-band's 2-bit ADPCM code in its two high bits and the lower sub-band's
 * 6-bit code in its six low bits. The transmit quadrature mirror filter splits the pair into two 8 kHz sub-band
 * samples; each sub-band is quantised against its prediction (QUANTL, QUANTH) and then adapted as the decoder adapts
 * ({@link G722Adpcm.SubBand}, which the recorder's decoder uses too), so that encoder and decoder predict alike.
 *
 * <p>Why by hand: no Java G.722 encoder exists on Maven Central (the recorder only decodes; the load tool played one
 * fixed FFmpeg-made vector for both parties until this). It follows the recommendation's blocks in 16-bit fixed
 * point without trellis search, as FFmpeg's encoder does by default. Sharing the adaptation with the decoder does not
 * let a mistake in it pass the load tool's checks unseen: its test checks this encoder bit for bit against FFmpeg's
 * encoding of the same input, and the decoder's test checks the decoder against FFmpeg's decoder.
 */
public final class G722Encoder {

    /** Lower sub-band quantiser: decision levels (Q6, scaled by the step size), interval 1..30. */
    private static final int[] LOW_DECISIONS = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919};
    /** The higher sub-band's one decision level (QUANTH), scaled by the step size. */
    private static final int HIGH_DECISION = 564;

    private final G722Adpcm.SubBand low = G722Adpcm.SubBand.lower();
    private final G722Adpcm.SubBand high = G722Adpcm.SubBand.higher();
    /** The transmit QMF's delay line: input samples, oldest first. */
    private final int[] input = new int[24];

    /** Encodes {@code pcm} (16 kHz; an odd last sample is left out), one octet per pair, the state carried on. */
    public byte[] encode(short[] pcm) {
        byte[] octets = new byte[pcm.length / 2];
        for (int i = 0; i < octets.length; i++) {
            octets[i] = (byte) encodePair(pcm[2 * i], pcm[2 * i + 1]);
        }
        return octets;
    }

    /** A whole signal at 16 kHz as G.722, from a fresh encoder. */
    public static byte[] of(short[] pcm) {
        return new G722Encoder().encode(pcm);
    }

    private int encodePair(int first, int second) {
        System.arraycopy(input, 2, input, 0, 22);
        input[22] = first;
        input[23] = second;
        int odd = 0;
        int even = 0;
        for (int i = 0; i < 12; i++) {
            odd += input[2 * i] * G722Adpcm.qmf(i);
            even += input[2 * i + 1] * G722Adpcm.qmf(11 - i);
        }
        int lowSample = (even + odd) >> 14;
        int highSample = (even - odd) >> 14;

        int lowError = clamp16(lowSample - low.estimate());
        int magnitude = lowError >= 0 ? lowError : -(lowError + 1);
        int lowScale = low.scale();
        int interval = 1;
        while (interval < 30 && magnitude >= (LOW_DECISIONS[interval] * lowScale) >> 12) {
            interval++;
        }
        int lowCode = lowError < 0 ? (interval < 3 ? 64 - interval : 34 - interval) : 62 - interval;
        low.adapt(lowCode);

        int highError = clamp16(highSample - high.estimate());
        int highMagnitude = highError >= 0 ? highError : -(highError + 1);
        boolean large = highMagnitude >= (HIGH_DECISION * high.scale()) >> 12;
        int highCode = highError < 0 ? (large ? 0 : 1) : (large ? 2 : 3);
        high.adapt(highCode);
        return highCode << 6 | lowCode;
    }

    private static int clamp16(int value) {
        return Math.max(-32_768, Math.min(32_767, value));
    }
}
