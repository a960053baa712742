package org.activerecorder.infrastructure.audio;

import org.activerecorder.application.ports.StereoAssembly;
import org.activerecorder.rtp.api.WavHeader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The file a recording's stereo WAV is built in while the call goes on: 44 bytes kept for the header, then the
 * interleaved frames, extended at its end pass after pass (opened for each extension: a call in progress holds no
 * descriptor). Finished, it gets the canonical header the full assembly writes too (44 bytes: RIFF, a 16-byte PCM
 * {@code fmt } chunk, {@code data}), is forced to disk, moved into place atomically (it
 * lies on the target's file system), the folder forced too, and only then hashed if the file's SHA-256 is wanted at
 * once: the header comes first and is known last, so the file's hash cannot be taken while writing (its audio data's
 * is, by {@link ProgressiveStereo}). Reading the file back is cheap while it is in the page cache (at 1,000
 * five-minute calls here it partly was not: docs/performance.md, "Series BH"); the hash is not: SHA-256
 * (the JDK's, with the CPU's SHA instructions) takes 9.4 ms of CPU for the 9.6 MB of a 5-minute call here, about
 * 0.1 s for an hour, so 50 ends a second of 5-minute calls cost 0.5 cores in hashing alone, all at the calls' ends
 * (docs/performance.md, "Series X"); {@code recorder.file-sha256=after-completion} moves it after the completion.
 */
final class WorkFile {

    static final int HEADER_BYTES = WavHeader.LENGTH;
    static final int BYTES_PER_FRAME = 4;

    private static final Logger LOG = Logger.getLogger(WorkFile.class.getName());
    /**
     * Written a mixing block at a time (8,192 frames, {@code ProgressiveStereo}): a pass over a call in progress
     * writes about five seconds (160 KiB at 8 kHz) in five writes.
     */
    private static final int WRITE_BYTES = 1 << 15;

    private final Path path;
    /** Moved into place by {@link #finish}: nothing is left to delete (a delete would only fail to find it). */
    private volatile boolean moved;
    /**
     * {@link #create} was tried: before it there is nothing to delete (work files of an earlier start are gone with
     * the folder's emptying), and a delete would only fail to find it, building an exception inside the JDK: a short
     * call's recording is assembled in full, its work file never made, and spoilt and retired both.
     */
    private volatile boolean created;

    WorkFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Whether the file holds exactly {@code frames} frames after its header space. */
    boolean holds(long frames) throws IOException {
        return Files.isRegularFile(path) && Files.size(path) == HEADER_BYTES + frames * BYTES_PER_FRAME;
    }

    /** Starts the file empty (an older one of the same name, left by nothing that can still use it, goes). */
    void create() throws IOException {
        created = true; // before the open: a file it makes stays to be deleted, even if writing then fails
        folderFor(path.getParent());
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            file.write(ByteBuffer.allocate(HEADER_BYTES), 0);
        }
    }

    /** Writes {@code frames}' bytes at frame {@code atFrame}. */
    void append(InputStream frames, long atFrame) throws IOException {
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE)) {
            write(file, frames, HEADER_BYTES + atFrame * BYTES_PER_FRAME);
        }
    }

    /**
     * Appends the last frames at {@code atFrame}, writes the header for {@code frames} frames at {@code sampleRate},
     * forces the file, moves it to {@code target} and forces its folder.
     *
     * @param sha256 whether to read the file back for its SHA-256
     * @return the SHA-256 of the file as it now is at {@code target}, or {@code null} without {@code sha256}
     */
    String finish(InputStream tail, long atFrame, long frames, int sampleRate, Path target, boolean sha256)
            throws IOException {
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE)) {
            write(file, tail, HEADER_BYTES + atFrame * BYTES_PER_FRAME);
            ByteBuffer header = header(frames, sampleRate);
            while (header.hasRemaining()) {
                file.write(header, header.position());
            }
            file.force(true);
        }
        Path folder = target.toAbsolutePath().getParent();
        folderFor(folder);
        Files.move(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        moved = true;
        forceFolder(folder);
        return sha256 ? StereoAssembly.sha256Of(target) : null;
    }

    /**
     * Makes the folder unless it is there: {@code Files.createDirectories} tries {@code mkdir} first and builds an
     * exception when the folder exists, which it nearly always does here (a recording's every pass and end).
     */
    static void folderFor(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
        }
    }

    void delete() {
        if (moved || !created) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete the work file " + path, e);
        }
    }

    private static void write(FileChannel file, InputStream from, long position) throws IOException {
        byte[] buffer = new byte[WRITE_BYTES];
        long at = position;
        int read;
        while ((read = from.readNBytes(buffer, 0, buffer.length)) > 0) {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
            while (bytes.hasRemaining()) {
                at += file.write(bytes, at);
            }
        }
    }

    static ByteBuffer header(long frames, int sampleRate) {
        return WavHeader.put(ByteBuffer.allocate(HEADER_BYTES), 2, sampleRate, frames * BYTES_PER_FRAME);
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
