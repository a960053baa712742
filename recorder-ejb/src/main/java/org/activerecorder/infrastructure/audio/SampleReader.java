package org.activerecorder.infrastructure.audio;

import java.io.Closeable;
import java.io.IOException;

/** Mono 16-bit samples read front to back, a block at a time. */
interface SampleReader extends Closeable {

    /** Reads up to {@code count} samples into {@code into[0..)}; fewer only at the end. */
    int read(short[] into, int count) throws IOException;
}
