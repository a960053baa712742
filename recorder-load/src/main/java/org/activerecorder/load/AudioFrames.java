package org.activerecorder.load;

import org.activerecorder.testsupport.G722Encoder;
import org.activerecorder.testsupport.ToneSource;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a party says, as the payloads of its 20 ms packets in one codec, played in a loop: a tone or a WAV file.
 * Encoded by the JDK's G.711 codec, concentus's Opus encoder, the test support's G.722 encoder (checked against
 * FFmpeg's) or by hand for L16, never by the recorder's code. A tone in G.711 or L16 is one second (a whole number of
 * periods of any whole-Hz tone, so the loop has no seam); in Opus and G.722 it is as long as the call, up to
 * {@link #ENCODED_SECONDS} (each packet depends on the encoder's state before it, so a loop would have a seam).
 */
public final class AudioFrames {

    /** Samples in one 20 ms packet at 8 kHz. */
    public static final int SAMPLES = 160;
    /** The longest Opus or G.722 tone encoded; a longer call loops it. */
    static final int ENCODED_SECONDS = 120;

    private final LoadCodec codec;
    private final byte[][] frames;
    private final int longest;

    private AudioFrames(LoadCodec codec, byte[][] frames) {
        this.codec = codec;
        this.frames = frames;
        int most = 0;
        for (byte[] frame : frames) {
            most = Math.max(most, frame.length);
        }
        this.longest = most;
    }

    /** One second of a {@code frequency} Hz tone in PCMU: 50 frames. */
    public static AudioFrames tone(int frequency) {
        return tone(LoadCodec.PCMU, frequency, 1);
    }

    /** A {@code frequency} Hz tone in {@code codec}, for calls of {@code callSeconds}. */
    static AudioFrames tone(LoadCodec codec, int frequency, int callSeconds) {
        int encodedMillis = Math.min(Math.max(callSeconds, 1), ENCODED_SECONDS) * 1000;
        return switch (codec) {
            case PCMU, PCMA -> of(codec, ToneSource.encoded(frequency, 8000, codec == LoadCodec.PCMU), SAMPLES);
            case L16 -> of(codec, ToneSource.l16(frequency, 1000, 16_000), 640);
            case G722 -> of(codec, G722Encoder.of(ToneSource.linear(frequency, encodedMillis * 16, 16_000)), SAMPLES);
            case OPUS -> new AudioFrames(codec, ToneSource.opus(frequency, encodedMillis).toArray(new byte[0][]));
        };
    }

    /** A WAV file in PCMU. */
    public static AudioFrames wav(Path file) throws Exception {
        return wav(LoadCodec.PCMU, file);
    }

    /**
     * A WAV file, converted by javax.sound to 16-bit mono at the codec's rate (8 or 16 kHz), then encoded; its last
     * partial frame dropped.
     */
    static AudioFrames wav(LoadCodec codec, Path file) throws Exception {
        int rate = codec.recordedRate();
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile());
             AudioInputStream pcm = AudioSystem.getAudioInputStream(new AudioFormat(rate, 16, 1, true, false), in)) {
            byte[] bytes = pcm.readAllBytes();
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = buffer.getShort();
            }
            int frame = rate / 50;
            if (samples.length < frame) {
                throw new IOException(file + " holds less than 20 ms of audio");
            }
            return switch (codec) {
                case PCMU, PCMA -> of(codec, ToneSource.encode(samples, codec == LoadCodec.PCMU), SAMPLES);
                case L16 -> of(codec, ToneSource.bigEndian(samples), frame * 2);
                case OPUS -> new AudioFrames(codec, ToneSource.opus(samples, rate).toArray(new byte[0][]));
                case G722 -> of(codec, G722Encoder.of(samples), SAMPLES);
            };
        } catch (javax.sound.sampled.UnsupportedAudioFileException e) {
            throw new IOException("not a WAV javax.sound can read: " + file, e);
        }
    }

    /** Cuts an encoded stream of constant-size frames into them; a last partial frame is dropped. */
    private static AudioFrames of(LoadCodec codec, byte[] encoded, int frameBytes) {
        List<byte[]> frames = new ArrayList<>();
        for (int at = 0; at + frameBytes <= encoded.length; at += frameBytes) {
            byte[] frame = new byte[frameBytes];
            System.arraycopy(encoded, at, frame, 0, frameBytes);
            frames.add(frame);
        }
        return new AudioFrames(codec, frames.toArray(new byte[0][]));
    }

    /** The payload of packet {@code index} (0 is the first) of a party that plays these frames from the start. */
    public byte[] frame(long index) {
        return frames[(int) (index % frames.length)];
    }

    public int length() {
        return frames.length;
    }

    /** The codec the frames are in: the packets' payload type and timestamp step. */
    LoadCodec codec() {
        return codec;
    }

    /** The largest payload, in bytes (Opus frames differ in size). */
    int longestFrame() {
        return longest;
    }
}
