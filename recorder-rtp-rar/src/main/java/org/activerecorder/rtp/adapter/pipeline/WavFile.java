package org.activerecorder.rtp.adapter.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.activerecorder.rtp.api.WavHeader;

/**
 * A mono 16-bit PCM WAV file written while the audio arrives.
 *
 * <p>The samples follow a 44-byte canonical header, and nothing else is ever written after them: <b>the file's size
 * says how much audio it holds</b>, whatever its header says. The header is written when the file is created (no
 * audio yet) and again by {@link #close()} with the final sizes; in between it is not rewritten. The readers of a
 * stream file take its length from its size ({@code StreamFiles}, {@code PlacedStream}, {@code ProgressiveStereo}),
 * and crash recovery writes the header of a file the process left open. Rewriting the header after every batch, as
 * this class did until series AW (docs/performance.md), was a second {@code pwrite} per batch, about 4,000 system
 * calls a second at 1,000 calls, for a guarantee the file's size gives already. If the process dies, every batch
 * written is in the file (the operating system keeps the written pages; no fsync per batch, which would cost a disk
 * flush per stream per second). {@link #close()} fsyncs, so a finished file survives a power loss before anyone is
 * told it exists. Samples are written at the channel's position, kept at the end of the audio, from the caller's
 * buffer (a flush that wraps the window's ring in one gathering write); the header is written positionally from a
 * reused buffer: writing allocates nothing.
 *
 * <p>{@link #skip} only moves the write position: the skipped stretch is a hole the file system reads as zeros and
 * need not store, so an hour of hold costs no disk writes. The next {@link #commit()} writes the hole's last sample
 * when nothing follows it, so the file's size covers the hole.
 *
 * <p>An existing file is never overwritten ({@link StandardOpenOption#CREATE_NEW}): for a recorder, silently
 * replacing an earlier recording is the worst possible failure.
 */
public final class WavFile implements StreamFile {

    /** Bytes before the first sample. */
    public static final int HEADER_LENGTH = WavHeader.LENGTH;

    private static final int BYTES_PER_SAMPLE = 2;
    private static final long MAX_DATA_BYTES = WavHeader.MAX_DATA_BYTES;

    private final Path path;
    private final FileChannel channel;
    private final int sampleRate;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer[] gather = new ByteBuffer[2];
    /** The channel's position as this class left it: where an append writes without a seek. */
    private long channelPosition;
    private long dataBytes;
    /** Data bytes really written: less than {@link #dataBytes} right after a skip to the end. */
    private long writtenBytes;
    private boolean closed;

    private WavFile(Path path, FileChannel channel, int sampleRate) {
        this.path = path;
        this.channel = channel;
        this.sampleRate = sampleRate;
    }

    /**
     * Creates the file (and its missing parent folders) with an empty but valid WAV header.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the file exists
     */
    public static WavFile create(Path path, int sampleRate) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            // not createDirectories alone: it tries mkdir first and builds an exception when the folder exists
            Files.createDirectories(parent);
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        WavFile file = new WavFile(path, channel, sampleRate);
        try {
            file.writeHeader();
        } catch (IOException e) {
            channel.close();
            Files.deleteIfExists(path);
            throw e;
        }
        return file;
    }

    @Override
    public void append(ByteBuffer samples) throws IOException {
        checkRoomFor(samples.remaining());
        moveToEnd();
        while (samples.hasRemaining()) {
            dataBytes += channel.write(samples);
        }
        appended();
    }

    /**
     * Both buffers with one gathering write ({@code writev}): the flush of a ring that wraps is one system call, not
     * two. The JDK has no positional gathering write, so the samples are written at the channel's own position, which
     * this class keeps at the end of the audio ({@link #moveToEnd}).
     */
    @Override
    public void append(ByteBuffer first, ByteBuffer second) throws IOException {
        checkRoomFor((long) first.remaining() + second.remaining());
        moveToEnd();
        gather[0] = first;
        gather[1] = second;
        try {
            while (first.hasRemaining() || second.hasRemaining()) {
                dataBytes += channel.write(gather);
            }
        } finally {
            gather[0] = null;
            gather[1] = null;
        }
        appended();
    }

    private void checkRoomFor(long bytes) throws IOException {
        if (dataBytes + bytes > MAX_DATA_BYTES) {
            throw new IOException("WAV size limit (4 GiB) reached: " + path);
        }
    }

    /**
     * Samples are written at the channel's position, the end of what was appended, so a batch right behind the last
     * costs no seek; only after a {@link #skip} (a hole) does the position move, with an {@code lseek}. The header
     * and {@link #commit()}'s sample are written positionally, which leaves the channel's position where it was.
     */
    private void moveToEnd() throws IOException {
        long end = HEADER_LENGTH + dataBytes;
        if (channelPosition != end) {
            channel.position(end);
            channelPosition = end;
        }
    }

    private void appended() {
        channelPosition = HEADER_LENGTH + dataBytes;
        writtenBytes = dataBytes;
    }

    /** Leaves a hole: the file system reads it as zeros (silence) and need not store it. */
    @Override
    public void skip(long samples) throws IOException {
        long bytes = samples * BYTES_PER_SAMPLE;
        if (samples < 0 || dataBytes + bytes > MAX_DATA_BYTES) {
            throw new IOException("WAV size limit (4 GiB) reached: " + path);
        }
        dataBytes += bytes;
    }

    /**
     * Makes the file's size cover everything appended and skipped so far: after a skip that reached the end, writes
     * the hole's last sample. The header is not rewritten (the size is what a reader takes the length from).
     */
    @Override
    public void commit() throws IOException {
        if (writtenBytes < dataBytes) {
            header.clear();
            header.putShort((short) 0).flip();
            while (header.hasRemaining()) {
                channel.write(header, HEADER_LENGTH + dataBytes - BYTES_PER_SAMPLE + header.position());
            }
            writtenBytes = dataBytes;
        }
    }

    private void writeHeader() throws IOException {
        WavHeader.put(header, 1, sampleRate, dataBytes);
        long position = 0;
        while (header.hasRemaining()) {
            position += channel.write(header, position);
        }
    }

    @Override
    public long samplesWritten() {
        return dataBytes / BYTES_PER_SAMPLE;
    }

    @Override
    public Path path() {
        return path;
    }

    /** Writes the final header, forces the file to disk and closes it; closing again does nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            commit();
            writeHeader();
            channel.force(true);
        } finally {
            channel.close();
        }
    }

    /** Closes and removes the file: for a stream whose opening failed before any audio was due. */
    @Override
    public void discard() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next; nothing was recorded in it
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // an empty header-only file is harmless
        }
    }
}
