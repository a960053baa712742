package org.activerecorder.rtp.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A lifecycle event of one stream, delivered by the adapter to {@link RtpStreamListener} endpoints
 * on a container thread, never on the receive loop. Delivery is at least once: an event the listener did not take
 * (it threw) is delivered again later, so listeners must apply each event idempotently.
 */
public sealed interface StreamEvent permits StreamEvent.FirstPacket, StreamEvent.FirstSampleSettled,
        StreamEvent.Closed {

    /** The recorder's id of the stream this event is about. */
    String streamId();

    /**
     * The first valid RTP packet of the stream arrived.
     *
     * @param arrival  wall-clock arrival time of that packet: a first estimate of the instant of sample 0 of the
     *                 stream's file ({@link FirstSampleSettled} and {@link Closed#firstSample()} have the final one)
     * @param source   the address the stream latched on to
     * @param ssrc     the packet's synchronisation source
     */
    record FirstPacket(String streamId, Instant arrival, InetSocketAddress source, long ssrc) implements StreamEvent {
    }

    /**
     * The instant of sample 0 of the stream's file is final, before the stream ends: what aligns the streams of one
     * recording is known during the call, so the recording's file can be built while it goes on. Published at most
     * once per stream id (a stream that records segments has one id per segment, and each may get one), as soon as
     * the estimate of that instant is final: at the first packet after the stream's first five seconds, whose packets
     * refined it, or earlier, when its timestamps were re-anchored (they no longer measure time from sample 0). A
     * stream's events are delivered in the order published, so this comes after its {@link FirstPacket} and before its
     * {@link Closed}. A stream that ends before its estimate is final gets none: its {@link Closed} carries the instant.
     *
     * @param firstSample  the wall-clock instant of sample 0 of the file: exactly the {@link Closed#firstSample()} the
     *                     stream's Closed event will carry
     */
    record FirstSampleSettled(String streamId, Instant firstSample) implements StreamEvent {
    }

    /**
     * The stream ended (closed by the recorder, or the adapter stopped) and its file is complete and on disk
     * (fsynced).
     *
     * @param firstSample  the wall-clock instant of sample 0 of the file, or {@code null} if no media ever arrived.
     *                     It is the first packet's arrival corrected by the arrivals and timestamps of the packets of
     *                     the stream's first seconds (the earliest arrival less the packet's timestamp offset), so a
     *                     receive loop that was busy when the first packet came does not shift the stream; this is
     *                     what aligns the streams of one recording
     * @param audioFile    the finished mono WAV (its header is final)
     * @param statistics   the stream's counters
     * @param reason       why it closed
     * @param timeline     its gaps with their causes, and its telephone events
     */
    record Closed(String streamId, Instant firstSample, Path audioFile, StreamStatistics statistics,
                  CloseReason reason, StreamTimeline timeline) implements StreamEvent {
    }

    /** Why a stream ended. */
    enum CloseReason {
        /** The recorder closed it (the SIP dialog ended). */
        REQUESTED,
        /**
         * The recording of the stream was stopped on request; its port stays open and its sender's packets are
         * dropped until the stream is recorded again (under a new id) or closed. Not a loss: the recording ends there.
         */
        STOPPED,
        /** No packet arrived for the configured quiet limit (a sender gone without a BYE): the adapter closed it. */
        NO_MEDIA,
        /** The adapter is stopping (undeploy or server shutdown); the file is complete up to that point. */
        ADAPTER_STOPPED,
        /** Writing the file failed; the statistics say how far it got. */
        WRITE_FAILED,
        /** The stream's socket failed; the file is complete up to that point. */
        RECEIVE_FAILED;

        /** Whether audio may have been lost on the recorder's side: the stream did not end the way the call did. */
        public boolean losesAudio() {
            return this == WRITE_FAILED || this == RECEIVE_FAILED || this == ADAPTER_STOPPED;
        }
    }
}
