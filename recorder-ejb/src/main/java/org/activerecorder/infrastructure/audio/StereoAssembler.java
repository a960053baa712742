package org.activerecorder.infrastructure.audio;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.application.ports.AssembledFile;
import org.activerecorder.application.ports.ChannelSource;
import org.activerecorder.application.ports.StereoAssembly;
import org.activerecorder.rtp.api.WavHeader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Assembles the parties' mono streams into one stereo WAV, aligned in time: the recorded party's streams on the
 * left channel, the other party's on the right. Every stream is placed at the wall-clock instant of its first
 * sample, measured from the earliest of them all, so a party that joined later starts later, a second stream of
 * the same party (after a re-INVITE) follows the first where it really came, and the shorter channel is padded
 * with silence. Streams of one side that overlap in time are summed (with saturation): nothing any of them
 * carried is left out.
 *
 * <p>A stream whose file is missing or not readable as audio is silence in the result, and is named in
 * {@link AssembledFile#missing()} so the recording can say what is missing; a file in another format than the
 * recorder writes is refused (an {@link IOException}), because silently dropping it would hide a bug. A narrowband
 * party's file in a wideband recording (8 kHz beside 16 kHz) is up-sampled as it is read ({@link Upsampler}).
 *
 * <p>The file gets the canonical 44-byte header ({@link WavHeader}, the one the file built during the call gets), then
 * the frames. Not through {@code javax.sound.sampled}, which wrote the same 44 bytes: {@code AudioSystem.write} looks
 * its file writers up through the service loader at every call (jar lookups) and has a writer before the WAVE one
 * refuse each file with an exception, the dearer part of a short call's assembly (docs/performance.md, "Series AJ").
 * Reading goes through it for any WAV but the recorder's own stream files, whose canonical header is read by hand
 * ({@link PlacedStream}). The file's SHA-256 and its audio data's (the bytes after the header) are computed over the
 * bytes as they are written, so the file is read only once. The result is written to {@code <target>.partial},
 * forced to disk, moved into place atomically, and the folder is forced to disk too: once this returns, the recording
 * survives a power cut, which is what lets the database say it exists.
 *
 * <p>A recording's file is usually built while the call goes on ({@link ProgressiveAssemblies}); given the
 * recording's id, this only finishes it, and assembles in full when it cannot.
 */
@ApplicationScoped
public class StereoAssembler implements StereoAssembly {

    private static final Logger LOG = Logger.getLogger(StereoAssembler.class.getName());

    /** Stereo frames mixed per block: 32 KiB of output, small enough to stay in cache. */
    private static final int BLOCK_FRAMES = 8192;

    @Inject
    private ProgressiveAssemblies progressive;

    /** For CDI; for tests, an assembler that always assembles in full. */
    public StereoAssembler() {
    }

    /** An assembler that finishes what {@code progressive} built ahead: for tests. */
    StereoAssembler(ProgressiveAssemblies progressive) {
        this.progressive = progressive;
    }

    /**
     * Finishes the file {@link ProgressiveAssemblies} built while the recording went on, when it holds exactly what
     * the full assembly would write; otherwise assembles in full. The file is the same either way, byte for byte.
     */
    @Override
    public AssembledFile assemble(long recordingId, List<ChannelSource> left, List<ChannelSource> right,
                                  Path target, int sampleRate, boolean fileSha256) throws IOException {
        if (progressive != null) {
            Optional<AssembledFile> finished = progressive.finish(recordingId, left, right, target, sampleRate,
                    fileSha256);
            if (finished.isPresent()) {
                return finished.get();
            }
        }
        return assemble(left, right, target, sampleRate);
    }

    /**
     * Assembles every stream of each side into its channel.
     *
     * @param left       the recorded party's streams (any number, in any order)
     * @param right      the other party's streams
     * @param target     where the stereo file goes (its folder is created; an existing file is replaced)
     * @param sampleRate the output's rate: every input is at it or at a rate that divides it (8 kHz in a 16 kHz
     *                   recording), and is then up-sampled
     * @throws IOException when a stream is in another format, or the result cannot be written
     */
    @Override
    public AssembledFile assemble(List<ChannelSource> left, List<ChannelSource> right, Path target, int sampleRate)
            throws IOException {
        try (PlacedStreams placed = PlacedStreams.open(left, right, sampleRate)) {
            long frames = placed.frames();
            Checksums written = write(new ChannelMixer(placed.left()), new ChannelMixer(placed.right()), frames,
                    target, sampleRate);
            Duration duration = Duration.ofNanos(frames * 1_000_000_000L / sampleRate);
            return new AssembledFile(target, duration, written.sha256(), written.audioSha256(), frames,
                    placed.missing());
        }
    }

    /** One stream on each side (or {@link ChannelSource#SILENCE}). */
    public AssembledFile assemble(ChannelSource left, ChannelSource right, Path target, int sampleRate)
            throws IOException {
        return assemble(left.isSilent() ? List.of() : List.of(left), right.isSilent() ? List.of() : List.of(right),
                target, sampleRate);
    }

    /** A written file's SHA-256 and its audio data's, lower-case hex. */
    private record Checksums(String sha256, String audioSha256) {
    }

    /** Writes the file and returns its checksums, both taken as it is written. */
    private static Checksums write(ChannelMixer left, ChannelMixer right, long frames, Path target, int sampleRate)
            throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        WorkFile.folderFor(folder);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        MessageDigest sha256 = StereoAssembly.newSha256();
        MessageDigest audioSha256 = StereoAssembly.newSha256();
        try (FileChannel file = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new DigestOutputStream(Channels.newOutputStream(file), sha256);
            out.write(WorkFile.header(frames, sampleRate).array(), 0, WavHeader.LENGTH);
            byte[] block = new byte[BLOCK_FRAMES * WorkFile.BYTES_PER_FRAME];
            try (InterleavedFrames interleaved = new InterleavedFrames(left, right, frames, BLOCK_FRAMES)) {
                int read;
                while ((read = interleaved.readNBytes(block, 0, block.length)) > 0) {
                    out.write(block, 0, read);
                    audioSha256.update(block, 0, read);
                }
            }
            file.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        forceFolder(folder);
        return new Checksums(HexFormat.of().formatHex(sha256.digest()), HexFormat.of().formatHex(audioSha256.digest()));
    }

    /** Makes the folder's entry for the moved file durable (POSIX: fsync the directory). */
    private static void forceFolder(Path folder) {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // some file systems and platforms cannot open a folder for reading: the move is still done
            LOG.log(Level.FINE, "cannot force folder " + folder + " to disk", e);
        }
    }

}
