package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.testsupport.Goertzel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The G.722 decoder against a vector made outside this code: one second of 1,000 Hz (peak 12,000) plus 5,500 Hz
 * (peak 4,000) at 16 kHz, encoded by FFmpeg 5.1's G.722 encoder ({@code ffmpeg -f s16le -ar 16000 -ac 1 -i tone.raw
 * -c:a g722 -f g722 g722-1000hz-5500hz.g722}, kept in recorder-test-support's {@code tones/}). FFmpeg's own decoder
 * gave output whose SHA-256 is {@link #FFMPEG_DECODE_SHA256}: the decoder must match it bit for bit, and the audio
 * must be the tones in.
 */
class G722DecoderTest {

    private static final String FFMPEG_DECODE_SHA256 =
            "56bb2e200390a8d788fd4c6fa68ec00f6dfaa0f1e050f841ed2799621f959423";
    private static final int RATE = 16_000;

    @Test
    void decodesTheReferenceVectorBitForBit() throws Exception {
        short[] pcm = decode(vector(), 160);

        assertEquals(RATE, pcm.length, "8000 octets are one second at 16 kHz");
        ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : pcm) {
            bytes.putShort(sample);
        }
        assertEquals(FFMPEG_DECODE_SHA256,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array())));
    }

    @Test
    void theTonesComeOutAtTheirFrequenciesAndLevelsIncludingTheOneAboveNarrowband() throws IOException {
        short[] pcm = decode(vector(), 160);

        int from = 1_600; // past the codec's adaptation
        int length = RATE - from;
        double low = Goertzel.dominant(pcm, from, length, RATE, 100, 3_500, 10);
        double high = Goertzel.dominant(pcm, from, length, RATE, 4_000, 7_500, 10);
        assertEquals(1_000, low, 10);
        assertEquals(5_500, high, 10);
        assertEquals(12_000, amplitude(pcm, from, length, 1_000), 600, "1 kHz level within 0.5 dB");
        assertEquals(4_000, amplitude(pcm, from, length, 5_500), 400, "5.5 kHz level within 1 dB");
    }

    @Test
    void packetBoundariesDoNotMatterTheStateCarriesOver() throws IOException {
        byte[] vector = vector();
        short[] whole = decode(vector, vector.length);
        short[] in20ms = decode(vector, 160);
        short[] odd = decode(vector, 37);
        assertTrue(java.util.Arrays.equals(whole, in20ms) && java.util.Arrays.equals(whole, odd));
    }

    @Test
    void eachOctetIsTwoSamplesAndAnyOctetIsValid() {
        G722Decoder decoder = new G722Decoder();
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {0, (byte) 0xFF, 0x3F, (byte) 0xC0});
        assertEquals(8, decoder.samples(payload, 0, 4));
        assertEquals(8, decoder.decode(payload, 0, 4, new short[8]));
    }

    /** The tone's amplitude at {@code frequency}, from the Goertzel power over a whole number of its cycles. */
    private static double amplitude(short[] pcm, int from, int length, double frequency) {
        return 2 * Math.sqrt(Goertzel.power(pcm, from, length, frequency, RATE)) / length;
    }

    /** Decodes {@code vector} in packets of {@code octets}, as the pipeline would, with one decoder. */
    private static short[] decode(byte[] vector, int octets) {
        G722Decoder decoder = new G722Decoder();
        short[] pcm = new short[2 * vector.length];
        short[] scratch = new short[2 * octets];
        ByteBuffer datagram = ByteBuffer.wrap(vector);
        for (int at = 0; at < vector.length; at += octets) {
            int length = Math.min(octets, vector.length - at);
            int samples = decoder.decode(datagram, at, length, scratch);
            System.arraycopy(scratch, 0, pcm, 2 * at, samples);
        }
        return pcm;
    }

    static byte[] vector() throws IOException {
        try (InputStream in = G722DecoderTest.class.getResourceAsStream("/tones/g722-1000hz-5500hz.g722")) {
            return in.readAllBytes();
        }
    }
}
