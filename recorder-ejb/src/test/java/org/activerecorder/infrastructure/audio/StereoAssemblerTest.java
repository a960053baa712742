package org.activerecorder.infrastructure.audio;

import org.activerecorder.application.ports.AssembledFile;
import org.activerecorder.application.ports.ChannelSource;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        byte[] stored = Files.readAllBytes(target);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                java.util.Arrays.copyOfRange(stored, 44, stored.length))), result.audioSha256(),
                "and of its audio data, the bytes after the header");
        assertFalse(Files.exists(dir.resolve("out/stereo.wav.partial")));
    }

    /**
     * The header is written by hand since the assembly stopped going through {@code AudioSystem.write}: the file must
     * still be, byte for byte, what the JDK's WAVE writer makes of the same frames (the progressive file is compared
     * with this one), narrowband and wideband.
     */
    @Test
    void theFileIsByteForByteWhatTheJdksWaveWriterWritesForTheSameFrames() throws Exception {
        for (int rate : new int[] {8000, 16000}) {
            Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
            Path left = writeMono(dir.resolve("l" + rate + ".wav"), ToneSource.linear(440, rate), rate);
            Path right = writeMono(dir.resolve("r" + rate + ".wav"), ToneSource.linear(1000, rate / 2), rate);
            Path target = dir.resolve("stereo" + rate + ".wav");

            AssembledFile result = new StereoAssembler().assemble(new ChannelSource(left, t0),
                    new ChannelSource(right, t0.plusMillis(250)), target, rate);

            byte[] written = Files.readAllBytes(target);
            byte[] frames = java.util.Arrays.copyOfRange(written, 44, written.length);
            assertEquals(result.frames() * 4, frames.length, rate + " Hz: four bytes a frame after 44 of header");
            Path byJdk = dir.resolve("jdk" + rate + ".wav");
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(frames),
                    new AudioFormat(rate, 16, 2, true, false), result.frames()), AudioFileFormat.Type.WAVE,
                    byJdk.toFile());
            byte[] jdk = Files.readAllBytes(byJdk);
            assertEquals(HexFormat.of().formatHex(jdk, 0, 44), HexFormat.of().formatHex(written, 0, 44),
                    rate + " Hz: the JDK's WAVE writer writes the same header");
            assertArrayEquals(jdk, written, rate + " Hz: and the same file");
        }
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

    @Test
    void everyStreamOfASideIsPlacedWhereItCameAfterARenegotiation() throws Exception {
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        Path first = writeMono(dir.resolve("first.wav"), ToneSource.linear(440, RATE));           // 0-1 s
        Path second = writeMono(dir.resolve("second.wav"), ToneSource.linear(700, RATE));         // 2-3 s
        Path other = writeMono(dir.resolve("other.wav"), ToneSource.linear(1000, RATE * 3));      // 0-3 s
        Path target = dir.resolve("stereo.wav");

        AssembledFile result = new StereoAssembler().assemble(
                List.of(new ChannelSource(second, t0.plusSeconds(2)), new ChannelSource(first, t0)),
                List.of(new ChannelSource(other, t0)), target, RATE);

        assertEquals(RATE * 3, result.frames());
        assertEquals(List.of(), result.missing());
        WavContent wav = WavContent.read(target);
        assertEquals(440, wav.dominantFrequency(0, 0, RATE), 5);
        assertTrue(silent(wav.channel(0), RATE, RATE), "nothing between the two streams");
        assertEquals(700, wav.dominantFrequency(0, 2 * RATE, RATE), 5);
        assertEquals(1000, wav.dominantFrequency(1, 0, 3 * RATE), 5);
    }

    @Test
    void overlappingStreamsOfOneSideAreBothHeard() throws Exception {
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        Path low = writeMono(dir.resolve("low.wav"), ToneSource.linear(440, RATE));
        Path high = writeMono(dir.resolve("high.wav"), ToneSource.linear(1500, RATE));
        Path target = dir.resolve("stereo.wav");

        new StereoAssembler().assemble(List.of(new ChannelSource(low, t0), new ChannelSource(high, t0)), List.of(),
                target, RATE);

        WavContent wav = WavContent.read(target);
        short[] mixed = wav.channel(0);
        double lowEnergy = org.activerecorder.testsupport.Goertzel.power(mixed, 0, RATE, 440, RATE);
        double highEnergy = org.activerecorder.testsupport.Goertzel.power(mixed, 0, RATE, 1500, RATE);
        double between = org.activerecorder.testsupport.Goertzel.power(mixed, 0, RATE, 1000, RATE);
        assertTrue(lowEnergy > 100 * between && highEnergy > 100 * between,
                "both tones present: " + lowEnergy + " " + highEnergy + " vs " + between);
    }

    @Test
    void aMissingOrUnreadableStreamFileIsSilenceAndIsNamed() throws Exception {
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        Path present = writeMono(dir.resolve("present.wav"), ToneSource.linear(440, RATE));
        Path absent = dir.resolve("absent.wav");
        Path garbage = Files.write(dir.resolve("garbage.wav"), new byte[]{1, 2, 3});
        Path unplaced = writeMono(dir.resolve("unplaced.wav"), ToneSource.linear(440, RATE));
        Path target = dir.resolve("stereo.wav");

        AssembledFile result = new StereoAssembler().assemble(List.of(new ChannelSource(present, t0)),
                List.of(new ChannelSource(absent, t0), new ChannelSource(garbage, t0), new ChannelSource(unplaced, null)),
                target, RATE);

        assertEquals(List.of(absent, garbage, unplaced), result.missing());
        WavContent wav = WavContent.read(target);
        assertTrue(silent(wav.channel(1), 0, RATE));
        assertEquals(440, wav.dominantFrequency(0, 0, RATE), 5);
    }

    @Test
    void aReassemblyReplacesTheFileAndLeavesNoPartial() throws Exception {
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        Path tone = writeMono(dir.resolve("tone.wav"), ToneSource.linear(440, RATE));
        Path target = dir.resolve("stereo.wav");
        Files.write(target, new byte[]{9, 9, 9});
        Files.write(dir.resolve("stereo.wav.partial"), new byte[]{7}); // left by a crash during an earlier attempt

        AssembledFile result = new StereoAssembler().assemble(new ChannelSource(tone, t0), ChannelSource.SILENCE,
                target, RATE);

        assertEquals(sha256(target), result.sha256());
        assertEquals(RATE, WavContent.read(target).frames());
        assertFalse(Files.exists(dir.resolve("stereo.wav.partial")));
    }

    @Test
    void aNarrowbandPartyBesideAWidebandOneIsUpSampledInPlaceAndInTune() throws Exception {
        int wide = 16_000;
        Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
        short[] narrowTone = ToneSource.linear(440, RATE * 2);                                  // 8 kHz, 2 s
        Path narrow = writeMono(dir.resolve("narrow.wav"), narrowTone, RATE);                   // from t0 + 500 ms
        Path wideband = writeMono(dir.resolve("wide.wav"), ToneSource.linear(1000, wide * 2, wide), wide); // from t0
        Path target = dir.resolve("mixed.wav");

        AssembledFile result = new StereoAssembler().assemble(new ChannelSource(narrow, t0.plusMillis(500)),
                new ChannelSource(wideband, t0), target, wide);

        assertEquals(wide * 5 / 2, result.frames(), "2.5 s at 16 kHz");
        assertEquals(2500, result.duration().toMillis());
        WavContent wav = WavContent.read(target);
        assertEquals(2, wav.channels());
        assertEquals(wide, wav.format().getSampleRate());
        short[] left = wav.channel(0);
        assertTrue(silent(left, 0, wide / 2), "the narrowband party starts 500 ms in, exactly at frame 8000");
        for (int k = 0; k < narrowTone.length; k++) {
            assertEquals(narrowTone[k], left[wide / 2 + 2 * k], "input sample " + k + " lands on output " + (2 * k));
        }
        double[] error = {0, 0};
        for (int i = wide / 2 + 200; i < wide / 2 + 2 * wide - 200; i++) {
            double ideal = ToneSource.AMPLITUDE * Math.sin(2 * Math.PI * 440 * (i - wide / 2) / wide);
            error[0] += (left[i] - ideal) * (left[i] - ideal);
            error[1] += ideal * ideal;
        }
        assertTrue(10 * Math.log10(error[1] / error[0]) > 50, "the up-sampled tone is the 16 kHz tone, within -50 dB: "
                + 10 * Math.log10(error[1] / error[0]));
        assertEquals(440, wav.dominantFrequency(0, wide / 2, wide * 2), 5);
        assertEquals(ToneSource.AMPLITUDE / Math.sqrt(2), wav.rms(0, wide, wide), 100, "level kept");
        assertTrue(wav.power(0, wide, wide, 8000 - 440) < 1e-5 * wav.power(0, wide, wide, 440), "no image at 7560 Hz");
        assertTrue(silent(left, wide / 2 + 2 * wide, 0));
        assertEquals(1000, wav.dominantFrequency(1, 0, wide * 2), 5);
        assertTrue(silent(wav.channel(1), wide * 2, wide / 2), "the wideband party ends at 2 s");
        assertEquals(ToneSource.AMPLITUDE / Math.sqrt(2), wav.rms(1, 0, wide * 2), 100);
    }

    static Path writeMono(Path file, short[] samples) throws IOException {
        return writeMono(file, samples, RATE);
    }

    static Path writeMono(Path file, short[] samples, int rate) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            bytes.putShort(s);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
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
