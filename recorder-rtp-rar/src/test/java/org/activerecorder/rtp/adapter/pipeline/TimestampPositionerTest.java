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
    void ticksOfAnRtpClockSlowerOrFasterThanTheAudioBecomeSamplesOfTheFile() {
        TimestampPositioner g722 = new TimestampPositioner(8_000, 16_000);
        g722.anchor(0xFFFF_FF60L, 0); // wraps at the next packet
        assertEquals(320, g722.position(0x0000_0000L), "160 ticks of G.722's 8000 Hz clock are 320 samples");
        assertEquals(-320, g722.position(0xFFFF_FEC0L));
        assertEquals(2 * 65_535, g722.samples(65_535), "a telephone event's longest duration");

        TimestampPositioner opus = new TimestampPositioner(48_000, 16_000);
        opus.anchor(0xFFFF_FC40L, 1_000);
        assertEquals(1_320, opus.position(0x0000_0000L), "960 ticks of a 48000 Hz clock are 320 samples at 16 kHz");
        assertEquals(1_000 - 320, opus.position(0xFFFF_F880L));
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
