package org.activerecorder.interfaces.live;

import org.activerecorder.application.live.LiveListening;
import org.activerecorder.application.live.SampleRing;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveFramesTest {

    private static final LiveListening.Heard RIGHT = new LiveListening.Heard(1, LiveListening.Side.RIGHT, "s-2",
            "5551234", 16_000, SampleRing.holding(16_000, 100));

    @Test
    void aRunIsTheDocumentedHeaderThenLittleEndianSamples() {
        ByteBuffer frame = LiveFrames.encode(new LiveListening.Frame(RIGHT, 0x1_0000_0002L, -1_500,
                new short[] {1, -2, 0x1234}));

        assertEquals(LiveFrames.HEADER_BYTES + 6, frame.remaining());
        frame.order(ByteOrder.BIG_ENDIAN); // the header's order, whatever the buffer was left in
        assertEquals(2, frame.get(), "version");
        assertEquals(1, frame.get(), "the stream's index");
        assertEquals(0, frame.getShort(), "reserved");
        assertEquals(16_000, frame.getInt());
        assertEquals(0x1_0000_0002L, frame.getLong(), "position, big-endian");
        assertEquals(-1_500, frame.getLong(), "placed 1.5 ms before the listening began: signed");
        frame.order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(List.of((short) 1, (short) -2, (short) 0x1234),
                List.of(frame.getShort(), frame.getShort(), frame.getShort()));
    }
}
