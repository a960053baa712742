package org.activerecorder.load;

import io.github.jaredmdobson.concentus.OpusDecoder;
import org.activerecorder.testsupport.Goertzel;
import org.activerecorder.testsupport.ToneSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each codec's frames decode, by a decoder other than the recorder's, to the tone asked for, 20 ms a frame. */
class AudioFramesTest {

    @Test
    void g711FramesAre160CodeWordsOfTheToneInMuLawOrALaw() {
        for (LoadCodec codec : new LoadCodec[]{LoadCodec.PCMU, LoadCodec.PCMA}) {
            AudioFrames frames = AudioFrames.tone(codec, 440, 30);
            assertEquals(50, frames.length(), "one second, looped");
            assertEquals(160, frames.longestFrame());
            short[] pcm = ToneSource.decodeWithJdk(joined(frames, 50), codec == LoadCodec.PCMU);
            assertEquals(8000, pcm.length);
            assertEquals(440, Goertzel.dominant(pcm, 1000, 800, 8000, 100, 3500, 10), 10, codec.name());
        }
    }

    @Test
    void l16FramesAre320BigEndianSamplesAt16kHz() {
        AudioFrames frames = AudioFrames.tone(LoadCodec.L16, 1000, 30);
        assertEquals(50, frames.length());
        assertEquals(640, frames.longestFrame());
        ByteBuffer bytes = ByteBuffer.wrap(joined(frames, 50)).order(ByteOrder.BIG_ENDIAN);
        short[] pcm = new short[16_000];
        bytes.asShortBuffer().get(pcm);
        assertArrayEquals(ToneSource.linear(1000, 16_000, 16_000), pcm);
    }

    @Test
    void opusFramesLastTheCallUpToTheirCapAndDecodeToTheToneAt16kHz() throws Exception {
        AudioFrames frames = AudioFrames.tone(LoadCodec.OPUS, 1000, 3);
        assertEquals(150, frames.length(), "the call's length, not looped");
        assertEquals(AudioFrames.OPUS_SECONDS * 50, AudioFrames.tone(LoadCodec.OPUS, 1000, 600).length());
        OpusDecoder decoder = new OpusDecoder(16_000, 1);
        short[] pcm = new short[150 * 320];
        for (int i = 0; i < frames.length(); i++) {
            byte[] frame = frames.frame(i);
            assertEquals(320, decoder.decode(frame, 0, frame.length, pcm, i * 320, 320, false), "20 ms at 16 kHz");
        }
        assertEquals(1000, Goertzel.dominant(pcm, 16_000, 1600, 16_000, 100, 3500, 10), 10);
        assertTrue(rms(pcm, 16_000, 16_000) > 8_000, "about the tone's level: " + rms(pcm, 16_000, 16_000));
    }

    @Test
    void g722PlaysTheTestSupportsVectorWhateverTheToneAndCannotPlayAWav() {
        AudioFrames frames = AudioFrames.tone(LoadCodec.G722, 440, 30);
        assertEquals(50, frames.length());
        assertArrayEquals(ToneSource.g722(1000), joined(frames, 50));
        assertThrows(IllegalArgumentException.class,
                () -> AudioFrames.wav(LoadCodec.G722, java.nio.file.Path.of("/nonexistent.wav")));
    }

    private static byte[] joined(AudioFrames frames, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.writeBytes(frames.frame(i));
        }
        return out.toByteArray();
    }

    private static double rms(short[] pcm, int from, int length) {
        double sum = 0;
        for (short sample : Arrays.copyOfRange(pcm, from, from + length)) {
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / length);
    }
}
