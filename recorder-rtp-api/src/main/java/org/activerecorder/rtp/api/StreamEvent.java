package org.activerecorder.rtp.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A lifecycle event of one stream, delivered by the adapter to {@link RtpStreamListener} endpoints
 * on a container thread, never on the receive loop.
 */
public sealed interface StreamEvent permits StreamEvent.FirstPacket, StreamEvent.Closed {

    /** The recorder's id of the stream this event is about. */
    String streamId();

    /**
     * The first valid RTP packet of the stream arrived.
     *
     * @param arrival  wall-clock arrival time of that packet: sample 0 of the stream's file is this instant,
     *                 which is what aligns the streams of one recording
     * @param source   the address the stream latched on to
     * @param ssrc     the packet's synchronisation source
     */
    record FirstPacket(String streamId, Instant arrival, InetSocketAddress source, long ssrc) implements StreamEvent {
    }

    /**
     * The stream ended (closed by the recorder, or the adapter stopped) and its file is complete.
     *
     * @param firstPacket  arrival of the first packet, or {@code null} if no media ever arrived
     * @param audioFile    the finished mono WAV (its header is final)
     * @param statistics   the stream's counters
     * @param reason       why it closed
     */
    record Closed(String streamId, Instant firstPacket, Path audioFile, StreamStatistics statistics,
                  CloseReason reason) implements StreamEvent {
    }

    /** Why a stream ended. */
    enum CloseReason {
        /** The recorder closed it (the SIP dialog ended). */
        REQUESTED,
        /** The adapter is stopping (undeploy or server shutdown); the file is complete up to that point. */
        ADAPTER_STOPPED,
        /** Writing the file failed; the statistics say how far it got. */
        WRITE_FAILED,
        /** The stream's socket failed; the file is complete up to that point. */
        RECEIVE_FAILED
    }
}
