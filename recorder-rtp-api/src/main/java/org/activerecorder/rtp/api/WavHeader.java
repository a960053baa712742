package org.activerecorder.rtp.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 44-byte canonical header of the recorder's WAV files (16-bit little-endian PCM): the format the adapter writes
 * each stream's file in and the recorder writes the stereo recording in. Written by hand because it must be
 * rewritten in place as a file grows (no library writes a header for data not yet known), into a buffer the caller
 * may reuse, so that the adapter's per-batch rewrite allocates nothing.
 */
public final class WavHeader {

    /** Bytes before the first sample. */
    public static final int LENGTH = 44;
    /** The RIFF size field is 32 bits and counts 36 header bytes besides the data. */
    public static final long MAX_DATA_BYTES = 0xFFFFFFFFL - 36;

    private WavHeader() {
    }

    /**
     * Puts the header of a file of {@code dataBytes} of {@code channels}-channel 16-bit PCM at {@code sampleRate} into
     * {@code into} (cleared first, flipped after, little-endian).
     */
    public static ByteBuffer put(ByteBuffer into, int channels, int sampleRate, long dataBytes) {
        int frameBytes = 2 * channels;
        into.clear().order(ByteOrder.LITTLE_ENDIAN);
        into.put((byte) 'R').put((byte) 'I').put((byte) 'F').put((byte) 'F');
        into.putInt((int) (36 + dataBytes));
        into.put((byte) 'W').put((byte) 'A').put((byte) 'V').put((byte) 'E');
        into.put((byte) 'f').put((byte) 'm').put((byte) 't').put((byte) ' ');
        into.putInt(16);                               // fmt chunk size
        into.putShort((short) 1);                      // PCM
        into.putShort((short) channels);
        into.putInt(sampleRate);
        into.putInt(sampleRate * frameBytes);          // byte rate
        into.putShort((short) frameBytes);             // block align
        into.putShort((short) 16);                     // bits per sample
        into.put((byte) 'd').put((byte) 'a').put((byte) 't').put((byte) 'a');
        into.putInt((int) dataBytes);
        return into.flip();
    }
}
