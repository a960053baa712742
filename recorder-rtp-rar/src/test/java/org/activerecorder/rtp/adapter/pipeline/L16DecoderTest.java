package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.testsupport.Goertzel;
import org.activerecorder.testsupport.ToneSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** L16: network byte order in, the very samples out, at any rate; an odd payload is malformed. */
class L16DecoderTest {

    @Test
    void aToneAt16kHzComesOutSampleForSampleWithItsFrequencyAndLength() {
        short[] tone = ToneSource.linear(6_000, 320, 16_000); // 20 ms above narrowband
        ByteBuffer datagram = ByteBuffer.allocate(12 + 640);
        datagram.position(12);
        for (short sample : tone) {
            datagram.putShort(sample); // big-endian, as on the wire
        }
        short[] out = new short[320];

        assertEquals(320, L16Decoder.INSTANCE.samples(datagram, 12, 640));
        assertEquals(320, L16Decoder.INSTANCE.decode(datagram, 12, 640, out));
        assertArrayEquals(tone, out);
        assertEquals(6_000, Goertzel.dominant(out, 0, 320, 16_000, 100, 7_900, 50), 50);
    }

    @Test
    void anOddPayloadIsNoL16() {
        assertEquals(0, L16Decoder.INSTANCE.samples(ByteBuffer.allocate(21), 0, 21));
    }
}
