package org.activerecorder.rtp.adapter.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where the {@link AudioWindow} flushes finished audio: 16-bit little-endian mono samples, in order.
 * {@link WavFile} is the real one; tests use an in-memory sink or one that fails.
 */
public interface SampleSink {

    /** Appends the samples between the buffer's position and limit, consuming all of them. */
    void append(ByteBuffer samples) throws IOException;

    /**
     * Appends the samples of {@code first}, then those of {@code second}, consuming all of them: a flush of the
     * {@link AudioWindow}'s ring where it wraps. {@link WavFile} writes both with one gathering system call; this
     * default appends one after the other.
     */
    default void append(ByteBuffer first, ByteBuffer second) throws IOException {
        append(first);
        append(second);
    }

    /**
     * Moves the write position {@code samples} ahead without writing: those samples read as silence (a sparse region
     * of the file), so a long gap costs neither memory nor writing time. The file's size covers them at the next
     * {@link #commit()}.
     */
    void skip(long samples) throws IOException;

    /**
     * Makes the file hold everything appended and skipped so far, up to its size: a reader, or crash recovery, takes
     * the stream's length from it (called once per flush).
     */
    void commit() throws IOException;
}
