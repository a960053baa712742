package org.activerecorder.application;

import java.net.InetSocketAddress;

/**
 * The recorder accepted a stream: where to send its RTP.
 *
 * @param streamId     the recorder's id of the stream; the SIP side passes it back on {@code endStream}
 * @param recordingId  the recording the stream joined
 * @param localRtp     the local address and port for the SDP answer
 */
public record StreamAccepted(String streamId, long recordingId, InetSocketAddress localRtp) {
}
