package org.activerecorder.infrastructure.audio;

import org.activerecorder.application.ports.ChannelSource;
import org.activerecorder.rtp.api.WavHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening a stream file: the recorder's own canonical header is read by hand ({@link WavHeader#canonical}), anything
 * else by {@code javax.sound}, and both give what {@code javax.sound} gives for the same file.
 */
class PlacedStreamTest {

    private static final Instant ORIGIN = Instant.parse("2026-12-02T06:00:00Z");

    @TempDir
    Path folder;

    @Test
    void theCanonicalHeaderSaysWhatJavaSoundReadsFromIt() throws Exception {
        Path file = canonical("a.wav", 8000, ramp(800), 800 * 2L);
        ByteBuffer first = ByteBuffer.wrap(Files.readAllBytes(file), 0, WavHeader.LENGTH);

        WavHeader.Canonical header = WavHeader.canonical(first);

        assertNotNull(header);
        assertEquals(new WavHeader.Canonical(1, 8000, 16, 1600), header);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            assertEquals(in.getFormat().getSampleRate(), header.sampleRate());
            assertEquals(in.getFrameLength(), header.dataBytes() / 2);
        }
        assertEquals(new WavHeader.Canonical(2, 16000, 16, 64000),
                WavHeader.canonical(WavHeader.put(ByteBuffer.allocate(44), 2, 16000, 64000)));
    }

    @Test
    void aStreamFileInTheCanonicalLayoutIsPlacedWithItsSamples() throws Exception {
        short[] samples = ramp(1600);
        Path file = canonical("b.wav", 8000, samples, samples.length * 2L);

        try (PlacedStream stream = PlacedStream.open(new ChannelSource(file, ORIGIN.plusMillis(250)), ORIGIN, 8000)) {
            assertNotNull(stream);
            assertEquals(2000, stream.startFrame());
            assertEquals(2000 + 1600, stream.endFrame());
            assertArrayEquals(samples, mixed(stream, 2000, 1600));
        }
    }

    @Test
    void aFileCutShortOfItsHeaderIsAsLongAsTheHeaderSaysAndAddsNothingPastItsEnd() throws Exception {
        short[] samples = ramp(1000);
        Path file = canonical("c.wav", 8000, samples, 3000 * 2L);

        try (PlacedStream stream = PlacedStream.open(new ChannelSource(file, ORIGIN), ORIGIN, 8000);
             AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            assertNotNull(stream);
            assertEquals(in.getFrameLength(), stream.endFrame());
            short[] read = mixed(stream, 0, 3000);
            for (int i = 0; i < 3000; i++) {
                assertEquals(i < 1000 ? samples[i] : 0, read[i], "sample " + i);
            }
        }
    }

    @Test
    void aStreamFileLeftOpenIsPlacedWithEverySampleItHoldsThoughItsHeaderSaysLess() throws Exception {
        short[] samples = ramp(1200);
        Path file = canonical("h.wav", 8000, samples, 0); // the header it was created with: the adapter crashed

        try (PlacedStream stream = PlacedStream.open(new ChannelSource(file, ORIGIN), ORIGIN, 8000)) {
            assertNotNull(stream);
            assertEquals(1200, stream.endFrame());
            assertArrayEquals(samples, mixed(stream, 0, 1200));
        }
    }

    @Test
    void aNarrowbandFileInAWidebandRecordingIsUpsampledToTwiceItsLength() throws Exception {
        Path file = canonical("d.wav", 8000, ramp(800), 800 * 2L);

        try (PlacedStream stream = PlacedStream.open(new ChannelSource(file, ORIGIN), ORIGIN, 16000)) {
            assertNotNull(stream);
            assertTrue(stream.upsampled());
            assertEquals(1600, stream.endFrame());
        }
    }

    @Test
    void aWavInAnotherLayoutIsReadTheGeneralWay() throws Exception {
        short[] samples = ramp(500);
        Path file = folder.resolve("e.wav");
        Files.write(file, withListChunk(8000, samples));
        assertNull(WavHeader.canonical(ByteBuffer.wrap(Files.readAllBytes(file), 0, WavHeader.LENGTH)));

        try (PlacedStream stream = PlacedStream.open(new ChannelSource(file, ORIGIN), ORIGIN, 8000)) {
            assertNotNull(stream);
            assertEquals(500, stream.endFrame());
            assertArrayEquals(samples, mixed(stream, 0, 500));
        }
    }

    @Test
    void aStereoFileIsRefusedAndAFileThatIsNoWavIsMissing() throws Exception {
        Path stereo = folder.resolve("f.wav");
        ByteBuffer header = WavHeader.put(ByteBuffer.allocate(44), 2, 8000, 400);
        ByteBuffer bytes = ByteBuffer.allocate(44 + 400).put(header);
        Files.write(stereo, bytes.array());
        assertThrows(IOException.class,
                () -> PlacedStream.open(new ChannelSource(stereo, ORIGIN), ORIGIN, 8000));

        Path noise = folder.resolve("g.wav");
        Files.write(noise, new byte[100]);
        assertNull(PlacedStream.open(new ChannelSource(noise, ORIGIN), ORIGIN, 8000));
        assertNull(PlacedStream.open(new ChannelSource(folder.resolve("absent.wav"), ORIGIN), ORIGIN, 8000));
    }

    private Path canonical(String name, int rate, short[] samples, long dataBytesInHeader) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(WavHeader.put(ByteBuffer.allocate(44), 1, rate, dataBytesInHeader));
        for (short sample : samples) {
            bytes.putShort(sample);
        }
        Path file = folder.resolve(name);
        Files.write(file, bytes.array());
        return file;
    }

    /** RIFF, WAVE, fmt, a LIST chunk, then data: a layout javax.sound reads and the canonical reader does not. */
    private static byte[] withListChunk(int rate, short[] samples) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 + 24 + 12 + 8 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("LIST".getBytes()).putInt(4).put("INFO".getBytes());
        b.put("data".getBytes()).putInt(samples.length * 2);
        for (short sample : samples) {
            b.putShort(sample);
        }
        AudioFormat expected = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream check = AudioSystem.getAudioInputStream(new ByteArrayInputStream(b.array()))) {
            assertTrue(check.getFormat().matches(expected), "javax.sound reads the test file");
        } catch (UnsupportedAudioFileException e) {
            throw new AssertionError("javax.sound must read the test file", e);
        }
        return b.array();
    }

    private static short[] ramp(int count) {
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) (i * 7 - 3000);
        }
        return samples;
    }

    private static short[] mixed(PlacedStream stream, long from, int frames) throws IOException {
        int[] mix = new int[frames];
        stream.addTo(mix, from, frames);
        short[] out = new short[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = (short) mix[i];
        }
        return out;
    }
}
