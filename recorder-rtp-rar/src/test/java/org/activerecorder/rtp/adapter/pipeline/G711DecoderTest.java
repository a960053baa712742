package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.rtp.api.AudioCodec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class G711DecoderTest {

    /**
     * ITU-T G.711 reference points, scaled to 16 bits (mu-law x4, A-law x8): the two zeros of mu-law, its full
     * scale 8031 (x4 = 32124) and its smallest step 30 (x4 = 120, code 0xF0 / 0x70).
     */
    @Test
    void muLawMatchesTheG711ReferenceValues() {
        assertEquals(0, G711Decoder.PCMU.decode(0xFF));
        assertEquals(0, G711Decoder.PCMU.decode(0x7F));
        assertEquals(32124, G711Decoder.PCMU.decode(0x80));
        assertEquals(-32124, G711Decoder.PCMU.decode(0x00));
        assertEquals(120, G711Decoder.PCMU.decode(0xF0));
        assertEquals(-120, G711Decoder.PCMU.decode(0x70));
    }

    /** A-law reference points: the smallest magnitude 1 (x8 = 8) and full scale 4032 (x8 = 32256). */
    @Test
    void aLawMatchesTheG711ReferenceValues() {
        assertEquals(8, G711Decoder.PCMA.decode(0xD5));
        assertEquals(-8, G711Decoder.PCMA.decode(0x55));
        assertEquals(32256, G711Decoder.PCMA.decode(0xAA));
        assertEquals(-32256, G711Decoder.PCMA.decode(0x2A));
        // first step of segment 1: 33 in 13-bit units (x8 = 264)
        assertEquals(264, G711Decoder.PCMA.decode(0x10 ^ 0x80 ^ 0x55));
    }

    @Test
    void everyCodeDecodesAsTheJdkCodecDecodesIt() {
        byte[] allCodes = new byte[256];
        for (int code = 0; code < 256; code++) {
            allCodes[code] = (byte) code;
        }
        assertArrayEquals(ToneSource.decodeWithJdk(allCodes, true), decodeAll(G711Decoder.PCMU, allCodes));
        assertArrayEquals(ToneSource.decodeWithJdk(allCodes, false), decodeAll(G711Decoder.PCMA, allCodes));
    }

    @Test
    void theTablesAreSymmetricAndMonotonic() {
        for (G711Decoder decoder : G711Decoder.values()) {
            for (int code = 0; code < 256; code++) {
                assertEquals(-decoder.decode(code), decoder.decode(code ^ 0x80), decoder + " sign symmetry at " + code);
            }
        }
        // mu-law: magnitude grows as the (inverted) positive code goes from 0xFF down to 0x80
        for (int code = 0xFF; code > 0x80; code--) {
            assertTrue(G711Decoder.PCMU.decode(code - 1) > G711Decoder.PCMU.decode(code));
        }
        // A-law: after removing the even-bit inversion, magnitude grows with the code
        for (int value = 0x80; value < 0xFF; value++) {
            assertTrue(G711Decoder.PCMA.decode((value + 1) ^ 0x55) > G711Decoder.PCMA.decode(value ^ 0x55));
        }
    }

    @Test
    void decodesAPayloadInPlaceFromAnAbsoluteOffset() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 9, (byte) 0x80, (byte) 0xFF, 0x00, 9});
        short[] target = new short[3];

        G711Decoder.PCMU.decode(buffer, 2, 3, target);

        assertArrayEquals(new short[] {32124, 0, -32124}, target);
    }

    /**
     * The decoder reads eight code words at a time where it can: every code at every place of those eight, from a
     * datagram buffer (direct) of either byte order, at offsets and lengths that are not multiples of eight, decodes as
     * the one-code lookup does, and nothing outside the payload is read or written.
     */
    @Test
    void decodesEveryCodeAtEveryPlaceOfAPayloadOfAnyLengthAndOffset() {
        for (G711Decoder decoder : G711Decoder.values()) {
            for (java.nio.ByteOrder order : new java.nio.ByteOrder[] {java.nio.ByteOrder.BIG_ENDIAN,
                    java.nio.ByteOrder.LITTLE_ENDIAN}) {
                for (int offset : new int[] {0, 1, 7, 12}) {
                    for (int length : new int[] {0, 1, 7, 8, 9, 160, 263}) {
                        ByteBuffer datagram = ByteBuffer.allocateDirect(offset + length + 3).order(order);
                        byte[] codes = new byte[length];
                        for (int i = 0; i < length; i++) {
                            codes[i] = (byte) (i * 37 + offset);
                        }
                        datagram.put(offset, codes);
                        short[] target = new short[length + 2];
                        java.util.Arrays.fill(target, (short) 12345);

                        assertEquals(length, decoder.decode(datagram, offset, length, target));

                        for (int i = 0; i < length; i++) {
                            assertEquals(decoder.decode(codes[i]), target[i],
                                    decoder + " " + order + " offset " + offset + " length " + length + " at " + i);
                        }
                        assertEquals(12345, target[length], "nothing written past the payload");
                    }
                }
            }
        }
    }

    @Test
    void mapsTheContractsCodecs() {
        assertSame(G711Decoder.PCMU, G711Decoder.of(AudioCodec.PCMU));
        assertSame(G711Decoder.PCMA, G711Decoder.of(AudioCodec.PCMA));
    }

    private static short[] decodeAll(G711Decoder decoder, byte[] codes) {
        short[] pcm = new short[codes.length];
        decoder.decode(ByteBuffer.wrap(codes), 0, codes.length, pcm);
        return pcm;
    }
}
