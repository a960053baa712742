package org.activerecorder.load;

import io.github.jaredmdobson.concentus.OpusDecoder;
import org.activerecorder.testsupport.G722Encoder;
import org.activerecorder.testsupport.Goertzel;
import org.activerecorder.testsupport.ToneSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(AudioFrames.ENCODED_SECONDS * 50, AudioFrames.tone(LoadCodec.OPUS, 1000, 600).length());
        OpusDecoder decoder = new OpusDecoder(16_000, 1);
        short[] pcm = new short[150 * 320];
        for (int i = 0; i < frames.length(); i++) {
            byte[] frame = frames.frame(i);
            assertEquals(320, decoder.decode(frame, 0, frame.length, pcm, i * 320, 320, false), "20 ms at 16 kHz");
        }
        assertEquals(1000, Goertzel.dominant(pcm, 16_000, 1600, 16_000, 100, 3500, 10), 10);
        assertTrue(rms(pcm, 16_000, 16_000) > 8_000, "about the tone's level: " + rms(pcm, 16_000, 16_000));
    }

    /**
     * G.722 plays the party's own tone, as long as the call, 160 octets a packet: the test support's encoder (bit for
     * bit FFmpeg's, G722EncoderTest) of the tone at 16 kHz, one encoder over the whole call, not a looped second.
     */
    @Test
    void g722PlaysThePartysToneForTheWholeCall() {
        AudioFrames frames = AudioFrames.tone(LoadCodec.G722, 440, 3);
        assertEquals(150, frames.length(), "3 s of 20 ms packets, no loop");
        byte[] octets = joined(frames, 150);
        assertEquals(160 * 150, octets.length);
        assertArrayEquals(G722Encoder.of(ToneSource.linear(440, 3 * 16_000, 16_000)), octets);
        assertFalse(Arrays.equals(frames.frame(10), AudioFrames.tone(LoadCodec.G722, 1000, 3).frame(10)),
                "the two parties' tones differ");
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
