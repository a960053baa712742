package org.activerecorder.rtp.api;

/**
 * What a G.722 encoder and decoder (ITU-T G.722, 64 kbit/s mode) must compute alike: each sub-band's adaptive
 * differential state ({@link SubBand}) and the quadrature mirror filter's coefficients ({@link #qmf}). An ADPCM
 * encoder contains its decoder's adaptation, so that both sides predict the same next sample; keeping it once here
 * serves the RTP adapter's decoder and the load tool's encoder (the test support's), which each add only their own
 * half: the decoder's inverse quantiser output and receive QMF, the encoder's quantiser decisions and transmit QMF.
 *
 * <p>Why by hand: no kept pure-Java G.722 codec exists on Maven Central (what a search finds binds native C code
 * through JNI, or does G.711 and other ADPCM variants only). It follows the recommendation's blocks (INVQBL, INVQAH,
 * LOGSCL, LOGSCH, SCALEL, SCALEH, RECONS, PARREC, UPPOL1, UPPOL2, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC, LIMIT) in
 * 16-bit fixed point. Sharing it does not let the two sides vouch for each other: each is held to another project's
 * codec bit for bit (FFmpeg's; the adapter's {@code G722DecoderTest} and the test support's
 * {@code G722EncoderTest}). Here because this module is the one the adapter, which is packaged alone, and the test
 * support both see. Allocates nothing after construction.
 */
public final class G722Adpcm {

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
    /** Lower sub-band's adaptation by the full 6-bit code: the 4-bit level and the step multiplier. */
    private static final int[] LOW_FEEDBACK_BY_CODE = new int[64];
    private static final int[] LOW_STEP_BY_CODE = new int[64];

    static {
        for (int code = 0; code < 64; code++) {
            LOW_FEEDBACK_BY_CODE[code] = LOW_FEEDBACK_LEVELS[code >> 2];
            LOW_STEP_BY_CODE[code] = LOW_STEP[LOW_CLASS[code >> 2]];
        }
    }

    private G722Adpcm() {
    }

    /** The QMF's coefficient {@code tap} (0 to 11) of the 12 that make its symmetric half, scaled by 2^13. */
    public static int qmf(int tap) {
        return QMF[tap];
    }

    /**
     * One sub-band's ADPCM state: the scale factor (log and linear), the pole and zero predictor with its delay
     * lines, and the current prediction. The lower and the higher sub-band run the same blocks with their own tables
     * and limits, chosen by the factory; a code is the sub-band's bits of the octet (6 for the lower, 2 for the
     * higher).
     */
    public static final class SubBand {
        private final int maxLogScale;
        private final int scaleShift;
        /** By code: the inverse quantiser's output level, the adaptation's level, the log step multiplier. */
        private final int[] outputLevels;
        private final int[] feedbackLevels;
        private final int[] steps;
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

        private SubBand(int maxLogScale, int scaleShift, int initialScale, int[] outputLevels, int[] feedbackLevels,
                int[] steps) {
            this.maxLogScale = maxLogScale;
            this.scaleShift = scaleShift;
            this.scale = initialScale;
            this.outputLevels = outputLevels;
            this.feedbackLevels = feedbackLevels;
            this.steps = steps;
        }

        /** The lower sub-band (0 to 4 kHz) at its reset state: log scale limit 18432, step shift 8, step 32. */
        public static SubBand lower() {
            return new SubBand(18_432, 8, 32, LOW_OUTPUT_LEVELS, LOW_FEEDBACK_BY_CODE, LOW_STEP_BY_CODE);
        }

        /** The higher sub-band (4 to 8 kHz) at its reset state: log scale limit 22528, step shift 10, step 8. */
        public static SubBand higher() {
            return new SubBand(22_528, 10, 8, HIGH_LEVELS, HIGH_LEVELS, HIGH_STEP);
        }

        /** The predicted next sample, against which an encoder quantises the difference. */
        public int estimate() {
            return estimate;
        }

        /** The current step size, which scales an encoder's decision levels. */
        public int scale() {
            return scale;
        }

        /** The reconstructed sub-band sample for a received code (INVQAL or INVQAH, RECONS, LIMIT). */
        public int reconstruct(int code) {
            int difference = (outputLevels[code] * scale) >> 15;
            return Math.max(-16_384, Math.min(16_383, estimate + difference));
        }

        /**
         * Adapts the step size (LOGSC, SCALE) and the predictor (RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA,
         * FILTEP, FILTEZ, PREDIC) to the sample coded {@code code}: the same on both sides of the line.
         */
        public void adapt(int code) {
            int difference = (feedbackLevels[code] * scale) >> 15;

            logScale = Math.max(0, Math.min(maxLogScale, ((logScale * 127) >> 7) + steps[code]));
            int mantissa = STEP_MANTISSA[(logScale >> 6) & 31];
            int shift = scaleShift - (logScale >> 11);
            scale = (shift < 0 ? mantissa << -shift : mantissa >> shift) << 2;

            int reconstructed = clamp16(estimate + difference);
            int partial = clamp16(zeroEstimate + difference);

            boolean sameAsP1 = partial < 0 == p1 < 0;
            boolean sameAsP2 = partial < 0 == p2 < 0;
            int fourA1 = clamp16(a1 << 2);
            int pull = sameAsP1 ? Math.min(32_767, -fourA1) : fourA1;
            int newA2 = (sameAsP2 ? 128 : -128) + (pull >> 7) + ((a2 * 32_512) >> 15);
            newA2 = Math.max(-12_288, Math.min(12_288, newA2));
            int newA1 = clamp16((sameAsP1 ? 192 : -192) + ((a1 * 32_640) >> 15));
            int bound = clamp16(15_360 - newA2);
            newA1 = Math.max(-bound, Math.min(bound, newA1));

            // Sign-sign: a zero difference counts as positive in the comparison but nudges nothing.
            int nudge = difference == 0 ? 0 : 128;
            for (int i = 1; i <= 6; i++) {
                int towards = difference < 0 == d[i] < 0 ? nudge : -nudge;
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

        private static int clamp16(int value) {
            return Math.max(-32_768, Math.min(32_767, value));
        }
    }
}
