package org.activerecorder.infrastructure.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StereoAssemblerTest {

    private static final int RATE = 8000;

    @TempDir
    Path dir;

    @Test
    void placesEachChannelAtItsFirstPacketAndPadsTheShorterWithSilence() throws Exception {
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        Path left = writeMono(dir.resolve("left.wav"), tone(440, RATE * 2));          // 2 s from t0
        Path right = writeMono(dir.resolve("right.wav"), tone(1000, RATE * 2));        // 2 s from t0 + 500 ms
        Path target = dir.resolve("out/stereo.wav");

        AssembledFile result = new StereoAssembler().assemble(new ChannelSource(left, t0),
                new ChannelSource(right, t0.plusMillis(500)), target, RATE);

        assertEquals(RATE * 5 / 2, result.frames(), "2.5 s: the later channel ends 500 ms after the earlier");
        assertEquals(2500, result.duration().toMillis());
        short[][] channels = readStereo(target);
        assertEquals(RATE * 5 / 2, channels[0].length);
        // left: tone for 2 s, then silence
        assertEquals(440, dominant(channels[0], 0, RATE * 2), 5);
        assertTrue(silent(channels[0], RATE * 2, RATE / 2));
        // right: silence for the first 500 ms (exactly 4000 samples), then the tone
        assertTrue(silent(channels[1], 0, 4000));
        assertTrue(channels[1][4000] != 0 || channels[1][4001] != 0, "tone starts at sample 4000");
        assertEquals(1000, dominant(channels[1], 4000, RATE * 2), 5);
        assertEquals(sha256(target), result.sha256(), "checksum is of the file as stored");
        assertFalse(Files.exists(dir.resolve("out/stereo.wav.partial")));
    }

    @Test
    void aPartyThatSentNoMediaIsASilentChannel() throws Exception {
        Instant t0 = Instant.now();
        Path right = writeMono(dir.resolve("right.wav"), tone(1000, RATE));
        Path target = dir.resolve("stereo.wav");

        AssembledFile result = new StereoAssembler().assemble(ChannelSource.SILENCE, new ChannelSource(right, t0),
                target, RATE);

        assertEquals(RATE, result.frames());
        short[][] channels = readStereo(target);
        assertTrue(silent(channels[0], 0, RATE));
        assertEquals(1000, dominant(channels[1], 0, RATE), 5);
    }

    @Test
    void refusesAStreamInAnotherFormat() throws Exception {
        Path wrongRate = dir.resolve("wrong.wav");
        AudioFormat format = new AudioFormat(16000, 16, 1, true, false);
        byte[] pcm = new byte[3200];
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, 1600),
                AudioFileFormat.Type.WAVE, wrongRate.toFile());

        IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new StereoAssembler().assemble(new ChannelSource(wrongRate, Instant.now()),
                        ChannelSource.SILENCE, dir.resolve("x.wav"), RATE));
        assertTrue(refused.getMessage().contains("8000"), refused.getMessage());
    }

    static short[] tone(double hz, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(12000 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return pcm;
    }

    static Path writeMono(Path file, short[] samples) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            bytes.putShort(s);
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, samples.length),
                AudioFileFormat.Type.WAVE, file.toFile());
        return file;
    }

    static short[][] readStereo(Path file) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat format = in.getFormat();
            assertEquals(2, format.getChannels());
            assertEquals(RATE, format.getSampleRate());
            assertEquals(16, format.getSampleSizeInBits());
            ByteBuffer data = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int frames = data.remaining() / 4;
            short[][] channels = new short[2][frames];
            for (int i = 0; i < frames; i++) {
                channels[0][i] = data.getShort();
                channels[1][i] = data.getShort();
            }
            return channels;
        }
    }

    static boolean silent(short[] pcm, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (pcm[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The frequency (10 Hz steps, 100 to 3500 Hz) with the most energy, by the Goertzel algorithm. */
    static double dominant(short[] pcm, int from, int length) {
        double best = 0;
        double bestPower = -1;
        for (int hz = 100; hz <= 3500; hz += 10) {
            double coeff = 2 * Math.cos(2 * Math.PI * hz / RATE);
            double s1 = 0;
            double s2 = 0;
            for (int i = from; i < from + length; i++) {
                double s = pcm[i] + coeff * s1 - s2;
                s2 = s1;
                s1 = s;
            }
            double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
            if (power > bestPower) {
                bestPower = power;
                best = hz;
            }
        }
        return best;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
