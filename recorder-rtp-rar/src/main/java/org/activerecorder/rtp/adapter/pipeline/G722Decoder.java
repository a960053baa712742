package org.activerecorder.rtp.adapter.pipeline;

import java.nio.ByteBuffer;

/**
 * G.722 decoding (ITU-T G.722, 64 kbit/s mode): each octet is one 16 kHz sample pair, its two high bits the higher
 * sub-band's 2-bit ADPCM code and its six low bits the lower sub-band's 6-bit code. Each sub-band is an adaptive
 * differential decoder ({@link SubBand}: inverse quantiser scaled by a logarithmic step size, and a predictor of two
 * poles and six zeros adapted by sign-sign rules); the receive quadrature mirror filter then merges the two 8 kHz
 * sub-bands into two 16 kHz output samples per octet.
 *
 * <p>Why by hand: no kept pure-Java G.722 decoder was found on Maven Central (what the search found binds native C
 * code through JNI, or does G.711 and other ADPCM variants only); the decoder is a few hundred integer operations
 * per octet and its arithmetic is fully specified by the recommendation, whose block descriptions (INVQAL, INVQBL,
 * LOGSCL, SCALEL, INVQAH, LOGSCH, SCALEH, RECONS, PARREC, UPPOL1/2, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC, LIMIT and
 * the receive QMF) this class follows in 16-bit fixed point. The unit test decodes a vector made by another encoder
 * (FFmpeg's) and checks the result bit for bit against that project's decoder, and the tones' frequency and level.
 *
 * <p>One decoder per stream: the predictors carry state from one octet to the next. Packets are decoded in the order
 * they are placed, so a reordered packet disturbs the predictors for a few milliseconds (they re-converge; audio is
 * never lost or shifted by it). Allocates nothing per packet.
 */
public final class G722Decoder implements AudioDecoder {

