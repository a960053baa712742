package org.activerecorder.testsupport;

/**
 * G.722 encoding (ITU-T G.722, 64 kbit/s mode) of 16 kHz audio, for the load tool and the tests: each pair of
 * samples becomes one octet, the higher sub-band's 2-bit ADPCM code in its two high bits and the lower sub-band's
 * 6-bit code in its six low bits. The transmit quadrature mirror filter splits the pair into two 8 kHz sub-band
 * samples; each sub-band is quantised against its prediction (QUANTL, QUANTH) and then runs the same adaptation as
 * the decoder (INVQBL, INVQAH, LOGSC, SCALE, RECONS, PARREC, UPPOL1/2, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC), so
 * that encoder and decoder predict alike.
 *
 * <p>Why by hand: no Java G.722 encoder exists on Maven Central (the recorder only decodes, with its own decoder in
 * the RTP adapter; the load tool played one fixed FFmpeg-made vector for both parties until this). It follows the
 * recommendation's blocks in 16-bit fixed point without trellis search, as FFmpeg's encoder does by default, and
 * its test checks it bit for bit against FFmpeg's encoding of the same input. The tables and the adaptation repeat
 * the recorder's decoder (an ADPCM encoder contains its decoder) on purpose: the load tool checks the recorder's
 * G.722 path with this encoder, and a check that shared the code it checks would pass the code's own mistakes (each
 * side is held to FFmpeg instead); the product has no use for an encoder.
 */
public final class G722Encoder {

    /** Lower sub-band quantiser: decision levels (Q6, scaled by the step size), interval 1..30. */
    private static final int[] LOW_DECISIONS = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919};
    /** The 4-bit inverse quantiser's levels, by the 6-bit code's four high bits (INVQBL). */
    private static final int[] LOW_FEEDBACK_LEVELS = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584, 1200, 0};
    private static final int[] LOW_STEP = {-60, -30, 58, 172, 334, 538, 1198, 3042};
    private static final int[] LOW_CLASS = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};
    /** Higher sub-band: 2-bit levels (INVQAH) and step multipliers (LOGSCH), by code. */
    private static final int[] HIGH_LEVELS = {-7408, -1616, 7408, 1616};
    private static final int[] HIGH_STEP = {798, -214, 798, -214};
    /** The higher sub-band's one decision level (QUANTH), scaled by the step size. */
    private static final int HIGH_DECISION = 564;
    private static final int[] STEP_MANTISSA = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008};
    /** Half of the 24 QMF coefficients (the other half mirrors them), scaled by 2^13. */
    private static final int[] QMF = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};

    private final SubBand low = new SubBand(18_432, 8, 32);
    private final SubBand high = new SubBand(22_528, 10, 8);
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
            odd += input[2 * i] * QMF[i];
            even += input[2 * i + 1] * QMF[11 - i];
        }
        int lowSample = (even + odd) >> 14;
        int highSample = (even - odd) >> 14;

        int lowError = clamp16(lowSample - low.estimate);
        int magnitude = lowError >= 0 ? lowError : -(lowError + 1);
        int interval = 1;
        while (interval < 30 && magnitude >= (LOW_DECISIONS[interval] * low.scale) >> 12) {
            interval++;
        }
        int lowCode = lowError < 0 ? (interval < 3 ? 64 - interval : 34 - interval) : 62 - interval;
        int lowCore = lowCode >> 2;
        low.adapt(LOW_FEEDBACK_LEVELS[lowCore], LOW_STEP[LOW_CLASS[lowCore]]);

        int highError = clamp16(highSample - high.estimate);
        int highMagnitude = highError >= 0 ? highError : -(highError + 1);
        boolean large = highMagnitude >= (HIGH_DECISION * high.scale) >> 12;
        int highCode = highError < 0 ? (large ? 0 : 1) : (large ? 2 : 3);
        high.adapt(HIGH_LEVELS[highCode], HIGH_STEP[highCode]);
        return highCode << 6 | lowCode;
    }

    private static int clamp16(int value) {
        return Math.max(-32_768, Math.min(32_767, value));
    }

    /** One sub-band's adaptive predictor and step size, as the decoder keeps them. */
    private static final class SubBand {
        private final int maxLogScale;
        private final int scaleShift;
        private int logScale;
        int scale;
        private int a1;
        private int a2;
        private final int[] b = new int[7];
        private final int[] d = new int[7];
        private int p1;
        private int p2;
        private int r1;
        private int r2;
        int estimate;
        private int zeroEstimate;

        SubBand(int maxLogScale, int scaleShift, int initialScale) {
            this.maxLogScale = maxLogScale;
            this.scaleShift = scaleShift;
            this.scale = initialScale;
        }

        /** The step size and the predictor after a sample quantised to {@code level}. */
        void adapt(int level, int step) {
            int difference = (level * scale) >> 15;
            logScale = Math.max(0, Math.min(maxLogScale, ((logScale * 127) >> 7) + step));
            int mantissa = STEP_MANTISSA[(logScale >> 6) & 31];
            int shift = scaleShift - (logScale >> 11);
            scale = (shift < 0 ? mantissa << -shift : mantissa >> shift) << 2;

            int reconstructed = clamp16(estimate + difference);
            int partial = clamp16(zeroEstimate + difference);
            boolean withP1 = partial < 0 == p1 < 0;
            boolean withP2 = partial < 0 == p2 < 0;
            int fourA1 = clamp16(a1 << 2);
            int newA2 = (withP2 ? 128 : -128) + ((withP1 ? Math.min(32_767, -fourA1) : fourA1) >> 7)
                    + ((a2 * 32_512) >> 15);
            newA2 = Math.max(-12_288, Math.min(12_288, newA2));
            int bound = clamp16(15_360 - newA2);
            int newA1 = Math.max(-bound, Math.min(bound, clamp16((withP1 ? 192 : -192) + ((a1 * 32_640) >> 15))));
            for (int i = 1; i <= 6; i++) {
                int nudge = difference == 0 ? 0 : difference < 0 == d[i] < 0 ? 128 : -128;
                b[i] = clamp16(nudge + ((b[i] * 32_640) >> 15));
            }
            System.arraycopy(d, 1, d, 2, 5);
            d[1] = difference;
            a1 = newA1;
            a2 = newA2;
            p2 = p1;
            p1 = partial;
            r2 = r1;
            r1 = reconstructed;

            int zeros = 0;
            for (int i = 6; i >= 1; i--) {
                zeros = clamp16(zeros + ((b[i] * clamp16(d[i] + d[i])) >> 15));
            }
            zeroEstimate = zeros;
            estimate = clamp16(clamp16(((a1 * clamp16(r1 + r1)) >> 15) + ((a2 * clamp16(r2 + r2)) >> 15)) + zeros);
        }
    }
}
