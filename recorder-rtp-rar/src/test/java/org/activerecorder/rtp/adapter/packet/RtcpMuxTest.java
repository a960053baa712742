package org.activerecorder.rtp.adapter.packet;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtcpMuxTest {

    @Test
    void rtcpPacketTypesAreRtcp() {
        for (int type = 200; type <= 207; type++) { // SR, RR, SDES, BYE, APP, RTPFB, PSFB, XR
            assertTrue(RtcpMux.isRtcp(ByteBuffer.wrap(new byte[] {(byte) 0x81, (byte) type, 0, 7})), "type " + type);
        }
        assertTrue(RtcpMux.isRtcp(ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 192})), "64 + marker bit");
        assertTrue(RtcpMux.isRtcp(ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 223})), "95 + marker bit");
    }

    @Test
    void rtpAudioAndEventsAreNot() {
        for (int payloadType : new int[] {0, 8, 9, 96, 101, 111, 127, 63}) {
            byte[] packet = rtp().payloadType(payloadType).sequence(1).timestamp(160).ssrc(7).payload(new byte[4])
                    .bytes();
            assertFalse(RtcpMux.isRtcp(ByteBuffer.wrap(packet)), "payload type " + payloadType);
            packet[1] |= (byte) 0x80; // marker
            assertFalse(RtcpMux.isRtcp(ByteBuffer.wrap(packet)), "payload type " + payloadType + " with marker");
        }
    }

    @Test
    void garbageAndStunAreNot() {
        assertFalse(RtcpMux.isRtcp(ByteBuffer.wrap(new byte[] {(byte) 0x80})), "too short");
        assertFalse(RtcpMux.isRtcp(ByteBuffer.wrap(new byte[] {0x00, 0x01, 0x00, 0x00})), "STUN binding request");
        assertFalse(RtcpMux.isRtcp(ByteBuffer.wrap(new byte[] {(byte) 0x41, (byte) 200})), "version 1");
    }

    @Test
    void readsFromThePositionWithoutMovingIt() {
        ByteBuffer datagram = ByteBuffer.wrap(new byte[] {0, 0, (byte) 0x80, (byte) 200});
        datagram.position(2);

        assertTrue(RtcpMux.isRtcp(datagram));
        assertTrue(datagram.position() == 2);
    }
}