    /** Lower sub-band: 6-bit inverse quantiser output levels, indexed by the code (the output path, INVQAL). */
    private static final int[] LOW_OUTPUT_LEVELS = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136};
    /** Lower sub-band: 4-bit inverse quantiser levels (the code's four high bits), for adaptation (INVQBL). */
    private static final int[] LOW_FEEDBACK_LEVELS = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584, 1200, 0};
    /** Lower sub-band: log step-size multipliers by magnitude class of the 4-bit code (LOGSCL). */
    private static final int[] LOW_STEP = {-60, -30, 58, 172, 334, 538, 1198, 3042};
    private static final int[] LOW_CLASS = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};
    /** Higher sub-band: 2-bit inverse quantiser levels (INVQAH) and log step-size multipliers (LOGSCH). */
    private static final int[] HIGH_LEVELS = {-7408, -1616, 7408, 1616};
    private static final int[] HIGH_STEP = {798, -214, 798, -214};
    /** The step size's mantissa: 2^(i/32) scaled (SCALEL, SCALEH). */
    private static final int[] STEP_MANTISSA = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008};
    /** Half of the 24 QMF coefficients (the other half mirrors them), scaled by 2^13. */
    private static final int[] QMF = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};

    /** Lower sub-band: log scale limit 18432, step shift 8, initial step 32; higher: 22528, 10, 8. */
    private final SubBand low = new SubBand(18_432, 8, 32);
    private final SubBand high = new SubBand(22_528, 10, 8);
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
        int lowCore = lowCode >> 2;
        int highCode = code >> 6;
        int lowSample = low.output(LOW_OUTPUT_LEVELS[lowCode]);
        low.adapt(LOW_FEEDBACK_LEVELS[lowCore], LOW_STEP[LOW_CLASS[lowCore]]);
        int highSample = high.output(HIGH_LEVELS[highCode]);
        high.adapt(HIGH_LEVELS[highCode], HIGH_STEP[highCode]);

        System.arraycopy(qmf, 2, qmf, 0, 22);
        qmf[22] = lowSample + highSample;
        qmf[23] = lowSample - highSample;
        int first = 0;
        int second = 0;
        for (int i = 0; i < 12; i++) {
            second += qmf[2 * i] * QMF[i];
            first += qmf[2 * i + 1] * QMF[11 - i];
        }
        target[at] = saturate(first >> 11);
        target[at + 1] = saturate(second >> 11);
    }

    private static short saturate(int value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }

    /**
     * One sub-band's ADPCM decoder: the scale factor (log and linear), the pole and zero predictor with its delay
     * lines, and the current prediction. The same blocks serve both sub-bands, with their own step tables and limits.
     */
    private static final class SubBand {
        private final int maxLogScale;
        private final int scaleShift;
        private int logScale;
        private int scale;
        /** Pole coefficients a1, a2 (Q14) and zero coefficients b1..b6 (Q14). */
        private int a1;
        private int a2;
        private final int[] b = new int[7];
        /** Quantised differences d(n-1..n-6), at [1..6]. */
        private final int[] d = new int[7];
        /** Partially reconstructed signal p(n-1), p(n-2), and reconstructed signal r(n-1), r(n-2). */
        private int p1;
        private int p2;
        private int r1;
        private int r2;
        /** The signal estimate s and the zeros' part of it, sz, for the next sample. */
        private int estimate;
        private int zeroEstimate;

        SubBand(int maxLogScale, int scaleShift, int initialScale) {
            this.maxLogScale = maxLogScale;
            this.scaleShift = scaleShift;
            this.scale = initialScale;
        }

        /** The reconstructed sub-band sample for an inverse quantiser level (INVQA, RECONS, LIMIT). */
        int output(int level) {
            int difference = (level * scale) >> 15;
            return Math.max(-16_384, Math.min(16_383, estimate + difference));
        }

        /**
         * Adapts the step size (LOGSC, SCALE) and the predictor (RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA,
         * FILTEP, FILTEZ, PREDIC) to the sample's quantised difference at {@code level}.
         */
        void adapt(int level, int step) {
            int difference = (level * scale) >> 15;

            logScale = Math.max(0, Math.min(maxLogScale, ((logScale * 127) >> 7) + step));
            int mantissa = STEP_MANTISSA[(logScale >> 6) & 31];
            int shift = scaleShift - (logScale >> 11);
            scale = (shift < 0 ? mantissa << -shift : mantissa >> shift) << 2;

            int reconstructed = clamp16(estimate + difference);
            int partial = clamp16(zeroEstimate + difference);

            boolean sameAsP1 = sign(partial) == sign(p1);
            boolean sameAsP2 = sign(partial) == sign(p2);
            int fourA1 = clamp16(a1 << 2);
            int pull = sameAsP1 ? Math.min(32_767, -fourA1) : fourA1;
            int newA2 = (sameAsP2 ? 128 : -128) + (pull >> 7) + ((a2 * 32_512) >> 15);
            newA2 = Math.max(-12_288, Math.min(12_288, newA2));
            int newA1 = clamp16((sameAsP1 ? 192 : -192) + ((a1 * 32_640) >> 15));
            int bound = clamp16(15_360 - newA2);
            newA1 = Math.max(-bound, Math.min(bound, newA1));

            int nudge = difference == 0 ? 0 : 128;
            for (int i = 1; i <= 6; i++) {
                int towards = sign(difference) == sign(d[i]) ? nudge : -nudge;
                b[i] = clamp16(towards + ((b[i] * 32_640) >> 15));
            }
            System.arraycopy(d, 1, d, 2, 5);
            d[1] = difference;
            a1 = newA1;
            a2 = newA2;
            p2 = p1;
            p1 = partial;
            r2 = r1;
            r1 = reconstructed;

            int poles = clamp16(((a1 * clamp16(r1 + r1)) >> 15) + ((a2 * clamp16(r2 + r2)) >> 15));
            int zeros = 0;
            for (int i = 6; i >= 1; i--) {
                zeros = clamp16(zeros + ((b[i] * clamp16(d[i] + d[i])) >> 15));
            }
            zeroEstimate = zeros;
            estimate = clamp16(poles + zeros);
        }

        /** The sign bit as the recommendation compares it: 0 counts as positive. */
        private static int sign(int value) {
            return value < 0 ? 1 : 0;
        }

        private static int clamp16(int value) {
            return Math.max(-32_768, Math.min(32_767, value));
        }
    }
}
