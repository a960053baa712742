package org.activerecorder.rtp.adapter.receive;

import java.io.IOException;
import java.nio.channels.DatagramChannel;

/**
 * The bound, non-blocking channels of one stream: RTP on an even port, RTCP on the odd port above it
 * (RFC 3550 section 11), or no RTCP channel ({@code null}) when the sender multiplexes RTCP on the RTP port
 * (RFC 5761).
 */
record PortPair(int rtpPort, DatagramChannel rtp, DatagramChannel rtcp) {

    /** Whether RTCP comes on the RTP port (no channel of its own). */
    boolean rtcpMuxed() {
        return rtcp == null;
    }

    /** Closes both channels; never throws (this runs on cleanup paths). */
    void close() {
        closeQuietly(rtp);
        closeQuietly(rtcp);
    }

    static void closeQuietly(DatagramChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a datagram socket does not fail in a way we could act on
        }
    }
}
