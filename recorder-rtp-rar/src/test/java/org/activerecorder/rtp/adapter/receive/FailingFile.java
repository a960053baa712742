package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.pipeline.StreamFile;
import org.activerecorder.rtp.adapter.pipeline.WavFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A real WAV file whose appends start failing after a number of them, like a disk that fills up. */
final class FailingFile implements StreamFile {

    private final WavFile file;
    private int appendsLeft;

    private FailingFile(WavFile file, int appendsBeforeFailing) {
        this.file = file;
        this.appendsLeft = appendsBeforeFailing;
    }

    /** A factory whose files fail for paths whose name starts with {@code failing}. */
    static StreamFileFactory failingFor(String prefix, int appendsBeforeFailing) {
        return (path, rate) -> {
            WavFile wav = WavFile.create(path, rate);
            return path.getFileName().toString().startsWith(prefix) ? new FailingFile(wav, appendsBeforeFailing) : wav;
        };
    }

    @Override
    public void append(ByteBuffer samples) throws IOException {
        if (appendsLeft-- <= 0) {
            throw new IOException("No space left on device (test)");
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
