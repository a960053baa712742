package org.activerecorder.infrastructure.audio;

import org.activerecorder.rtp.api.WavHeader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * The samples of a mono 16-bit little-endian WAV file with the recorder's canonical 44-byte header, read with
 * positional reads from a sample on: a stream file still being written is read where a work file left off, without
 * reading what is already mixed. Past the file's end there is nothing (fewer samples, as {@link PcmReader} gives).
 * The channel belongs to the caller.
 */
final class FileSamples implements SampleReader {

    /** The adapter's stream files have the canonical header: 44 bytes, then the samples. */
    static final int HEADER_BYTES = WavHeader.LENGTH;

    private static final int BYTES_PER_SAMPLE = 2;

    private final FileChannel file;
    /** Sized to the largest block asked for. */
    private ByteBuffer bytes = ByteBuffer.allocate(0);
    private long position;

    FileSamples(FileChannel file, long firstSample) {
        this.file = file;
        this.position = HEADER_BYTES + firstSample * BYTES_PER_SAMPLE;
    }

    /** Samples from the header's end to the end of a file of {@code bytes}: in a stream file being written, all final. */
    static long samplesIn(long bytes) {
        return Math.max(0, (bytes - HEADER_BYTES) / BYTES_PER_SAMPLE);
    }

    @Override
    public int read(short[] into, int count) throws IOException {
        if (bytes.capacity() < count * BYTES_PER_SAMPLE) {
            bytes = ByteBuffer.allocate(count * BYTES_PER_SAMPLE).order(ByteOrder.LITTLE_ENDIAN);
        }
        bytes.clear().limit(count * BYTES_PER_SAMPLE);
        while (bytes.hasRemaining()) {
            if (file.read(bytes, position + bytes.position()) < 0) {
                break;
            }
        }
        int samples = bytes.position() / BYTES_PER_SAMPLE;
        bytes.flip();
        // one bulk copy (the view is little-endian, as the file): a sample at a time cost more than the read itself
        bytes.asShortBuffer().get(into, 0, samples);
        position += (long) samples * BYTES_PER_SAMPLE;
        return samples;
    }

    @Override
    public void close() {
        // the channel is closed by its owner
    }
}
