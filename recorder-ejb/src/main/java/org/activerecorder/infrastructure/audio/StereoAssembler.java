package org.activerecorder.infrastructure.audio;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Assembles two parties' mono streams into one stereo WAV, aligned in time: each channel starts at the
 * wall-clock arrival of its stream's first packet, measured from the earlier of the two, so a party that
 * joined later starts later, and the shorter channel is padded with silence.
 *
 * <p>Reading and writing WAV goes through {@code javax.sound.sampled}; the SHA-256 is computed over the
 * bytes as they are written, so the file is read only once. The result is written to a temporary file
 * and moved into place, so a crash never leaves a half-written recording under the final name.
 */
public class StereoAssembler {

    private static final int BYTES_PER_SAMPLE = 2;

    /**
     * Assembles every stream of each side into its channel, each placed at its first sample's instant.
     *
     * @param left       the recorded party's streams (any number, any order)
     * @param right      the other party's streams
     * @param sampleRate the rate every input is at and the output will be (8000 Hz for G.711)
     */
    public AssembledFile assemble(List<ChannelSource> left, List<ChannelSource> right, Path target, int sampleRate)
            throws IOException {
        // contract stub: takes the first stream of each side until the mixing assembler lands
        return assemble(left.isEmpty() ? ChannelSource.SILENCE : left.get(0),
                right.isEmpty() ? ChannelSource.SILENCE : right.get(0), target, sampleRate);
    }

    /**
     * @param sampleRate the rate both inputs are at and the output will be (8000 Hz for G.711)
     */
    public AssembledFile assemble(ChannelSource left, ChannelSource right, Path target, int sampleRate)
            throws IOException {
        Instant origin = earliest(left.firstSample(), right.firstSample());
        try (ChannelReader leftReader = ChannelReader.open(left, origin, sampleRate);
             ChannelReader rightReader = ChannelReader.open(right, origin, sampleRate)) {
            long frames = Math.max(leftReader.endFrame(), rightReader.endFrame());
            AudioFormat stereo = new AudioFormat(sampleRate, 16, 2, true, false);
            MessageDigest sha256 = sha256();
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            try (OutputStream out = new DigestOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16), sha256);
                 AudioInputStream interleaved = new AudioInputStream(
                         new InterleavingStream(leftReader, rightReader, frames), stereo, frames)) {
                AudioSystem.write(interleaved, AudioFileFormat.Type.WAVE, out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Duration duration = Duration.ofNanos(frames * 1_000_000_000L / sampleRate);
            return new AssembledFile(target, duration, HexFormat.of().formatHex(sha256.digest()), frames, List.of());
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Yields one channel's samples frame by frame: silence before its offset and after its end. */
    private static final class ChannelReader implements AutoCloseable {
        private final InputStream samples;
        private final long startFrame;
        private final long endFrame;

        private ChannelReader(InputStream samples, long startFrame, long lengthFrames) {
            this.samples = samples;
            this.startFrame = startFrame;
            this.endFrame = startFrame + lengthFrames;
        }

        static ChannelReader open(ChannelSource source, Instant origin, int sampleRate) throws IOException {
            if (source.isSilent() || !Files.exists(source.monoWav())) {
                return new ChannelReader(InputStream.nullInputStream(), 0, 0);
            }
            AudioInputStream in;
            try {
                in = AudioSystem.getAudioInputStream(source.monoWav().toFile());
            } catch (UnsupportedAudioFileException e) {
                throw new IOException("not a WAV file: " + source.monoWav(), e);
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
            return new ChannelReader(new BufferedInputStream(in, 1 << 16), startFrame, in.getFrameLength());
        }

        long endFrame() {
            return endFrame;
        }

        /** Writes the channel's sample for {@code frame} (little-endian) into {@code out} at {@code at}. */
        void sample(long frame, byte[] out, int at) throws IOException {
            if (frame < startFrame || frame >= endFrame) {
                out[at] = 0;
                out[at + 1] = 0;
                return;
            }
            int lo = samples.read();
            int hi = samples.read();
            if (hi < 0) {
                // The file is shorter than its header said (a stream cut short): the rest is silence.
                lo = 0;
                hi = 0;
            }
            out[at] = (byte) lo;
            out[at + 1] = (byte) hi;
        }

        @Override
        public void close() throws IOException {
            samples.close();
        }
    }

    /** The interleaved 16-bit stereo frames of two channels, as a stream AudioSystem can write. */
    private static final class InterleavingStream extends InputStream {
        private final ChannelReader left;
        private final ChannelReader right;
        private final long frames;
        private final byte[] frame = new byte[2 * BYTES_PER_SAMPLE];
        private long nextFrame;
        private int framePos = frame.length;

        InterleavingStream(ChannelReader left, ChannelReader right, long frames) {
            this.left = left;
            this.right = right;
            this.frames = frames;
        }

        @Override
        public int read() throws IOException {
            if (framePos == frame.length) {
                if (nextFrame == frames) {
                    return -1;
                }
                left.sample(nextFrame, frame, 0);
                right.sample(nextFrame, frame, BYTES_PER_SAMPLE);
                nextFrame++;
                framePos = 0;
            }
            return frame[framePos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = 0;
            while (n < len) {
                int next = read();
                if (next < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) next;
            }
            return n;
        }
    }
}
