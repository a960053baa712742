package org.activerecorder.testsupport;

import org.activerecorder.rtp.api.WavHeader;

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

/**
 * A WAV file as javax.sound reads it, as a player would: its format, its declared frame count and its
 * samples (interleaved, as stored), with per-channel views for stereo recordings.
 */
public final class WavContent {

    private final AudioFormat format;
    private final long frameLength;
    private final short[] samples;

    private WavContent(AudioFormat format, long frameLength, short[] samples) {
        this.format = format;
        this.frameLength = frameLength;
        this.samples = samples;
    }

    /**
     * Reads a copy of the file taken now (so a file still being written is read as it is at this instant).
     * Fails, as a player would, if the file is not a valid WAV.
     */
    public static WavContent read(Path file) throws IOException {
        return of(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads a copy, taken now, of a stream file the adapter may still be writing, as the recorder's readers and crash
     * recovery read it: as long as the file holds ({@link WavHeader.Canonical#dataBytesIn}), since the adapter writes
     * the final header only when it closes the file.
     */
    public static WavContent readStreamFile(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        WavHeader.Canonical header = bytes.length < WavHeader.LENGTH ? null
                : WavHeader.canonical(ByteBuffer.wrap(bytes, 0, WavHeader.LENGTH));
        if (header == null) {
            throw new IOException("not a stream file in the adapter's layout: " + file);
        }
        WavHeader.put(ByteBuffer.wrap(bytes, 0, WavHeader.LENGTH).slice(), header.channels(), header.sampleRate(),
                header.dataBytesIn(bytes.length));
        return of(bytes, file.toString());
    }

    /** Reads a WAV received as bytes (an HTTP download, say). */
    public static WavContent of(byte[] bytes) throws IOException {
        return of(bytes, "the given bytes");
    }

    private static WavContent of(byte[] bytes, String what) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes))) {
            AudioFormat format = in.getFormat();
            byte[] data = in.readAllBytes();
            ByteBuffer buffer = ByteBuffer.wrap(data)
                    .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[data.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = buffer.getShort();
            }
            return new WavContent(format, in.getFrameLength(), samples);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("not a readable WAV: " + what, e);
        }
    }

    public AudioFormat format() {
        return format;
    }

    public long frameLength() {
        return frameLength;
    }

    /** All samples, channels interleaved as in the file. */
    public short[] samples() {
        return samples;
    }

    public int channels() {
        return format.getChannels();
    }

    /** The frames in the data (which may exceed what the header declares in a file still being written). */
    public int frames() {
        return samples.length / channels();
    }

    /** The data's length in milliseconds. */
    public long durationMillis() {
        return Math.round(frames() * 1000.0 / format.getSampleRate());
    }

    /** One channel's samples (0 is left). */
    public short[] channel(int channel) {
        int count = channels();
        short[] out = new short[frames()];
        for (int i = 0; i < out.length; i++) {
            out[i] = samples[i * count + channel];
        }
        return out;
    }

    /** The first frame of the channel louder than {@code threshold}, or -1: where sound starts. */
    public int onset(int channel, int threshold) {
        short[] pcm = channel(channel);
        for (int i = 0; i < pcm.length; i++) {
            if (Math.abs(pcm[i]) > threshold) {
                return i;
            }
        }
        return -1;
    }

    /** The last frame of the channel louder than {@code threshold}, or -1: where sound ends. */
    public int end(int channel, int threshold) {
        short[] pcm = channel(channel);
        for (int i = pcm.length - 1; i >= 0; i--) {
            if (Math.abs(pcm[i]) > threshold) {
                return i;
            }
        }
        return -1;
    }

    /** The largest absolute sample of the channel in {@code [from, to)}: how loud the loudest moment is. */
    public int peak(int channel, int from, int to) {
        short[] pcm = channel(channel);
        int peak = 0;
        for (int i = Math.max(0, from); i < Math.min(to, pcm.length); i++) {
            peak = Math.max(peak, Math.abs(pcm[i]));
        }
        return peak;
    }

    /**
     * The longest run of frames in {@code [from, to)} no louder than {@code threshold}: 0 or 1 inside a tone, the
     * length of the hole where audio is missing.
     */
    public int longestQuietRun(int channel, int from, int to, int threshold) {
        short[] pcm = channel(channel);
        int longest = 0;
        int run = 0;
        for (int i = Math.max(0, from); i < Math.min(to, pcm.length); i++) {
            run = Math.abs(pcm[i]) <= threshold ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** The last frame before {@code frame} louder than {@code threshold}, or -1: where a sound before it ends. */
    public int lastLoudBefore(int channel, int frame, int threshold) {
        short[] pcm = channel(channel);
        for (int i = Math.min(frame, pcm.length) - 1; i >= 0; i--) {
            if (Math.abs(pcm[i]) > threshold) {
                return i;
            }
        }
        return -1;
    }

    /** The first frame at or after {@code frame} louder than {@code threshold}, or -1: where the next sound starts. */
    public int firstLoudFrom(int channel, int frame, int threshold) {
        short[] pcm = channel(channel);
        for (int i = Math.max(0, frame); i < pcm.length; i++) {
            if (Math.abs(pcm[i]) > threshold) {
                return i;
            }
        }
        return -1;
    }

    /** The power of {@code frequency} in the channel's {@code [from, from+length)}, relative (see {@link Goertzel}). */
    public double power(int channel, int from, int length, double frequency) {
        return Goertzel.power(channel(channel), from, length, frequency, format.getSampleRate());
    }

    /** The strongest frequency of the channel in {@code [from, from+length)}, 100 to 3500 Hz in 10 Hz steps. */
    public double dominantFrequency(int channel, int from, int length) {
        return Goertzel.dominant(channel(channel), from, length, format.getSampleRate(), 100, 3500, 10);
    }

    /** Whether the format is what the adapter promises for G.711: 8 kHz mono 16-bit signed little-endian PCM. */
    public boolean isRecorderFormat() {
        return isRecorderFormat(8000);
    }

    /** Whether the format is mono 16-bit signed little-endian PCM at {@code sampleRate} Hz. */
    public boolean isRecorderFormat(int sampleRate) {
        return format.getEncoding() == AudioFormat.Encoding.PCM_SIGNED && format.getSampleRate() == sampleRate
                && format.getChannels() == 1 && format.getSampleSizeInBits() == 16 && !format.isBigEndian();
    }

    /** The root-mean-square level of the channel's {@code [from, from+length)}. */
    public double rms(int channel, int from, int length) {
        short[] samples = channel(channel);
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / length);
    }
}
