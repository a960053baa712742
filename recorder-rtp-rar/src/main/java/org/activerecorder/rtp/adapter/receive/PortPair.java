package org.activerecorder.rtp.adapter.receive;

import java.io.IOException;
import java.nio.channels.DatagramChannel;

/**
 * The two bound, non-blocking channels of one stream: RTP on an even port, RTCP on the odd port above it
 * (RFC 3550 section 11).
 */
record PortPair(int rtpPort, DatagramChannel rtp, DatagramChannel rtcp) {

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
