package org.activerecorder.rtp.adapter.packet;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtpPacketViewTest {

    private final RtpPacketView view = new RtpPacketView();

    @Test
    void readsTheFixedHeaderAsUnsignedValues() {
        ByteBuffer packet = rtp().marker(true).payloadType(8).sequence(0xFFFF).timestamp(0xFFFFFFFFL)
                .ssrc(0xDEADBEEFL).payload(new byte[160]).buffer();

        assertEquals(RtpVerdict.VALID, view.parse(packet));
        assertTrue(view.marker());
        assertEquals(8, view.payloadType());
        assertEquals(0xFFFF, view.sequenceNumber());
        assertEquals(0xFFFFFFFFL, view.timestamp());
        assertEquals(0xDEADBEEFL, view.ssrc());
        assertEquals(12, view.payloadOffset());
        assertEquals(160, view.payloadLength());
    }

    @Test
    void skipsTheCsrcList() {
        ByteBuffer packet = rtp().csrcs(1, 2, 3).payload(new byte[20]).buffer();

        assertEquals(RtpVerdict.VALID, view.parse(packet));
        assertEquals(3, view.csrcCount());
        assertEquals(12 + 12, view.payloadOffset());
        assertEquals(20, view.payloadLength());
    }

    @Test
    void skipsTheHeaderExtensionAfterTheCsrcs() {
        ByteBuffer packet = rtp().csrcs(7).extension(2).payload(new byte[20]).buffer();

        assertEquals(RtpVerdict.VALID, view.parse(packet));
        assertTrue(view.hasExtension());
        assertEquals(12 + 4 + 4 + 8, view.payloadOffset());
        assertEquals(20, view.payloadLength());
    }

    @Test
    void leavesThePaddingOutOfThePayload() {
        ByteBuffer packet = rtp().payload(new byte[160]).padding(4).buffer();

        assertEquals(RtpVerdict.VALID, view.parse(packet));
        assertEquals(4, view.paddingLength());
        assertEquals(160, view.payloadLength());
    }

    @Test
    void readsFromTheBufferPositionAndGivesAnAbsolutePayloadOffset() {
        byte[] packet = rtp().sequence(42).payload(new byte[] {1, 2, 3}).bytes();
        ByteBuffer buffer = ByteBuffer.allocate(100);
        buffer.position(30);
        buffer.put(packet).flip().position(30);

        assertEquals(RtpVerdict.VALID, view.parse(buffer));
        assertEquals(42, view.sequenceNumber());
        assertEquals(30 + 12, view.payloadOffset());
        assertEquals(3, view.payloadLength());
        assertEquals(30, buffer.position(), "parsing must not move the buffer");
    }

    @Test
    void anEmptyPayloadIsValidRtp() {
        assertEquals(RtpVerdict.VALID, view.parse(rtp().buffer()));
        assertEquals(0, view.payloadLength());
    }

    @Test
    void refusesDatagramsShorterThanTheFixedHeader() {
        assertEquals(RtpVerdict.TOO_SHORT, view.parse(ByteBuffer.wrap(new byte[11])));
        assertEquals(RtpVerdict.TOO_SHORT, view.parse(ByteBuffer.allocate(0)));
    }

    @Test
    void refusesVersionsOtherThanTwo() {
        for (int version : new int[] {0, 1, 3}) {
            assertEquals(RtpVerdict.BAD_VERSION, view.parse(rtp().version(version).payload(new byte[10]).buffer()));
        }
    }

    @Test
    void refusesACsrcCountBeyondTheDatagram() {
        byte[] packet = rtp().csrcs(1, 2).payload(new byte[0]).bytes();
        packet[0] = (byte) (packet[0] | 0x0F); // claims 15 CSRCs, carries 2

        assertEquals(RtpVerdict.BAD_CSRC_COUNT, view.parse(ByteBuffer.wrap(packet)));
    }

    @Test
    void refusesAnExtensionBeyondTheDatagram() {
        byte[] truncatedHeader = Arrays.copyOf(rtp().extension(0).bytes(), 14);
        assertEquals(RtpVerdict.BAD_EXTENSION, view.parse(ByteBuffer.wrap(truncatedHeader)));

        byte[] tooLong = rtp().extension(1).payload(new byte[4]).bytes();
        tooLong[15] = 9; // claims 9 words
        assertEquals(RtpVerdict.BAD_EXTENSION, view.parse(ByteBuffer.wrap(tooLong)));
    }

    @Test
    void refusesImpossiblePadding() {
        byte[] zero = rtp().payload(new byte[10]).padding(1).bytes();
        zero[zero.length - 1] = 0;
        assertEquals(RtpVerdict.BAD_PADDING, view.parse(ByteBuffer.wrap(zero)));

        byte[] tooMuch = rtp().payload(new byte[10]).padding(1).bytes();
        tooMuch[tooMuch.length - 1] = 12; // more than the 11 octets after the header
        assertEquals(RtpVerdict.BAD_PADDING, view.parse(ByteBuffer.wrap(tooMuch)));
    }

    @Test
    void neverThrowsAndNeverPointsOutsideTheDatagram() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            if (garbage.length > 0 && random.nextBoolean()) {
                garbage[0] = (byte) (0x80 | (garbage[0] & 0x3F)); // make version 2 likely
            }
            ByteBuffer buffer = ByteBuffer.wrap(garbage);
            RtpVerdict verdict = view.parse(buffer);
            if (verdict.isValid()) {
                assertTrue(view.payloadOffset() >= RtpPacketView.FIXED_HEADER_LENGTH);
                assertTrue(view.payloadLength() >= 0);
                assertTrue(view.payloadOffset() + view.payloadLength() <= garbage.length);
            }
        }
    }
}
