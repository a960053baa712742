package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.pipeline.WavFile;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A real WAV file whose appends start failing after a number of them: with an {@link IOException}, like a disk that
 * fills up, or with a {@link RuntimeException}, like a bug in the media path.
 */
final class FailingFile extends ForwardingFile {

    private final boolean bug;
    private int appendsLeft;

    private FailingFile(WavFile file, int appendsBeforeFailing, boolean bug) {
        super(file);
        this.appendsLeft = appendsBeforeFailing;
        this.bug = bug;
    }

    /** A factory whose files fail (disk full) for paths whose name starts with {@code prefix}. */
    static StreamFileFactory failingFor(String prefix, int appendsBeforeFailing) {
        return factory(prefix, appendsBeforeFailing, false);
    }

    /** A factory whose files throw an unchecked exception (a bug) for paths whose name starts with {@code prefix}. */
    static StreamFileFactory breakingFor(String prefix, int appendsBeforeFailing) {
        return factory(prefix, appendsBeforeFailing, true);
    }

    private static StreamFileFactory factory(String prefix, int appendsBeforeFailing, boolean bug) {
        return (path, rate) -> {
            WavFile wav = WavFile.create(path, rate);
            return path.getFileName().toString().startsWith(prefix)
                    ? new FailingFile(wav, appendsBeforeFailing, bug) : wav;
        };
    }

    @Override
    public void append(ByteBuffer samples) throws IOException {
        if (appendsLeft-- <= 0) {
            if (bug) {
                throw new IllegalArgumentException("newLimit > capacity (test: a bug in the media path)");
            }
            throw new IOException("No space left on device (test)");
        }
        super.append(samples);
    }
}
