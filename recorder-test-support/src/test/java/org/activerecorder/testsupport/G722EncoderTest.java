package org.activerecorder.testsupport;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The G.722 encoder against an encoder outside this code: FFmpeg 5.1's, whose output for one second of 1,000 Hz
 * (peak 12,000) plus 5,500 Hz (peak 4,000) at 16 kHz, each sample rounded to the nearest, is the test support's
 * {@code tones/g722-1000hz-5500hz.g722} ({@link ToneSource#g722}). The same input must give the same 8,000 octets.
 */
class G722EncoderTest {

    private static final int RATE = 16_000;

    @Test
    void encodesTheReferenceInputAsFfmpegDidOctetForOctet() {
        byte[] encoded = G722Encoder.of(referenceInput());

        byte[] ffmpeg = ToneSource.g722(1000);
        assertEquals(ffmpeg.length, encoded.length, "one octet per pair of samples");
        assertArrayEquals(ffmpeg, encoded);
    }

    @Test
    void theStateCarriesOverFromOneCallToTheNextAsInOneCall() {
        short[] pcm = referenceInput();
        G722Encoder encoder = new G722Encoder();
        byte[] first = encoder.encode(Arrays.copyOfRange(pcm, 0, 5_002));
        byte[] rest = encoder.encode(Arrays.copyOfRange(pcm, 5_002, pcm.length));
        byte[] joined = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, joined, first.length, rest.length);
        assertArrayEquals(G722Encoder.of(pcm), joined);
    }

    private static short[] referenceInput() {
        short[] pcm = new short[RATE];
        for (int n = 0; n < pcm.length; n++) {
            pcm[n] = (short) Math.round(12_000 * Math.sin(2 * Math.PI * 1_000 * n / RATE)
                    + 4_000 * Math.sin(2 * Math.PI * 5_500 * n / RATE));
        }
        return pcm;
    }
}
