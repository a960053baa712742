package org.activerecorder.rtp.api;

import java.net.InetSocketAddress;

/**
 * A stream the adapter is now listening for.
 *
 * @param streamId   the id from the {@link StreamSpec}
 * @param localRtp   the local address and (even) port RTP must be sent to; RTCP is the next port up
 */
public record OpenedStream(String streamId, InetSocketAddress localRtp) {
}
