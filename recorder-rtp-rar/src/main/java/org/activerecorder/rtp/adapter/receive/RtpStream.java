package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.pipeline.AllowedPeers;
import org.activerecorder.rtp.adapter.pipeline.PacketOutcome;
import org.activerecorder.rtp.adapter.pipeline.StreamPipeline;
import org.activerecorder.rtp.adapter.pipeline.StreamFile;
import org.activerecorder.rtp.api.AudioTap;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamEvent.CloseReason;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One recorded stream: its two sockets, its pipeline and file, and its life from open to closed.
 *
 * <p>Created on the opening caller's thread, then owned by one {@link ReceiveLoop}: every method but
 * {@link #released()} and the final fields runs on that loop's thread. Closing is idempotent and always ends with
 * a {@link StreamEvent.Closed} event; the ports are given back only once the selector has really let go of the
 * sockets ({@link #portsReleased()}), which is what {@link #released()} waits for.
 */
final class RtpStream {

    private static final Logger LOG = Logger.getLogger(RtpStream.class.getName());

    private final StreamSpec spec;
    private final PortPair ports;
    private final PortAllocator allocator;
    private final ReceiveLoop loop;
    private final StreamFile file;
    private final StreamPipeline pipeline;
    private final StreamEventSink events;
    private final Clock clock;
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    private Instant firstArrival;
    private AudioTap tap;
    private long rtcpPackets;
    private boolean closed;

    private RtpStream(StreamSpec spec, PortPair ports, PortAllocator allocator, ReceiveLoop loop, StreamFile file,
                      AllowedPeers peers, StreamEventSink events, Clock clock) {
        this.spec = spec;
        this.ports = ports;
        this.allocator = allocator;
        this.loop = loop;
        this.file = file;
        this.pipeline = new StreamPipeline(spec, peers, file);
        this.events = events;
        this.clock = clock;
    }

    /** Creates the stream's file; the caller still owns {@code ports} if this throws. */
    static RtpStream open(StreamSpec spec, PortPair ports, PortAllocator allocator, ReceiveLoop loop,
                          StreamFileFactory files, AllowedPeers peers, StreamEventSink events, Clock clock)
            throws IOException {
        StreamFile file = files.create(spec.audioFile(), spec.codec().clockRate());
        return new RtpStream(spec, ports, allocator, loop, file, peers, events, clock);
    }

    String id() {
        return spec.streamId();
    }

    PortPair ports() {
        return ports;
    }

    ReceiveLoop loop() {
        return loop;
    }

    boolean isRtcp(Channel channel) {
        return channel == ports.rtcp();
    }

    /**
     * Takes one RTP datagram.
     *
     * @return {@code false} when writing failed and the stream must close with {@link CloseReason#WRITE_FAILED}
     */
    boolean onRtp(ByteBuffer datagram, InetSocketAddress from, short[] scratch) {
        // the wall-clock instant is taken only while waiting for the first packet: it is sample 0 of the file
        Instant arrival = pipeline.awaitingFirstPacket() ? clock.instant() : null;
        PacketOutcome outcome = pipeline.accept(datagram, from, System.nanoTime(), scratch);
        if (outcome == PacketOutcome.FIRST_PACKET) {
            firstArrival = arrival;
            publish(new StreamEvent.FirstPacket(id(), arrival, pipeline.source(), pipeline.ssrc()));
        }
        return outcome != PacketOutcome.WRITE_FAILED;
    }

    /**
     * Writes out the audio of a stream that has gone quiet (see {@link StreamPipeline#flushIfQuiet}).
     *
     * @return {@code false} when writing failed and the stream must close with {@link CloseReason#WRITE_FAILED}
     */
    boolean flushIfQuiet(long nowNanos, long quietNanos) {
        return pipeline.flushIfQuiet(nowNanos, quietNanos);
    }

    /** RTCP is counted and dropped for now (sender reports would later give the wall clock of a timestamp). */
    void onRtcp() {
        rtcpPackets++;
    }

    /**
     * Stops receiving, finishes the file and publishes {@link StreamEvent.Closed}. The sockets are closed here but
     * their ports are only released by {@link #portsReleased()}.
     *
     * @return {@code false} if the stream was already closed
     */
    boolean close(CloseReason reason) {
        if (closed) {
            return false;
        }
        closed = true;
        ports.close();
        CloseReason outcome = finishFile(reason);
        StreamStatistics statistics = pipeline.statistics();
        LOG.info(() -> "RTP stream " + id() + " closed (" + outcome + ") on port " + ports.rtpPort() + ": "
                + statistics + " " + pipeline.diagnostics() + " rtcp=" + rtcpPackets + " file=" + file.path());
        publish(new StreamEvent.Closed(id(), firstSample(), file.path(), statistics, outcome, pipeline.timeline()));
        return true;
    }

    /** Silences the stream from {@code from} on. */
    void pause(Instant from) {
        pipeline.pause(nanosAt(from));
    }

    /** Ends the stream's pause at {@code from}. */
    void resume(Instant from) {
        pipeline.resume(nanosAt(from));
    }

    /** Sets the tap on the stream's decoded audio. */
    void tap(AudioTap tap) {
        this.tap = tap;
        pipeline.tap(tap);
    }

    /** Removes the tap if it is {@code tap}. */
    void untap(AudioTap tap) {
        if (this.tap == tap) {
            this.tap = null;
            pipeline.tap(null);
        }
    }

    /** The counters so far. */
    StreamStatistics statistics() {
        return pipeline.statistics();
    }

    /** Gives the ports back once the sockets are really closed, and wakes whoever waits in {@link #released()}. */
    void portsReleased() {
        allocator.release(ports.rtpPort());
        released.complete(null);
    }

    /** For an open that failed after binding: closes everything, deletes the empty file, publishes nothing. */
    void abandon() {
        closed = true;
        ports.close();
        file.discard();
        portsReleased();
    }

    /** Completes when the stream's ports are free again. */
    CompletableFuture<Void> released() {
        return released;
    }

    /** The wall-clock instant of sample 0: the first arrival less the pipeline's start correction. */
    private Instant firstSample() {
        return firstArrival == null ? null : firstArrival.minusNanos(pipeline.startCorrectionNanos());
    }

    /** A wall-clock instant in the {@link System#nanoTime()} domain the pipeline counts in. */
    private long nanosAt(Instant instant) {
        long nowNanos = System.nanoTime();
        return nowNanos - java.time.Duration.between(instant, clock.instant()).toNanos();
    }

    /** A failing event sink must not take the receive loop down with it. */
    private void publish(StreamEvent event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "publishing " + event + " failed; event lost", e);
        }
    }

    /**
     * Flushes the window and writes the final header. After a failed write the window is not flushed again (the
     * file then ends at its last good flush), but the header is still made to match what was written.
     */
    private CloseReason finishFile(CloseReason reason) {
        IOException failure = pipeline.failure();
        if (failure == null) {
            try {
                pipeline.finish();
            } catch (IOException e) {
                failure = e;
            }
        }
        try {
            file.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            LOG.log(Level.WARNING, "writing " + file.path() + " failed; it ends at the last good flush", failure);
            return CloseReason.WRITE_FAILED;
        }
        return reason;
    }
}
