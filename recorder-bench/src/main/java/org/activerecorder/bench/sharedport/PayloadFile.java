package org.activerecorder.bench.sharedport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One stream's payload file, written exactly as the anchor {@code FloorNio.java} writes it (a 16 KiB direct buffer
 * per stream, flushed to the stream's {@code FileChannel} when full), plus the same RFC 3550 sequence accounting:
 * the shared-port variants then differ from the anchor only in how packets reach this class.
 */
final class PayloadFile {

    static final int BUFFER = 16 * 1024;

    private final FileChannel out;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    private long packets;
    private long bytes;
    private boolean started;
    private int maxSeq;
    private long baseExtended;
    private long maxExtended;
    private long cycles;

    PayloadFile(Path path) throws IOException {
        out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Counts a packet of {@code length} bytes with sequence number {@code seq}. */
    void count(int seq, int length) {
        if (!started) {
            started = true;
            maxSeq = seq;
            baseExtended = seq;
            maxExtended = seq;
        } else {
            int delta = (seq - maxSeq) & 0xffff;
            if (delta < 0x8000) {
                if (seq < maxSeq) {
                    cycles += 65536;
                }
                maxSeq = seq;
                maxExtended = cycles + seq;
            }
        }
        packets++;
        bytes += length;
    }

    /** The write buffer with room for {@code length} more bytes (flushed first when it has not). */
    ByteBuffer room(int length) throws IOException {
        if (buffer.remaining() < length) {
            flush();
        }
        return buffer;
    }

    void close() throws IOException {
        flush();
        out.close();
    }

    boolean started() {
        return started;
    }

    long packets() {
        return packets;
    }

    long bytes() {
        return bytes;
    }

    /** Packets the sequence numbers say were sent, first to highest. */
    long expected() {
        return maxExtended - baseExtended + 1;
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }
}
