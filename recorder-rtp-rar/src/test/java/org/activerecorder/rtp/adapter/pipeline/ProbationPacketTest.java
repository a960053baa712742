package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.adapter.pipeline.ProbationPacket.Dropped;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packet on sequence probation: kept as it came, handed over on a restart, or dropped as what it was. */
class ProbationPacketTest {

    private final ProbationPacket probation = new ProbationPacket();

    @Test
    void aConfirmedPacketIsHandedOverAsItCameThoughTheLoopReusedItsBuffer() {
        ByteBuffer loopBuffer = ByteBuffer.allocate(64);
        loopBuffer.put(new byte[] {1, 2, 3, 4, 5}).flip().position(1); // the datagram is bytes 2..5

        assertEquals(Dropped.NONE, probation.hold(loopBuffer, 42L, false));
        assertTrue(probation.held());
        loopBuffer.clear().put(new byte[] {9, 9, 9, 9, 9}); // the next datagram overwrites the loop's buffer

        PacketCopy released = probation.release();
        ByteBuffer datagram = released.datagram();
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(bytes);
        assertArrayEquals(new byte[] {2, 3, 4, 5}, bytes);
        assertEquals(42L, released.arrivalNanos());
        assertFalse(probation.held());
        assertEquals(Dropped.NONE, probation.drop(), "released: nothing left to drop");
    }

    @Test
    void anUnconfirmedPacketIsDroppedOnceAsLateWhenBehindAndAsAJumpWhenAhead() {
        probation.hold(datagram(), 1L, true);
        assertEquals(Dropped.LATE, probation.drop());
        assertEquals(Dropped.NONE, probation.drop(), "dropped once");

        probation.hold(datagram(), 2L, false);
        assertEquals(Dropped.JUMP, probation.drop());
        assertFalse(probation.held());
    }

    @Test
    void aNewerJumpDropsThePacketHeldBeforeIt() {
        probation.hold(datagram(), 1L, true);

        assertEquals(Dropped.LATE, probation.hold(datagram(), 2L, false), "the late one before it");
        assertEquals(2L, probation.release().arrivalNanos());
    }

    private static ByteBuffer datagram() {
        return ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 1});
    }
}
