package org.activerecorder.infrastructure.audio;

import org.activerecorder.application.ports.ChannelSource;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

/**
 * One mono stream file placed on the recording's time line: its samples start at {@link #startFrame()} frames
 * after the recording's origin. Read once, front to back, a block at a time, as the mixer asks.
 */
final class PlacedStream implements Closeable {

    private static final int BYTES_PER_SAMPLE = 2;

    private final InputStream samples;
    private final long startFrame;
    private final long endFrame;
    private final byte[] bytes;
    private long nextFrame;

    private PlacedStream(InputStream samples, long startFrame, long lengthFrames, int blockFrames) {
        this.samples = samples;
        this.startFrame = startFrame;
        this.endFrame = startFrame + lengthFrames;
        this.nextFrame = startFrame;
        this.bytes = new byte[blockFrames * BYTES_PER_SAMPLE];
    }

    /**
     * Opens the stream's file, placed against {@code origin}.
     *
     * @return {@code null} if the file is missing or not a readable WAV (its audio cannot be recovered)
     * @throws IOException if it is a WAV in another format than the recorder writes
     */
    static PlacedStream open(ChannelSource source, Instant origin, int sampleRate) throws IOException {
        if (!Files.isReadable(source.monoWav())) {
            return null;
        }
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(source.monoWav().toFile());
        } catch (UnsupportedAudioFileException | IOException unreadable) {
            return null;
        }
        AudioFormat format = in.getFormat();
        if (format.getChannels() != 1 || format.getSampleSizeInBits() != 16 || format.isBigEndian()
                || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED
                || Math.round(format.getSampleRate()) != sampleRate) {
            in.close();
            throw new IOException("expected mono 16-bit little-endian PCM at " + sampleRate + " Hz in "
                    + source.monoWav() + ", found " + format);
        }
        long offsetNanos = Duration.between(origin, source.firstSample()).toNanos();
        long startFrame = Math.round(offsetNanos * (double) sampleRate / 1_000_000_000d);
        return new PlacedStream(new BufferedInputStream(in, 1 << 16), startFrame, in.getFrameLength(),
                ChannelMixer.MAX_BLOCK_FRAMES);
    }

    long startFrame() {
        return startFrame;
    }

    long endFrame() {
        return endFrame;
    }

    /**
     * Adds this stream's samples for frames {@code [blockStart, blockStart + frames)} into {@code mix}. Blocks must
     * come in order. A file shorter than its header said (a stream cut short) adds nothing past its end.
     */
    void addTo(int[] mix, long blockStart, int frames) throws IOException {
        long from = Math.max(blockStart, nextFrame);
        long to = Math.min(blockStart + frames, endFrame);
        if (from >= to) {
            return;
        }
        int count = (int) (to - from);
        int read = samples.readNBytes(bytes, 0, count * BYTES_PER_SAMPLE) / BYTES_PER_SAMPLE;
        int at = (int) (from - blockStart);
        for (int i = 0; i < read; i++) {
            mix[at + i] += (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        nextFrame = to;
    }

    @Override
    public void close() throws IOException {
        samples.close();
    }
}
