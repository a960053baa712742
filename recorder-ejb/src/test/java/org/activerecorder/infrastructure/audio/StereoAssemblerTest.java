package org.activerecorder.infrastructure.audio;

import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
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
        Path left = writeMono(dir.resolve("left.wav"), ToneSource.linear(440, RATE * 2));          // 2 s from t0
        Path right = writeMono(dir.resolve("right.wav"), ToneSource.linear(1000, RATE * 2));        // 2 s from t0 + 500 ms
        Path target = dir.resolve("out/stereo.wav");

        AssembledFile result = new StereoAssembler().assemble(new ChannelSource(left, t0),
                new ChannelSource(right, t0.plusMillis(500)), target, RATE);

        assertEquals(RATE * 5 / 2, result.frames(), "2.5 s: the later channel ends 500 ms after the earlier");
        assertEquals(2500, result.duration().toMillis());
        WavContent wav = WavContent.read(target);
        assertStereo16BitAt8kHz(wav);
        short[][] channels = {wav.channel(0), wav.channel(1)};
        assertEquals(RATE * 5 / 2, channels[0].length);
        // left: tone for 2 s, then silence
        assertEquals(440, wav.dominantFrequency(0, 0, RATE * 2), 5);
        assertTrue(silent(channels[0], RATE * 2, RATE / 2));
        // right: silence for the first 500 ms (exactly 4000 samples), then the tone
        assertTrue(silent(channels[1], 0, 4000));
        assertTrue(channels[1][4000] != 0 || channels[1][4001] != 0, "tone starts at sample 4000");
        assertEquals(1000, wav.dominantFrequency(1, 4000, RATE * 2), 5);
        assertEquals(sha256(target), result.sha256(), "checksum is of the file as stored");
        assertFalse(Files.exists(dir.resolve("out/stereo.wav.partial")));
    }

    @Test
    void aPartyThatSentNoMediaIsASilentChannel() throws Exception {
        Instant t0 = Instant.now();
        Path right = writeMono(dir.resolve("right.wav"), ToneSource.linear(1000, RATE));
        Path target = dir.resolve("stereo.wav");

        AssembledFile result = new StereoAssembler().assemble(ChannelSource.SILENCE, new ChannelSource(right, t0),
                target, RATE);

        assertEquals(RATE, result.frames());
        WavContent wav = WavContent.read(target);
        assertStereo16BitAt8kHz(wav);
        short[][] channels = {wav.channel(0), wav.channel(1)};
        assertTrue(silent(channels[0], 0, RATE));
        assertEquals(1000, wav.dominantFrequency(1, 0, RATE), 5);
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

    private static void assertStereo16BitAt8kHz(WavContent wav) {
        assertEquals(2, wav.channels());
        assertEquals(RATE, wav.format().getSampleRate());
        assertEquals(16, wav.format().getSampleSizeInBits());
    }

    static boolean silent(short[] pcm, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (pcm[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
