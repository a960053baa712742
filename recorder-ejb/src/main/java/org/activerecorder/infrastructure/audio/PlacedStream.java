package org.activerecorder.infrastructure.audio;

import org.activerecorder.application.ports.ChannelSource;
import org.activerecorder.rtp.api.WavHeader;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

/**
 * One mono stream file placed on the recording's time line: its samples start at {@link #startFrame()} frames
 * after the recording's origin. Read once, front to back, a block at a time, as the mixer asks: from the start
 * ({@link #open}), or from a frame on, for the stretch a work file is extended by ({@link #resumed}). A file at a rate
 * that divides the recording's (an 8 kHz party in a 16 kHz recording) is up-sampled as it is read
 * ({@link Upsampler}).
 */
final class PlacedStream implements Closeable {

    private static final int READ_BYTES = 1 << 16;

    private final SampleReader samples;
    private final long startFrame;
    private final long endFrame;
    private final boolean upsampled;
    /** Sized to the largest block asked for. */
    private short[] block = new short[0];
    private long nextFrame;

    private PlacedStream(SampleReader samples, long startFrame, long lengthFrames, long fromFrame, boolean upsampled) {
        this.samples = samples;
        this.startFrame = startFrame;
        this.endFrame = startFrame + lengthFrames;
        this.nextFrame = Math.max(startFrame, fromFrame);
        this.upsampled = upsampled;
    }

    /**
     * A stream at the recording's rate whose frames before {@code fromFrame} are already mixed.
     *
     * @param samples      its samples from {@code max(0, fromFrame - startFrame)} on
     * @param lengthFrames how many samples it has in all (or are final so far)
     */
    static PlacedStream resumed(SampleReader samples, long startFrame, long lengthFrames, long fromFrame) {
        return new PlacedStream(samples, startFrame, lengthFrames, fromFrame, false);
    }

    /** Frame of the recording at which a stream whose sample 0 was heard at {@code firstSample} starts. */
    static long startFrame(Instant origin, Instant firstSample, int sampleRate) {
        long offsetNanos = Duration.between(origin, firstSample).toNanos();
        return Math.round(offsetNanos * (double) sampleRate / 1_000_000_000d);
    }

