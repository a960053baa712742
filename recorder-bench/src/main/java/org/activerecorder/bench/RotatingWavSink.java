package org.activerecorder.bench;

import org.activerecorder.rtp.adapter.pipeline.SampleSink;
import org.activerecorder.rtp.adapter.pipeline.WavFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The adapter's real {@link WavFile} behind the pipeline, started afresh every 64 MiB: a benchmark pushes millions
 * of packets a second, and without the rotation it would fill the disk (and the page cache) with one stream's
 * hours. A rotation (close, delete, create) costs one file's creation per 200,000 packets: noise in ns/packet.
 */
final class RotatingWavSink implements SampleSink, AutoCloseable {

    private static final long ROTATE_BYTES = 64L << 20;

    private final Path folder;
    private WavFile file;
    private int files;

    RotatingWavSink(Path folder) {
        this.folder = folder;
        this.file = create();
    }

    private WavFile create() {
        try {
            return WavFile.create(folder.resolve("stream-" + files++ + ".wav"), 8000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void append(ByteBuffer samples) throws IOException {
        if (file.samplesWritten() * 2 > ROTATE_BYTES) {
            close();
            file = create();
        }
        file.append(samples);
    }

    @Override
    public void skip(long samples) throws IOException {
        file.skip(samples);
    }

    @Override
    public void commit() throws IOException {
        file.commit();
    }

    @Override
    public void close() throws IOException {
        file.close();
        Files.deleteIfExists(file.path());
    }
}
