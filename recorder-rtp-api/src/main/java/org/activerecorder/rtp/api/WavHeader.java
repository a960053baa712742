package org.activerecorder.rtp.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * The 44-byte canonical header of the recorder's WAV files (16-bit little-endian PCM): the format the adapter writes
 * each stream's file in and the recorder writes the stereo recording in. Written by hand because it must be
 * written for data not yet known and rewritten in place when a file is finished or repaired (no library does),
 * into a buffer the caller may reuse, so that writing it allocates nothing.
 */
public final class WavHeader {

    /** Bytes before the first sample. */
    public static final int LENGTH = 44;
    /** The RIFF size field is 32 bits and counts 36 header bytes besides the data. */
    public static final long MAX_DATA_BYTES = 0xFFFFFFFFL - 36;

    private WavHeader() {
    }

    /**
     * What a header in the canonical layout says: {@code channels} of {@code bitsPerSample}-bit PCM at
     * {@code sampleRate}, {@code dataBytes} of samples after it (as the header says: a file cut short holds fewer).
     */
    public record Canonical(int channels, int sampleRate, int bitsPerSample, long dataBytes) {

        /**
         * The data bytes of a file of {@code fileBytes} with this header, for the adapter's stream files, which hold
         * nothing after their samples and get their final header only when they close: a file the process left open
         * (a crash, a close whose write failed) holds more than its header says, and all of it is audio; a file cut
         * short holds less, and reads as silence up to the header's length. So the larger of the two, in whole
         * frames.
         */
        public long dataBytesIn(long fileBytes) {
            int frameBytes = channels * bitsPerSample / 8;
            long held = Math.max(0, fileBytes - LENGTH);
            return Math.max(dataBytes, frameBytes <= 0 ? 0 : Math.min(held - held % frameBytes, MAX_DATA_BYTES));
        }
    }

    /**
     * Reads the first {@link #LENGTH} bytes of a file as the canonical header {@link #put} writes: RIFF, WAVE, a
     * 16-byte PCM {@code fmt } chunk right after, then {@code data}.
     *
     * @param first the file's first bytes, read from position 0 (little-endian is set; its position is not moved)
     * @return what it says, or {@code null} if the bytes are not in that layout (another WAV layout, or no WAV): a
     *         general reader must then judge the file
     */
    public static Canonical canonical(ByteBuffer first) {
        ByteBuffer b = first.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int at = b.position();
        if (b.remaining() < LENGTH || !tag(b, at, "RIFF") || !tag(b, at + 8, "WAVE") || !tag(b, at + 12, "fmt ")
                || b.getInt(at + 16) != 16 || b.getShort(at + 20) != 1 || !tag(b, at + 36, "data")) {
            return null;
        }
        int channels = b.getShort(at + 22);
        int sampleRate = b.getInt(at + 24);
        int bits = b.getShort(at + 34);
        if (channels <= 0 || sampleRate <= 0 || bits <= 0) {
            return null;
        }
        return new Canonical(channels, sampleRate, bits, Integer.toUnsignedLong(b.getInt(at + 40)));
    }

    /**
     * Reads the first {@link #LENGTH} bytes of {@code file} (positional reads: its position is not moved) as
     * {@link #canonical} does.
     *
     * @return what the header says, or {@code null} if the file is shorter than a header or not in that layout
     */
    public static Canonical read(FileChannel file) throws IOException {
        ByteBuffer first = ByteBuffer.allocate(LENGTH);
        while (first.hasRemaining() && file.read(first, first.position()) >= 0) {
            // a local file: reads until the header is in or the file ends
        }
        return first.hasRemaining() ? null : canonical(first.flip());
    }

    private static boolean tag(ByteBuffer b, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            if (b.get(at + i) != tag.charAt(i)) {
                return false;
            }
        }
        return true;
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
