package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.pipeline.StreamFile;
import org.activerecorder.rtp.adapter.pipeline.WavFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A real WAV file behind a stand-in that a test bends in one place (a failing append, a slow close). */
abstract class ForwardingFile implements StreamFile {

    private final WavFile file;

    ForwardingFile(WavFile file) {
        this.file = file;
    }

    @Override
    public void append(ByteBuffer samples) throws IOException {
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
    public Path path() {
        return file.path();
    }

    @Override
    public long samplesWritten() {
        return file.samplesWritten();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    @Override
    public void discard() {
        file.discard();
    }
}
