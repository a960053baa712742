package org.activerecorder.it.support;

/**
 * G.711 mu-law encoding of test tones, the Media Server's side of the codec. The recorder decodes with
 * its own tables; encoding here independently (the segment algorithm of ITU-T G.711) is what makes the
 * end-to-end test a check of the recorder's decoder and not a round trip through the same code.
 */
public final class MuLaw {
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private MuLaw() {
    }

    public static byte encode(short pcm) {
        int sample = pcm;
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        if (sample > CLIP) {
            sample = CLIP;
        }
        sample += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** {@code samples} of a sine tone at 8 kHz, mu-law encoded. */
    public static byte[] tone(double hz, int samples, double amplitude) {
        byte[] out = new byte[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = encode((short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 8000)));
        }
        return out;
    }
}
