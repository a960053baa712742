package org.activerecorder.load;

import org.activerecorder.testsupport.ToneSource;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * What a party says, as the 160-byte mu-law payloads of 20 ms packets, played in a loop: a tone (one second of it,
 * which holds a whole number of periods of any whole-Hz tone, so the loop has no seam) or a WAV file. Encoded by
 * the JDK's G.711 codec, never by the recorder's.
 */
public final class AudioFrames {

    /** Samples in one 20 ms packet at 8 kHz. */
    public static final int SAMPLES = 160;

    private final byte[][] frames;

    private AudioFrames(byte[][] frames) {
        this.frames = frames;
    }

    /** One second of a {@code frequency} Hz tone: 50 frames. */
    public static AudioFrames tone(int frequency) {
        return of(ToneSource.encoded(frequency, 8000, true));
    }

    /** A WAV file, converted to 8 kHz 16-bit mono by javax.sound, then mu-law; its last partial frame dropped. */
    public static AudioFrames wav(Path file) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile());
             AudioInputStream pcm = AudioSystem.getAudioInputStream(new AudioFormat(8000f, 16, 1, true, false), in)) {
            byte[] bytes = pcm.readAllBytes();
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = buffer.getShort();
            }
            if (samples.length < SAMPLES) {
                throw new IOException(file + " holds less than 20 ms of audio");
            }
            return of(ToneSource.encode(samples, true));
        } catch (javax.sound.sampled.UnsupportedAudioFileException e) {
            throw new IOException("not a WAV javax.sound can read: " + file, e);
        }
    }

    private static AudioFrames of(byte[] muLaw) {
        byte[][] frames = new byte[muLaw.length / SAMPLES][SAMPLES];
        for (int i = 0; i < frames.length; i++) {
            System.arraycopy(muLaw, i * SAMPLES, frames[i], 0, SAMPLES);
        }
        return new AudioFrames(frames);
    }

    /** The payload of packet {@code index} (0 is the first) of a party that plays these frames from the start. */
    public byte[] frame(long index) {
        return frames[(int) (index % frames.length)];
    }

    public int length() {
        return frames.length;
    }
}
