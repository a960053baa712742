package org.activerecorder.rtp.adapter.pipeline;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The file one stream is recorded into, as the receive side sees it: a {@link SampleSink} that can be finished
 * ({@link #close()}) or thrown away ({@link #discard()}). {@link WavFile} is the one in use; tests put a failing
 * one in its place to prove a write failure ends only its own stream.
 */
public interface StreamFile extends SampleSink, Closeable {

    Path path();

    /** Samples in the file so far. */
    long samplesWritten();

    /** Finishes the file (final header); closing again does nothing. */
    @Override
    void close() throws IOException;

    /** Closes and deletes the file; for a stream whose opening failed. Never throws. */
    void discard();
}
