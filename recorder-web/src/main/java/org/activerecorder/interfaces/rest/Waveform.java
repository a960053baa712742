package org.activerecorder.interfaces.rest;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A recording's waveform as the console's player draws it: per pixel and per channel the lowest and highest sample,
 * in the JSON format of BBC's audiowaveform (version 2, 8 bits), which wavesurfer.js and peaks.js read. It is read
 * from the WAV in one pass with a fixed buffer, so its memory is bounded by {@link #MAX_PIXELS}, not by the call's
 * length; nothing is kept between requests (the file can be purged or re-assembled at any time).
 *
 * @param data per pixel, for each channel in turn, its minimum then its maximum, each from -128 to 127 (a 16-bit
 *             sample shifted right by 8, as audiowaveform does)
 */
@JsonbPropertyOrder({"version", "channels", "sampleRate", "samplesPerPixel", "bits", "length", "data"})
public record Waveform(int version, int channels, @JsonbProperty("sample_rate") int sampleRate,
                       @JsonbProperty("samples_per_pixel") int samplesPerPixel, int bits, int length, int[] data) {

    /** At most this many pixels: a few kilobytes of JSON for any call, wide enough for a full-screen player. */
    public static final int MAX_PIXELS = 2000;

    private static final int BUFFER_FRAMES = 4096;

    /**
     * The waveform of {@code wav}, at the fewest samples per pixel that fit {@link #MAX_PIXELS} (at least 1).
     *
     * @throws UnsupportedAudioFileException when the file is not audio that Java Sound can turn into 16-bit PCM
     */
    public static Waveform of(Path wav) throws IOException, UnsupportedAudioFileException {
        try (AudioInputStream file = AudioSystem.getAudioInputStream(wav.toFile());
             AudioInputStream pcm = asSigned16(file)) {
            AudioFormat format = pcm.getFormat();
            long frames = file.getFrameLength();
            if (frames == AudioSystem.NOT_SPECIFIED) {
                // a header that does not say: the whole file's size over the frame's is more than there can be, so
                // the pixels still fit
                frames = Files.size(wav) / Math.max(1, file.getFormat().getFrameSize());
            }
            int samplesPerPixel = (int) Math.max(1, (frames + MAX_PIXELS - 1) / MAX_PIXELS);
            return read(pcm, format.getChannels(), Math.round(format.getSampleRate()), samplesPerPixel);
        }
    }

    /** 16-bit signed PCM, little-endian, whatever the file holds (the recorder writes exactly that: no conversion). */
    private static AudioInputStream asSigned16(AudioInputStream in) {
        AudioFormat given = in.getFormat();
        AudioFormat wanted = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, given.getSampleRate(), 16,
                given.getChannels(), given.getChannels() * 2, given.getSampleRate(), false);
        return given.matches(wanted) ? in : AudioSystem.getAudioInputStream(wanted, in);
    }

    private static Waveform read(AudioInputStream pcm, int channels, int sampleRate, int samplesPerPixel)
            throws IOException {
        Peaks peaks = new Peaks(channels, samplesPerPixel);
        byte[] buffer = new byte[BUFFER_FRAMES * channels * 2];
        int kept = 0;
        int n;
        while ((n = pcm.read(buffer, kept, buffer.length - kept)) != -1) {
            int available = kept + n;
            int whole = available - available % (channels * 2);
            for (int i = 0; i < whole; i += 2) {
                peaks.add((short) ((buffer[i] & 0xff) | (buffer[i + 1] << 8)));
            }
            kept = available - whole;
            System.arraycopy(buffer, whole, buffer, 0, kept);
        }
        return peaks.finish(sampleRate);
    }

    /** The pixels so far, filled sample by sample (channels interleaved as in the file). */
    private static final class Peaks {
        private final int channels;
        private final int samplesPerPixel;
        private final int[] data;
        private final int[] min;
        private final int[] max;
        private int pixels;
        private int channel;
        private int framesInPixel;

        Peaks(int channels, int samplesPerPixel) {
            this.channels = channels;
            this.samplesPerPixel = samplesPerPixel;
            // one pixel of slack: the last, partial pixel of a length rounded up
            this.data = new int[(MAX_PIXELS + 1) * channels * 2];
            this.min = new int[channels];
            this.max = new int[channels];
            reset();
        }

        void add(short sample) {
            min[channel] = Math.min(min[channel], sample);
            max[channel] = Math.max(max[channel], sample);
            if (++channel == channels) {
                channel = 0;
                if (++framesInPixel == samplesPerPixel) {
                    close();
                }
            }
        }

        /** The pixel ends; a file longer than its header said stops adding pixels at the array's end. */
        private void close() {
            if (pixels * channels * 2 < data.length) {
                for (int c = 0; c < channels; c++) {
                    data[(pixels * channels + c) * 2] = min[c] >> 8;
                    data[(pixels * channels + c) * 2 + 1] = max[c] >> 8;
                }
                pixels++;
            }
            reset();
        }

        private void reset() {
            java.util.Arrays.fill(min, Short.MAX_VALUE);
            java.util.Arrays.fill(max, Short.MIN_VALUE);
            framesInPixel = 0;
        }

        Waveform finish(int sampleRate) {
            if (framesInPixel > 0) {
                close();
            }
            return new Waveform(2, channels, sampleRate, samplesPerPixel, 8, pixels,
                    java.util.Arrays.copyOf(data, pixels * channels * 2));
        }
    }
}
