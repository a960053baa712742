package org.activerecorder.rtp.adapter.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimestampPositionerTest {

    private final TimestampPositioner positioner = new TimestampPositioner();

    @Test
    void positionIsTheDistanceFromTheFirstTimestamp() {
        positioner.anchor(1_000, 0);

        assertEquals(0, positioner.position(1_000));
        assertEquals(160, positioner.position(1_160));
        assertEquals(-160, positioner.position(840), "a packet stamped before the first lands before sample 0");
    }

    @Test
    void handlesTheWrapAtTwoToTheThirtyTwo() {
        positioner.anchor(0xFFFF_FF00L, 0);

        assertEquals(0x100 + 0x60, positioner.position(0x0000_0060L));
    }

    @Test
    void keepsCountingPastFourBillionSamples() {
        positioner.anchor(0, 0);
        long step = 1L << 30;
        long timestamp = 0;
        for (int i = 1; i <= 10; i++) {
            timestamp = (timestamp + step) & 0xFFFF_FFFFL;
            long position = positioner.position(timestamp);
            assertEquals(i * step, position);
            positioner.accepted(timestamp, position);
        }
    }

    @Test
    void onlyANewerPacketMovesTheReference() {
        positioner.anchor(0, 0);
        positioner.accepted(3_200, 3_200);
        positioner.accepted(1_600, 1_600); // a reordered packet

        assertEquals(3_360, positioner.position(3_360));
        assertEquals(1_440, positioner.position(1_440));
    }

    @Test
    void reanchoringMapsANewTimestampBaseToTheGivenPosition() {
        positioner.anchor(5_000, 0);
        positioner.accepted(5_160, 160);

        positioner.anchor(0xABCD_0000L, 8_000);

        assertEquals(8_000, positioner.position(0xABCD_0000L));
        assertEquals(8_160, positioner.position(0xABCD_00A0L));
    }
}