    /**
     * Opens the stream's file, placed against {@code origin}.
     *
     * @param sampleRate the recording's rate: the file is at it, or at a rate that divides it
     * @return {@code null} if the file is missing or not a readable WAV (its audio cannot be recovered)
     * @throws IOException if it is a WAV in another format than the recorder writes
     */
    static PlacedStream open(ChannelSource source, Instant origin, int sampleRate) throws IOException {
        if (!Files.isReadable(source.monoWav())) {
            return null;
        }
        PlacedStream ours = openCanonical(source, origin, sampleRate);
        if (ours != null) {
            return ours;
        }
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(source.monoWav().toFile());
        } catch (UnsupportedAudioFileException | IOException unreadable) {
            return null;
        }
        AudioFormat format = in.getFormat();
        int fileRate = Math.round(format.getSampleRate());
        if (format.getChannels() != 1 || format.getSampleSizeInBits() != 16 || format.isBigEndian()
                || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || !divides(fileRate, sampleRate)) {
            in.close();
            throw new IOException("expected mono 16-bit little-endian PCM at " + sampleRate + " Hz or a rate that"
                    + " divides it in " + source.monoWav() + ", found " + format);
        }
        return placed(new PcmReader(new BufferedInputStream(in, READ_BYTES)), in.getFrameLength(), fileRate, source,
                origin, sampleRate);
    }

    /**
     * Opens a file with the canonical header the adapter writes every stream file with ({@link WavHeader}), in the
     * format the recorder mixes, without {@code javax.sound}: {@code AudioSystem} asks each installed file reader in
     * turn, finds them again through the service loader's lookups in the server's jars for every file, and each
     * reader before the WAVE one throws an {@code UnsupportedAudioFileException}. At the end of 5-minute calls that
     * was 12 % of the finishing threads' samples (docs/performance.md, "Series X"). Written by hand for that cost:
     * the header is the 44 bytes {@link WavHeader#put} writes. The stream is as long as the file holds, or as its
     * header says if that is more ({@link WavHeader.Canonical#dataBytesIn}): the adapter writes the final header only
     * when the file closes.
     *
     * @return {@code null} when the file is in any other layout or format, or cannot be read: the general way then
     *         judges it, as it always did
     */
    private static PlacedStream openCanonical(ChannelSource source, Instant origin, int sampleRate)
            throws IOException {
        InputStream in;
        WavHeader.Canonical header;
        try {
            in = Files.newInputStream(source.monoWav());
        } catch (IOException unreadable) {
            return null;
        }
        long fileBytes;
        try {
            header = WavHeader.canonical(ByteBuffer.wrap(in.readNBytes(WavHeader.LENGTH)));
            fileBytes = Files.size(source.monoWav());
        } catch (IOException | RuntimeException unreadable) {
            in.close();
            return null;
        }
        if (header == null || header.channels() != 1 || header.bitsPerSample() != 16
                || !divides(header.sampleRate(), sampleRate)) {
            in.close();
            return null;
        }
        return placed(new PcmReader(new BufferedInputStream(in, READ_BYTES)), header.dataBytesIn(fileBytes) / 2,
                header.sampleRate(), source, origin, sampleRate);
    }

    private static boolean divides(int fileRate, int sampleRate) {
        return fileRate > 0 && fileRate <= sampleRate && sampleRate % fileRate == 0;
    }

    /** A stream of {@code length} samples at {@code fileRate}, up-sampled to {@code sampleRate} if lower. */
    private static PlacedStream placed(SampleReader reader, long length, int fileRate, ChannelSource source,
                                       Instant origin, int sampleRate) throws IOException {
        long startFrame = startFrame(origin, source.firstSample(), sampleRate);
        int factor = sampleRate / fileRate;
        SampleReader samples = reader;
        if (factor > 1) {
            try {
                samples = new Upsampler(reader, length, factor);
            } catch (IOException e) {
                reader.close();
                throw e;
            }
        }
        return new PlacedStream(samples, startFrame, length * factor, startFrame, factor > 1);
    }

    long startFrame() {
        return startFrame;
    }

    long endFrame() {
        return endFrame;
    }

    /** Whether its file is at a lower rate than the recording's. */
    boolean upsampled() {
        return upsampled;
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
        if (block.length < count) {
            block = new short[count];
        }
        int read = samples.read(block, count);
        int at = (int) (from - blockStart);
        for (int i = 0; i < read; i++) {
            mix[at + i] += block[i];
        }
        nextFrame = to;
    }

    /**
     * Writes this stream's samples for frames {@code [blockStart, blockStart + frames)} into {@code out}, zeros where
     * it has none: what {@link #addTo} would add to a block of zeros, in one read where the block starts inside the
     * stream (the common case, a call in progress), without a sum to add into.
     */
    void copyTo(short[] out, long blockStart, int frames) throws IOException {
        long from = Math.max(blockStart, nextFrame);
        long to = Math.min(blockStart + frames, endFrame);
        if (from >= to) {
            java.util.Arrays.fill(out, 0, frames, (short) 0);
            return;
        }
        int at = (int) (from - blockStart);
        int count = (int) (to - from);
        int end;
        if (at == 0) {
            end = samples.read(out, count);
        } else {
            if (block.length < count) {
                block = new short[count];
            }
            int read = samples.read(block, count);
            java.util.Arrays.fill(out, 0, at, (short) 0);
            System.arraycopy(block, 0, out, at, read);
            end = at + read;
        }
        java.util.Arrays.fill(out, end, frames, (short) 0);
        nextFrame = to;
    }

    @Override
    public void close() throws IOException {
        samples.close();
    }
}
