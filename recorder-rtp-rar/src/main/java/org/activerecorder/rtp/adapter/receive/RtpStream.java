package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.pipeline.AllowedPeers;
import org.activerecorder.rtp.adapter.pipeline.PacketOutcome;
import org.activerecorder.rtp.adapter.pipeline.StreamFile;
import org.activerecorder.rtp.adapter.pipeline.StreamPipeline;
import org.activerecorder.rtp.api.AudioTap;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamEvent.CloseReason;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;
import org.activerecorder.rtp.api.StreamTimeline;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One recorded stream: its two sockets, its pipeline and file, and its life from open to closed.
 *
 * <p>Created on the opening caller's thread, then owned by one {@link ReceiveLoop}: every method but
 * {@link #released()}, {@link #finished()} and the final fields runs on that loop's thread. Closing is idempotent
 * and, whatever the reason and whatever fails on the way, ends with exactly one {@link StreamEvent.Closed} event,
 * published only once the file is finished and on disk: the loop writes out the audio it still holds, and the
 * {@link FileCloser} forces the file to disk and publishes the event, so that the loop never waits for the disk
 * ({@link #finished()} completes then). The ports are given back only once the selector has really let go of the
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
    private final FileCloser closer;
    private final Clock clock;
    private final long openedNanos = System.nanoTime();
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private Instant firstArrival;
    private AudioTap tap;
    private long rtcpPackets;
    private boolean closed;

    private RtpStream(StreamSpec spec, PortPair ports, PortAllocator allocator, ReceiveLoop loop, StreamFile file,
                      AllowedPeers peers, StreamEventSink events, FileCloser closer, Clock clock) {
        this.spec = spec;
        this.ports = ports;
        this.allocator = allocator;
        this.loop = loop;
        this.file = file;
        this.pipeline = new StreamPipeline(spec, peers, file);
        this.events = events;
        this.closer = closer;
        this.clock = clock;
    }

    /** Creates the stream's file; the caller still owns {@code ports} if this throws. */
    static RtpStream open(StreamSpec spec, PortPair ports, PortAllocator allocator, ReceiveLoop loop,
                          StreamFileFactory files, AllowedPeers peers, StreamEventSink events, FileCloser closer,
                          Clock clock) throws IOException {
        StreamFile file = files.create(spec.audioFile(), spec.codec().sampleRate());
        return new RtpStream(spec, ports, allocator, loop, file, peers, events, closer, clock);
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
        long arrivalNanos = System.nanoTime();
        PacketOutcome outcome = pipeline.accept(datagram, from, arrivalNanos, scratch);
        if (outcome == PacketOutcome.FIRST_PACKET && firstArrival == null) {
            // the wall clock is read for the first packet only (an Instant per packet would be garbage per packet)
            firstArrival = clock.instant().minusNanos(System.nanoTime() - arrivalNanos);
            publish(new StreamEvent.FirstPacket(id(), firstArrival, pipeline.source(), pipeline.ssrc()));
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

    /** How long no packet has come, by {@link System#nanoTime()}: since the last one, or since opening if none came. */
    long quietNanos(long nowNanos) {
        long last = pipeline.lastPacketNanos();
        long since = last != 0 && last - openedNanos > 0 ? last : openedNanos;
        return nowNanos - since;
    }

    /** RTCP is counted and dropped for now (sender reports would later give the wall clock of a timestamp). */
    void onRtcp() {
        rtcpPackets++;
    }

    /**
     * Stops receiving and writes out the audio still in memory; then the {@link FileCloser} forces the file to disk,
     * closes it and publishes {@link StreamEvent.Closed} (or this thread does, if the closer is stopping). The
     * sockets are closed here but their ports are only released by {@link #portsReleased()}. Never throws: a failure
     * on the way changes the reason, not the event.
     *
     * @return {@code false} if the stream was already closed
     */
    boolean close(CloseReason reason) {
        if (closed) {
            return false;
        }
        closed = true;
        ports.close();
        Exception failure = writeOut();
        StreamStatistics statistics = orElse(pipeline::statistics, StreamStatistics.NONE, "its counters");
        StreamTimeline timeline = orElse(pipeline::timeline, StreamTimeline.EMPTY, "its gap timeline");
        Instant firstSample = orElse(this::firstSample, firstArrival, "its start correction");
        String diagnostics = orElse(pipeline::diagnostics, "", "its diagnostics") + " rtcp=" + rtcpPackets;
        Runnable finishing = () -> finish(reason, failure, statistics, timeline, firstSample, diagnostics);
        if (!closer.submit(finishing)) {
            finishing.run();
        }
        return true;
    }

    /** Silences the stream from {@code atNanos} ({@link System#nanoTime()} domain) on. */
    void pause(long atNanos) {
        pipeline.pause(atNanos);
    }

    /** Ends the stream's pause at {@code atNanos} ({@link System#nanoTime()} domain). */
    void resume(long atNanos) {
        pipeline.resume(atNanos);
    }

    /** The signalling names {@code source} as the sender's address from now on. */
    void expectSource(InetSocketAddress source) {
        pipeline.expectSource(source);
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
        finished.complete(null);
        portsReleased();
    }

    /** Completes when the stream's ports are free again. */
    CompletableFuture<Void> released() {
        return released;
    }

    /** Completes when the stream's file is on disk and its Closed event published (or it was abandoned). */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /** The wall-clock instant of sample 0: the first arrival less the pipeline's start correction. */
    private Instant firstSample() {
        return firstArrival == null ? null : firstArrival.minusNanos(pipeline.startCorrectionNanos());
    }

    /** The event sink only queues (see {@link StreamEventSink}); this guards the loop against a broken one anyway. */
    private void publish(StreamEvent event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "publishing " + event + " failed; event lost", e);
        }
    }

    /**
     * Writes out the audio still in the window, on the loop (the pipeline is the loop's). After a failed write the
     * window is not flushed again: the file then ends at its last good flush.
     *
     * @return what failed, or {@code null}
     */
    private Exception writeOut() {
        Exception failure = pipeline.failure();
        if (failure == null) {
            try {
                pipeline.finish();
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        return failure;
    }

    /**
     * On the {@link FileCloser}: writes the final header and makes the file durable (the file's close), so that its
     * header matches what was written even after a failed write, then publishes the Closed event. Any failure makes
     * the reason {@link CloseReason#WRITE_FAILED}: audio that should be in the file may not be.
     */
    private void finish(CloseReason reason, Exception writeFailure, StreamStatistics statistics,
                        StreamTimeline timeline, Instant firstSample, String diagnostics) {
        try {
            Exception failure = writeFailure;
            try {
                file.close();
            } catch (IOException | RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            CloseReason outcome = reason;
            if (failure != null) {
                LOG.log(Level.WARNING, "writing " + file.path() + " failed; it ends at the last good flush", failure);
                outcome = CloseReason.WRITE_FAILED;
            }
            CloseReason closedAs = outcome;
            LOG.info(() -> "RTP stream " + id() + " closed (" + closedAs + ") on port " + ports.rtpPort() + ": "
                    + statistics + " " + diagnostics + " gaps=" + timeline.gaps().size() + "+"
                    + timeline.gapsOmitted() + " file=" + file.path());
            publish(new StreamEvent.Closed(id(), firstSample, file.path(), statistics, outcome, timeline));
        } finally {
            finished.complete(null);
        }
    }

    /** What the pipeline says, or {@code fallback} if asking it fails (a bug must not cost the Closed event). */
    private <T> T orElse(Supplier<T> value, T fallback, String what) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "stream " + id() + ": cannot take " + what + " at close", e);
            return fallback;
        }
    }
}
