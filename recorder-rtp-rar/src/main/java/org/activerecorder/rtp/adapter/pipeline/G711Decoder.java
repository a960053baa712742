package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.AudioCodec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * G.711 decoding (ITU-T G.711, mu-law and A-law) to 16-bit linear PCM by table lookup.
 *
 * <p>Why by hand and not with {@code javax.sound.sampled}: the JDK codec works on {@code AudioInputStream}s,
 * which allocate streams and arrays per conversion, while G.711 decoding is nothing more than a lookup in a
 * 256-entry table. The tables are built once, when this class loads, from the expansion rules of the
 * standard; the unit test checks them against the G.711 reference values and against the JDK codec.
 *
 * <p>The decoded values use the conventional 16-bit scaling (14-bit mu-law shifted left by 2, 13-bit A-law
 * shifted left by 3), so full scale is 32124 for mu-law and 32256 for A-law.
 */
public enum G711Decoder implements AudioDecoder {
    /** G.711 mu-law (North America, Japan). */
    PCMU(muLawTable()),
    /** G.711 A-law (Europe and most of the rest of the world). */
    PCMA(aLawTable());

    private final short[] table;

    G711Decoder(short[] table) {
        this.table = table;
    }

    /** The decoder for a codec of the contract. */
    public static G711Decoder of(AudioCodec codec) {
        return switch (codec) {
            case PCMU -> PCMU;
            case PCMA -> PCMA;
            default -> throw new IllegalArgumentException("not a G.711 codec: " + codec);
        };
    }

    /** The linear sample of one code word (only the low 8 bits of {@code code} are used). */
    public short decode(int code) {
        return table[code & 0xFF];
    }

    /** One sample per octet; any octet is a code word. */
    @Override
    public int samples(ByteBuffer source, int offset, int length) {
        return length;
    }

    /**
     * Decodes {@code length} code words read in place from {@code source} at absolute index {@code offset}
     * into {@code target[0..length)}.
     */
    @Override
    public int decode(ByteBuffer source, int offset, int length, short[] target) {
        short[] lookup = table;
        int i = 0;
        if (source.order() == ByteOrder.BIG_ENDIAN) {
            // eight code words per read: a direct buffer checks its bounds and scope on every access, and those
            // checks, once per octet, cost more than the lookups
            for (; i + Long.BYTES <= length; i += Long.BYTES) {
                long words = source.getLong(offset + i);
                for (int k = 0; k < Long.BYTES; k++) {
                    target[i + k] = lookup[(int) (words >>> (56 - 8 * k)) & 0xFF];
                }
            }
        }
        for (; i < length; i++) {
            target[i] = lookup[source.get(offset + i) & 0xFF];
        }
        return length;
    }

    /**
     * mu-law: code words are transmitted inverted; after inversion bit 7 is the sign, bits 6-4 the segment
     * (exponent) and bits 3-0 the step within it. The magnitude is ((step * 2 + 33) << segment) - 33 in
     * 14-bit units; with the 16-bit scaling that is ((step << 3) + 132 << segment) - 132.
     */
    private static short[] muLawTable() {
        short[] table = new short[256];
        for (int code = 0; code < 256; code++) {
            int inverted = ~code & 0xFF;
            int segment = (inverted >> 4) & 0x07;
            int step = inverted & 0x0F;
            int magnitude = (((step << 3) + 132) << segment) - 132;
            table[code] = (short) ((inverted & 0x80) != 0 ? -magnitude : magnitude);
        }
        return table;
    }

    /**
     * A-law: even bits are transmitted inverted (XOR 0x55); then bit 7 set means positive, bits 6-4 are the
     * segment and bits 3-0 the step. Segment 0 is linear (step * 2 + 1 in 13-bit units), higher segments
     * double in size, each value taken at the middle of its quantisation interval.
     */
    private static short[] aLawTable() {
        short[] table = new short[256];
        for (int code = 0; code < 256; code++) {
            int value = code ^ 0x55;
            int segment = (value >> 4) & 0x07;
            int step = value & 0x0F;
            int magnitude = segment == 0
                    ? (step << 4) + 8
                    : ((step << 4) + 0x108) << (segment - 1);
            table[code] = (short) ((value & 0x80) != 0 ? magnitude : -magnitude);
        }
        return table;
    }
}
