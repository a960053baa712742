package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.pipeline.StreamFile;
import org.activerecorder.rtp.adapter.pipeline.WavFile;

import java.io.IOException;
import java.nio.file.Path;

/** Creates the file a stream is recorded into; {@link #WAV} in production, a failing one in tests. */
@FunctionalInterface
interface StreamFileFactory {

    StreamFileFactory WAV = WavFile::create;

    /** @throws IOException when the file cannot be created (it exists, or its folder cannot be made) */
    StreamFile create(Path path, int sampleRate) throws IOException;
}
