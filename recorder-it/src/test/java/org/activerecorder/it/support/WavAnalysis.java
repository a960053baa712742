package org.activerecorder.it.support;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a 16-bit PCM WAV into channels and measures what a listener would: which tone a channel carries
 * (Goertzel over a grid of frequencies) and where sound starts.
 */
public final class WavAnalysis {

    public final AudioFormat format;
    public final short[][] channels;

    private WavAnalysis(AudioFormat format, short[][] channels) {
        this.format = format;
        this.channels = channels;
    }

    public static WavAnalysis of(byte[] wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat format = in.getFormat();
            if (format.getSampleSizeInBits() != 16 || format.isBigEndian()) {
                throw new AssertionError("expected 16-bit little-endian PCM, got " + format);
            }
            ByteBuffer data = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int count = format.getChannels();
            int frames = data.remaining() / (2 * count);
            short[][] channels = new short[count][frames];
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < count; c++) {
                    channels[c][i] = data.getShort();
                }
            }
            return new WavAnalysis(format, channels);
        }
    }

    public int frames() {
        return channels[0].length;
    }

    public long durationMillis() {
        return Math.round(frames() * 1000.0 / format.getSampleRate());
    }

    /** The frequency, on a 10 Hz grid from 100 to 3500 Hz, with the most energy in the given span. */
    public double dominantFrequency(int channel, int fromFrame, int length) {
        short[] pcm = channels[channel];
        double rate = format.getSampleRate();
        double best = 0;
        double bestPower = -1;
        for (int hz = 100; hz <= 3500; hz += 10) {
            double coeff = 2 * Math.cos(2 * Math.PI * hz / rate);
            double s1 = 0;
            double s2 = 0;
            for (int i = fromFrame; i < fromFrame + length; i++) {
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

    /** The first frame whose absolute value exceeds {@code threshold}, or -1. */
    public int onset(int channel, int threshold) {
        short[] pcm = channels[channel];
        for (int i = 0; i < pcm.length; i++) {
            if (Math.abs(pcm[i]) > threshold) {
                return i;
            }
        }
        return -1;
    }

    /** The last frame whose absolute value exceeds {@code threshold}, or -1. */
    public int end(int channel, int threshold) {
        short[] pcm = channels[channel];
        for (int i = pcm.length - 1; i >= 0; i--) {
            if (Math.abs(pcm[i]) > threshold) {
                return i;
            }
        }
        return -1;
    }
}
