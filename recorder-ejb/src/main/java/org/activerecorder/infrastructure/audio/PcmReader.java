package org.activerecorder.infrastructure.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The samples of a mono 16-bit little-endian PCM stream (a WAV file past its header). */
final class PcmReader implements SampleReader {

    private static final int BYTES_PER_SAMPLE = 2;

    private final InputStream in;
    private byte[] bytes = new byte[0];

    PcmReader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(short[] into, int count) throws IOException {
        if (bytes.length < count * BYTES_PER_SAMPLE) {
            bytes = new byte[count * BYTES_PER_SAMPLE];
        }
        int read = in.readNBytes(bytes, 0, count * BYTES_PER_SAMPLE) / BYTES_PER_SAMPLE;
        ByteBuffer.wrap(bytes, 0, read * BYTES_PER_SAMPLE).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer()
                .get(into, 0, read);
        return read;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
