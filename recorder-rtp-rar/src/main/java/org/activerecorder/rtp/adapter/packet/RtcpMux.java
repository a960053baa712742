package org.activerecorder.rtp.adapter.packet;

import java.nio.ByteBuffer;

/**
 * Tells RTCP from RTP on a port that carries both (RFC 5761 section 4): an RTCP packet's type (200-204 for the
 * common ones) read where RTP has its marker bit and payload type falls in 64-95, a range RTP payload types
 * must not use when multiplexed. Reads two bytes, allocates nothing.
 */
public final class RtcpMux {

    private static final int VERSION_2 = 2;
    private static final int FIRST_RTCP_TYPE = 64;
    private static final int LAST_RTCP_TYPE = 95;

    private RtcpMux() {
    }

    /** Whether the datagram between its position and limit is RTCP; RTP and anything else is not. */
    public static boolean isRtcp(ByteBuffer datagram) {
        int at = datagram.position();
        if (datagram.limit() - at < 2 || (datagram.get(at) & 0xFF) >>> 6 != VERSION_2) {
            return false;
        }
        int type = datagram.get(at + 1) & 0x7F;
        return type >= FIRST_RTCP_TYPE && type <= LAST_RTCP_TYPE;
    }
}
