package org.activerecorder.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The peaks of generated stereo WAVs: known extremes per channel, at the right pixels, and a bounded length. */
class WaveformTest {

    private static final int RATE = 8000;

    @TempDir
    Path folder;

    /**
     * Left: 2000 Hz at amplitude 16384 for 2 s (its samples are exactly 0, 16384, 0, -16384). Right: 1 s of silence,
     * then 1000 Hz at 8192 (which reaches exactly 8192 and -8192). 16000 frames fit 2000 pixels at 8 samples each.
     */
    @Test
    void eachChannelsExtremesAreAtTheirPixels() throws Exception {
        Path wav = stereo(2 * RATE, n -> (int) Math.round(16384 * Math.sin(2 * Math.PI * 2000 * n / RATE)),
                n -> n < RATE ? 0 : (int) Math.round(8192 * Math.sin(2 * Math.PI * 1000 * n / RATE)));

        Waveform waveform = Waveform.of(wav);

        assertEquals(2, waveform.version());
        assertEquals(2, waveform.channels());
        assertEquals(RATE, waveform.sampleRate());
        assertEquals(8, waveform.bits());
        assertEquals(8, waveform.samplesPerPixel());
        assertEquals(2000, waveform.length());
        assertEquals(2000 * 2 * 2, waveform.data().length);
        for (int pixel = 0; pixel < waveform.length(); pixel++) {
            int at = pixel * 4;
            assertEquals(-64, waveform.data()[at], "left minimum at pixel " + pixel);
            assertEquals(64, waveform.data()[at + 1], "left maximum at pixel " + pixel);
            int rightMin = pixel < 1000 ? 0 : -32;
            int rightMax = pixel < 1000 ? 0 : 32;
            assertEquals(rightMin, waveform.data()[at + 2], "right minimum at pixel " + pixel);
            assertEquals(rightMax, waveform.data()[at + 3], "right maximum at pixel " + pixel);
        }
        double seconds = (double) waveform.length() * waveform.samplesPerPixel() / waveform.sampleRate();
        assertEquals(2.0, seconds, 1e-9, "the pixels span the file");
    }

    @Test
    void aLongCallStaysWithinTheMaximumAndItsLastPixelHoldsTheRest() throws Exception {
        int frames = 60 * RATE + 1;
        Path wav = stereo(frames, n -> n == frames - 1 ? 32767 : 0, n -> n == frames - 1 ? -32768 : 0);

        Waveform waveform = Waveform.of(wav);

        int samplesPerPixel = (frames + Waveform.MAX_PIXELS - 1) / Waveform.MAX_PIXELS;
        assertEquals(samplesPerPixel, waveform.samplesPerPixel());
        int pixels = (frames + samplesPerPixel - 1) / samplesPerPixel;
        assertTrue(pixels <= Waveform.MAX_PIXELS, "pixels: " + pixels);
        assertEquals(pixels, waveform.length());
        int last = (pixels - 1) * 4;
        assertEquals(127, waveform.data()[last + 1], "the last sample, alone in the last pixel, is the left maximum");
        assertEquals(-128, waveform.data()[last + 2], "and the right minimum");
        assertEquals(0, waveform.data()[last - 4 + 1], "the pixel before is silent");
    }

    @Test
    void aShortFileHasOnePixelPerSample() throws Exception {
        Path wav = stereo(3, n -> 256 * (n + 1), n -> -256 * (n + 1));

        Waveform waveform = Waveform.of(wav);

        assertEquals(1, waveform.samplesPerPixel());
        assertEquals(3, waveform.length());
        assertEquals(java.util.List.of(1, 1, -1, -1, 2, 2, -2, -2, 3, 3, -3, -3),
                java.util.Arrays.stream(waveform.data()).boxed().toList());
    }

    @Test
    void theJsonIsAudiowaveformsFormat() throws Exception {
        Waveform waveform = Waveform.of(stereo(2, n -> 0, n -> 0));

        String json;
        try (Jsonb jsonb = JsonbBuilder.create()) {
            json = jsonb.toJson(waveform);
        }

        JsonObject read = Json.createReader(new StringReader(json)).readObject();
        assertEquals(java.util.Set.of("version", "channels", "sample_rate", "samples_per_pixel", "bits", "length",
                "data"), read.keySet(), json);
        assertEquals(RATE, read.getInt("sample_rate"));
        assertEquals(8, read.getJsonArray("data").size(), json);
    }

    /** A 16-bit stereo WAV at 8 kHz of {@code frames} frames, each channel's sample given by its function. */
    private Path stereo(int frames, IntUnaryOperator left, IntUnaryOperator right) throws Exception {
        byte[] pcm = new byte[frames * 4];
        for (int n = 0; n < frames; n++) {
            put(pcm, n * 4, left.applyAsInt(n));
            put(pcm, n * 4 + 2, right.applyAsInt(n));
        }
        AudioFormat format = new AudioFormat(RATE, 16, 2, true, false);
        Path file = folder.resolve("call-" + frames + ".wav");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    private static void put(byte[] pcm, int at, int sample) {
        pcm[at] = (byte) sample;
        pcm[at + 1] = (byte) (sample >> 8);
    }
}
