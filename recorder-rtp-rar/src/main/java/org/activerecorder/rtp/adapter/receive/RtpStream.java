package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.metrics.StreamTotals;
import org.activerecorder.rtp.adapter.packet.RtcpMux;
import org.activerecorder.rtp.adapter.pipeline.AllowedPeers;
import org.activerecorder.rtp.adapter.pipeline.PacketOutcome;
import org.activerecorder.rtp.adapter.pipeline.SocketDrops;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One received stream: its two sockets, and the recording of what arrives on them, from open to closed.
 *
 * <p>What arrives is recorded as a <em>segment</em>: a stream id, its pipeline and its file. A stream opens with one;
 * {@link #stopRecording} ends it (the file finished, a {@link StreamEvent.Closed} event with reason
 * {@link CloseReason#STOPPED}) but keeps the sockets and the sender, so that a later start can record the same media
 * again as a new segment under a new id ({@link #recordAgain}) while packets in between are counted and dropped. A
 * stop on request must not close the port: the Media Server's session goes on, and a start on the call must find its
 * media. Every id the stream had keeps naming it (its session knows it by the first).
 *
 * <p>Created on the opening caller's thread, then owned by one {@link ReceiveLoop}: every method but
 * {@link #released()}, {@link #finished()}, {@link #names()} and the final fields runs on that loop's thread. Closing
 * is idempotent and, whatever the reason and whatever fails on the way, ends the segment being recorded with exactly
 * one {@link StreamEvent.Closed} event, published only once the file is finished and on disk: the loop writes out
 * the audio it still holds, and the {@link FileCloser} forces the file to disk and publishes the event, so that the
 * loop never waits for the disk ({@link #finished()} completes then). The ports are given back only once the selector
 * has really let go of the sockets ({@link #portsReleased()}), which is what {@link #released()} waits for.
 *
 * <p>Each segment's events go to the one {@link StreamEventSink}, in order: {@link StreamEvent.FirstPacket} at its
 * first packet, {@link StreamEvent.FirstSampleSettled} once its start correction is final (a few seconds in), and its
 * Closed. The settled instant and the Closed event's come from one computation, kept once published.
 */
final class RtpStream {

    private static final Logger LOG = Logger.getLogger(RtpStream.class.getName());

    /**
     * How long a stopped segment still takes packets before its file ends: audio from before the stop instant that
     * arrives a little late (jitter, a sender that was busy) still belongs in it. Anything from after the instant is
     * silence already (the stop pauses the segment first), so the file may run on silent for this long. The first
     * packet after the grace ends the segment, or the loop's sweep when none comes (within half a second more).
     */
    static final long STOP_GRACE_NANOS = 200_000_000L;

    /** What is recorded now: the id events carry, the pipeline and its file. Owned by the loop. */
    private static final class Segment {
        final StreamSpec spec;
        final StreamFile file;
        final StreamPipeline pipeline;
        final long startedNanos = System.nanoTime();
        Instant firstArrival;
        /** Its sample 0, once the pipeline's start correction is final (and its FirstSampleSettled published). */
        Instant settledFirstSample;

        Segment(StreamSpec spec, StreamFile file, AllowedPeers peers, ReceiveLoop loop, SocketDrops drops) {
            this.spec = spec;
            this.file = file;
            this.pipeline = new StreamPipeline(spec, peers, file, loop.decodeWorker(), drops, loop.rings());
        }

        String id() {
            return spec.streamId();
        }
    }

    private final StreamSpec firstSpec;
    /** Its own sockets, or its group's when it shares a port ({@link #group}). */
    private final PortPair ports;
    /** The group whose port the stream shares, or {@code null}: the stream has sockets of its own. */
    private final PortGroup group;
    /** Whether its group's demultiplexer has latched it, as its reservations know ({@link PortGroup#followLatch}). */
    private boolean groupLatched;
    private final PortAllocator allocator;
    private final ReceiveLoop loop;
    private final AllowedPeers peers;
    private final StreamEventSink events;
    private final FileCloser closer;
    private final Clock clock;
    /** The kernel's drop counter of the RTP socket, which every segment's gaps are judged by. */
    private final SocketDrops drops;
    private final List<String> names = new CopyOnWriteArrayList<>();
    /** The final counters of the segments already ended (stopped, or closed). */
    private final StreamTotals endedSegments = new StreamTotals();
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    /** The segment being recorded, or {@code null} while the recording is stopped. */
    private Segment segment;
    /** Where the sender was last seen (or the signalling last said it sends from): a new segment expects it. */
    private InetSocketAddress lastSource;
    private AudioTap tap;
    private long rtcpPackets;
    private long stoppedPackets;
    private long stoppedSinceNanos;
    private long lastStoppedPacketNanos;
    /** A stop was asked: the segment is silent from {@link #stopAtNanos} and ends once the grace is over. */
    private boolean stopping;
    private long stopAtNanos;
    private long stopDueNanos;
    private boolean closed;
    /** The receive loop's round in which this stream's RTP socket was last found ready (the loop's thread only). */
    private final ReadyRounds ready = new ReadyRounds();
    /**
     * The stream's reading is the hold's limit behind ({@link #holdOverdue}); how many times it fell that far (the
     * first logged, all counted in the closing line).
     */
    private boolean tooFarBehind;
    private long timesTooFarBehind;
    /** Times the loop left the stream's packets in its socket for its decoding ({@link #hold}). */
    private long decodeHolds;
    /** Whether any segment of the stream took a first packet (the loop's thread only). */
    private boolean anyPacket;

    private RtpStream(StreamSpec spec, PortPair ports, PortGroup group, PortAllocator allocator, ReceiveLoop loop,
                      StreamFile file, AllowedPeers peers, StreamEventSink events, FileCloser closer, Clock clock,
                      SocketDrops drops) {
        this.firstSpec = spec;
        this.ports = ports;
        this.group = group;
        this.allocator = allocator;
        this.loop = loop;
        this.peers = peers;
        this.events = events;
        this.closer = closer;
        this.clock = clock;
        this.drops = drops;
        this.segment = new Segment(spec, file, peers, loop, drops);
        this.lastSource = spec.expectedSource();
        names.add(spec.streamId());
    }

    /** Creates the stream's file; the caller still owns {@code ports} if this throws. */
    static RtpStream open(StreamSpec spec, PortPair ports, PortAllocator allocator, ReceiveLoop loop,
                          StreamFileFactory files, AllowedPeers peers, StreamEventSink events, FileCloser closer,
                          Clock clock, SocketDrops drops) throws IOException {
        StreamFile file = files.create(spec.audioFile(), spec.codec().sampleRate());
        return new RtpStream(spec, ports, null, allocator, loop, file, peers, events, closer, clock, drops);
    }

    /**
     * Creates the file of a stream that shares {@code group}'s port, where it has a place already; the caller still
     * holds the place if this throws.
     */
    static RtpStream openInGroup(StreamSpec spec, PortGroup group, PortAllocator allocator, StreamFileFactory files,
                                 AllowedPeers peers, StreamEventSink events, FileCloser closer, Clock clock,
                                 SocketDrops drops) throws IOException {
        StreamFile file = files.create(spec.audioFile(), spec.codec().sampleRate());
        return new RtpStream(spec, group.ports(), group, allocator, group.loop(), file, peers, events, closer, clock,
                drops);
    }

    /** The id of the segment recorded now, or of the last one while stopped (for logs). */
    String id() {
        return names.get(names.size() - 1);
    }

    /** Every id the stream had, the first (its session's) first; read from any thread. */
    List<String> names() {
        return names;
    }

    /** The spec the stream was opened with: what a new segment copies, and its file is created for (any thread). */
    StreamSpec firstSpec() {
        return firstSpec;
    }

    /** Its sockets: its own, or its group's ({@link #group()}), which it must not close. */
    PortPair ports() {
        return ports;
    }

    /** The group whose port it shares, or {@code null}. */
    PortGroup group() {
        return group;
    }

    /** Whether any of its segments took a packet (the loop's thread). */
    boolean anyPacket() {
        return anyPacket;
    }

    boolean groupLatched() {
        return groupLatched;
    }

    void groupLatched(boolean latched) {
        groupLatched = latched;
    }

    /** Where the segment being recorded is latched now; {@code null} before its first packet, or while stopped. */
    InetSocketAddress source() {
        Segment current = segment;
        return current == null ? null : current.pipeline.source();
    }

    ReceiveLoop loop() {
        return loop;
    }

    /** The loop's round in which the stream's RTP socket was last ready (or the stream registered). */
    long readyRound() {
        return ready.last();
    }

    /** See {@link ReadyRounds#readyAgain}. */
    boolean readyAgain(long round) {
        return ready.readyAgain(round);
    }

    /**
     * Whether the stream's decode backlog is full ({@link StreamPipeline#decodeBacklogFull}): the loop should leave its
     * packets in the socket for now. The loop's thread only.
     */
    boolean decodeBacklogFull() {
        Segment current = segment;
        return current != null && current.pipeline.decodeBacklogFull();
    }

    /**
     * Puts the decoded audio the worker has finished in place ({@link StreamPipeline#takeBackDecoded}).
     *
     * @return {@code false} when writing failed and the stream must close with {@link CloseReason#WRITE_FAILED}
     */
    boolean takeBackDecoded() {
        Segment current = segment;
        return current == null || current.pipeline.takeBackDecoded();
    }

    /**
     * At the close, before what waits in the socket is read: the stream's decoding is finished on the loop
     * ({@link StreamPipeline#decodeTheRestHere}). A failed write shows in the close's reason, as any.
     */
    void decodeTheRestHere() {
        Segment current = segment;
        if (current != null) {
            current.pipeline.decodeTheRestHere();
        }
    }

    /**
     * The loop begins to leave this stream's packets in its socket until its decoding has caught up, unless what it
     * has read is already {@code limitNanos} behind the stream's wall clock ({@link #holdOverdue}).
     *
     * @return whether it may hold the stream
     */
    boolean hold(long nowNanos, long limitNanos) {
        if (segment == null || holdOverdue(nowNanos, limitNanos)) {
            return false;
        }
        decodeHolds++;
        return true;
    }

    /**
     * Whether what the stream has read is {@code limitNanos} behind its wall clock ({@link
     * StreamPipeline#readLagNanos}): its decoding is not catching up (the worker stopped, or has more streams than it
     * can decode), and holds have left that much in its socket. It is then read, its packets refused while the
     * backlog is full (each a recorder failure gap), until it is back within the limit: its socket does not overflow
     * and the stream lags no further. Logged once each time it falls that far behind.
     */
    boolean holdOverdue(long nowNanos, long limitNanos) {
        Segment current = segment;
        if (current == null || current.pipeline.readLagNanos(nowNanos) < limitNanos) {
            tooFarBehind = false;
            return false;
        }
        if (tooFarBehind) {
            return true;
        }
        tooFarBehind = true;
        if (timesTooFarBehind++ == 0) {
            LOG.warning(() -> "stream " + id() + ": left in its socket for its decoding, it is " + limitNanos / 1_000_000
                    + " ms behind; its packets are read again and refused while the backlog is full (recorder failure"
                    + " gaps; counted as decodeHoldLimits in its closing line)");
        }
        return true;
    }

    /**
     * Whether its socket's kernel drops up to now are all counted ({@link StreamPipeline#dropsCurrent}), so that its
     * end can say what the kernel dropped of it: the call's last packets, dropped as a burst filled the buffer, make
     * no hole and are known only by the count. For the close; reads the namespace's counters.
     */
    boolean dropsCurrent() {
        Segment current = segment;
        return current == null || current.pipeline.dropsCurrent();
    }

    /** Whether its drops until {@code sinceNanos} are counted at {@code nowNanos} ({@link StreamPipeline#knowsDropsBefore}). */
    boolean knowsDropsBefore(long sinceNanos, long nowNanos) {
        Segment current = segment;
        return current == null || current.pipeline.knowsDropsBefore(sinceNanos, nowNanos);
    }

    /** Times the loop has left this stream's packets in its socket for its decoding ({@link #hold}). */
    long decodeHolds() {
        return decodeHolds;
    }

    /** Times this stream's reading fell the hold's limit behind ({@link #holdOverdue}): its decoding did not catch up. */
    long decodeHoldLimits() {
        return timesTooFarBehind;
    }

    boolean isRtcp(Channel channel) {
        return channel == ports.rtcp();
    }

    /**
     * Takes one RTP datagram: into the segment being recorded, or, while the recording is stopped, counted and dropped.
     * On a port RTCP shares (RFC 5761), an RTCP packet is only counted.
     *
     * @param emptySince when the loop last saw the socket empty ({@link SeenEmpty}; {@link SeenEmpty#UNKNOWN}): the
     *                   datagram arrived after it, whenever it is read
     * @param woken      the loop slept in its selector and woke for this datagram: read as it arrived
     *                   ({@link StreamPipeline#accept(ByteBuffer, InetSocketAddress, long, long, boolean, short[])})
     * @return {@code false} when writing failed and the stream must close with {@link CloseReason#WRITE_FAILED}
     */
    boolean onRtp(ByteBuffer datagram, InetSocketAddress from, long emptySince, boolean woken, short[] scratch) {
        if (ports.rtcpMuxed() && RtcpMux.isRtcp(datagram)) {
            rtcpPackets++; // counted as RTCP, never decoded (RFC 5761 section 4)
            return true;
        }
        long arrivalNanos = System.nanoTime();
        if (stopping && arrivalNanos - stopDueNanos >= 0) {
            endStoppedSegment(); // the first packet after the grace ends it (the sweep does when none comes)
        }
        Segment current = segment;
        if (current == null) {
            stoppedPackets++;
            lastStoppedPacketNanos = arrivalNanos;
            return true;
        }
        PacketOutcome outcome = current.pipeline.accept(datagram, from, arrivalNanos, emptySince, woken, scratch);
        if (outcome == PacketOutcome.FIRST_PACKET && current.firstArrival == null) {
            // the wall clock is read for the first packet only (an Instant per packet would be garbage per packet)
            current.firstArrival = clock.instant().minusNanos(System.nanoTime() - arrivalNanos);
            anyPacket = true;
            publish(new StreamEvent.FirstPacket(current.id(), current.firstArrival, current.pipeline.source(),
                    current.pipeline.ssrc()));
        }
        publishIfSettled(current);
        return outcome != PacketOutcome.WRITE_FAILED;
    }

    /**
     * Whether a packet after a quiet spell waits for the next ones to say what it is ({@link StreamPipeline}'s
     * {@code QuietReturn}): the loop then reads what is queued right behind it.
     */
    boolean awaitsSuccessors() {
        Segment current = segment;
        return current != null && current.pipeline.awaitsSuccessors();
    }

    /** Whether a packet kept aside after a quiet spell waited for its successors as long as it may. */
    boolean successorsOverdue(long nowNanos) {
        Segment current = segment;
        return current != null && current.pipeline.successorsOverdue(nowNanos);
    }

    /** See {@link StreamPipeline#readingLate(boolean)}. */
    void readingLate(boolean late) {
        Segment current = segment;
        if (current != null) {
            current.pipeline.readingLate(late);
        }
    }

    /**
     * Writes out the audio of a stream that has gone quiet (see {@link StreamPipeline#flushIfQuiet}).
     *
     * @return {@code false} when writing failed and the stream must close with {@link CloseReason#WRITE_FAILED}
     */
    boolean flushIfQuiet(long nowNanos, long quietNanos) {
        if (stopping && nowNanos - stopDueNanos >= 0) {
            endStoppedSegment();
        }
        Segment current = segment;
        if (current == null) {
            return true;
        }
        boolean written = current.pipeline.flushIfQuiet(nowNanos, quietNanos);
        publishIfSettled(current); // a run kept aside after a quiet spell, taken now, may have re-anchored
        return written;
    }

    /**
     * How long no packet has come, by {@link System#nanoTime()}: since the last one, or since the segment began (or
     * the recording stopped) if none came since.
     */
    long quietNanos(long nowNanos) {
        Segment current = segment;
        long since;
        if (current == null) {
            since = lastStoppedPacketNanos - stoppedSinceNanos > 0 ? lastStoppedPacketNanos : stoppedSinceNanos;
        } else {
            long last = current.pipeline.lastPacketNanos();
            since = last != 0 && last - current.startedNanos > 0 ? last : current.startedNanos;
        }
        return nowNanos - since;
    }

    /** RTCP datagrams taken for this stream so far (its socket's, or, on a shared port, those of its sender). */
    long rtcpPackets() {
        return rtcpPackets;
    }

    /** RTCP is counted and dropped for now (sender reports would later give the wall clock of a timestamp). */
    void onRtcp(int datagrams) {
        rtcpPackets += datagrams;
    }

    /**
     * Stops receiving and writes out the audio still in memory; then the {@link FileCloser} forces the file to disk,
     * closes it and publishes {@link StreamEvent.Closed} (or this thread does, if the closer is stopping). The
     * sockets are closed here but their ports are only released by {@link #portsReleased()}. Never throws: a failure
     * on the way changes the reason, not the event. A stream whose recording is stopped has no segment to end: it
     * publishes nothing.
     *
     * @return {@code false} if the stream was already closed
     */
    boolean close(CloseReason reason) {
        if (closed) {
            return false;
        }
        closed = true;
        closeOwnPorts();
        if (segment == null) {
            LOG.info(() -> "RTP stream " + names + " closed (" + reason + ") on port " + ports.rtpPort()
                    + " while its recording was stopped: " + stoppedPackets + " packet(s) not recorded since the stop");
            finished.complete(null);
        } else {
            // a segment being stopped ends at its stop, as it would have; the reason is the close's
            endSegment(reason, stopping ? stopAtNanos : System.nanoTime(), finished);
            stopping = false;
        }
        return true;
    }

    /**
     * Ends the recording of the segment at {@code atNanos} ({@link System#nanoTime()} domain) and keeps the sockets:
     * the segment is silent from then on (as a pause), and once {@link #STOP_GRACE_NANOS} has passed (audio from before
     * the instant that arrives late still goes in) its file ends at the instant and its Closed event says
     * {@link CloseReason#STOPPED}. Packets that come afterwards are counted and dropped until {@link #recordAgain}.
     *
     * @return {@code false} if the stream is closed or its recording already stopped (nothing changes)
     */
    boolean stopRecording(long atNanos) {
        if (closed || segment == null || stopping) {
            return false;
        }
        segment.pipeline.pause(atNanos);
        stopping = true;
        stopAtNanos = atNanos;
        stopDueNanos = System.nanoTime() + STOP_GRACE_NANOS;
        return true;
    }

    /** The stop's grace is over (or a new segment cannot wait for it): the stopped segment ends at its instant. */
    private void endStoppedSegment() {
        stopping = false;
        stoppedPackets = 0;
        stoppedSinceNanos = System.nanoTime();
        lastStoppedPacketNanos = stoppedSinceNanos;
        endSegment(CloseReason.STOPPED, stopAtNanos, new CompletableFuture<>());
    }

    /**
     * Records the stream again from now, as {@code streamId} into {@code file} (at {@code audioFile}): the codec and
     * payload types it was opened with, the sender last seen preferred.
     *
     * @return {@code false} if the stream is closed or is recording already (the caller then discards the file)
     */
    boolean recordAgain(String streamId, Path audioFile, StreamFile file) {
        if (stopping && !closed) {
            endStoppedSegment();
        }
        if (closed || segment != null) {
            return false;
        }
        StreamSpec spec = new StreamSpec(streamId, firstSpec.codec(), firstSpec.payloadType(),
                firstSpec.telephoneEventPayloadType(), lastSource, audioFile, firstSpec.rtcpMux());
        segment = new Segment(spec, file, peers, loop, drops);
        if (tap != null) {
            segment.pipeline.tap(tap);
        }
        names.add(spec.streamId());
        long dropped = stoppedPackets;
        LOG.info(() -> "RTP stream " + names + " on port " + ports.rtpPort() + " recorded again as " + spec.streamId()
                + " into " + file.path() + " (" + dropped + " packet(s) not recorded while stopped)");
        return true;
    }

    /** Silences the stream from {@code atNanos} ({@link System#nanoTime()} domain) on. */
    void pause(long atNanos) {
        if (segment != null) {
            segment.pipeline.pause(atNanos);
            publishIfSettled(segment); // as in flushIfQuiet
        }
    }

    /** Ends the stream's pause at {@code atNanos} ({@link System#nanoTime()} domain); a stopping segment stays silent. */
    void resume(long atNanos) {
        if (segment != null && !stopping) {
            segment.pipeline.resume(atNanos);
            publishIfSettled(segment); // as in flushIfQuiet
        }
    }

    /** The signalling names {@code source} as the sender's address from now on. */
    void expectSource(InetSocketAddress source) {
        lastSource = source;
        if (segment != null) {
            segment.pipeline.expectSource(source);
        }
    }

    /** Sets the tap on the stream's decoded audio. */
    void tap(AudioTap tap) {
        this.tap = tap;
        if (segment != null) {
            segment.pipeline.tap(tap);
        }
    }

    /** Removes the tap if it is {@code tap}. */
    void untap(AudioTap tap) {
        if (this.tap == tap) {
            this.tap = null;
            if (segment != null) {
                segment.pipeline.tap(null);
            }
        }
    }

    /** The counters of the segment being recorded so far; none while the recording is stopped. */
    StreamStatistics statistics() {
        return segment == null ? StreamStatistics.NONE : segment.pipeline.statistics();
    }

    /**
     * The counters of every segment the stream recorded, the one being recorded so far: what the server's metrics
     * count, so that a stop (which ends a segment while the stream stays open) never takes packets off a total.
     */
    StreamStatistics totals() {
        if (segment == null) {
            return endedSegments.toStatistics();
        }
        StreamTotals all = endedSegments.copy();
        all.add(segment.pipeline.statistics());
        return all.toStatistics();
    }

    /**
     * Gives the ports back once the sockets are really closed, and wakes whoever waits in {@link #released()}. A stream
     * in a group has no port of its own: the group's is released when its last stream has gone.
     */
    void portsReleased() {
        if (group == null) {
            allocator.release(ports.rtpPort());
        }
        released.complete(null);
    }

    private void closeOwnPorts() {
        if (group == null) {
            ports.close();
        }
    }

    /**
     * For an open that failed after binding: closes everything, deletes the empty file, publishes nothing. A stream in
     * a group leaves its sockets to the group (its caller gives its place back).
     */
    void abandon() {
        closed = true;
        closeOwnPorts();
        if (segment != null) {
            segment.file.discard();
            segment.pipeline.release();
        }
        finished.complete(null);
        portsReleased();
    }

    /** Completes when the stream's ports are free again. */
    CompletableFuture<Void> released() {
        return released;
    }

    /** Completes when the stream's last file is on disk and its Closed event published (or it was abandoned). */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /**
     * Writes out the segment's audio up to {@code atNanos} on the loop, then hands the file's end to the closer;
     * {@code done} completes when its Closed event is published. The stream records nothing afterwards.
     */
    private void endSegment(CloseReason reason, long atNanos, CompletableFuture<Void> done) {
        Segment ending = segment;
        segment = null;
        if (ending.pipeline.source() != null) {
            lastSource = ending.pipeline.source();
        }
        Exception failure = writeOut(ending.pipeline, atNanos);
        StreamPipeline pipeline = ending.pipeline;
        StreamStatistics statistics = orElse(ending, pipeline::statistics, StreamStatistics.NONE, "its counters");
        StreamTimeline timeline = orElse(ending, pipeline::timeline, StreamTimeline.EMPTY, "its gap timeline");
        Instant firstSample = orElse(ending, () -> firstSample(ending), ending.firstArrival, "its start correction");
        String diagnostics = orElse(ending, pipeline::diagnostics, "", "its diagnostics") + " rtcp=" + rtcpPackets
                + (decodeHolds > 0 ? " decodeHolds=" + decodeHolds : "")
                + (timesTooFarBehind > 0 ? " decodeHoldLimits=" + timesTooFarBehind : "");
        endedSegments.add(statistics);
        long undecoded = pipeline.decodeFailures();
        if (undecoded > 0) {
            String causes = pipeline.decodeFailureCauses();
            LOG.warning(() -> "RTP stream " + ending.id() + ": " + undecoded + " packets not decoded, or not in time,"
                    + " are silence in its file (recorder failure gaps): " + causes);
        }
        pipeline.release(); // its audio is written out (or cannot be) and all it says taken: the ring is reused
        Runnable finishing = () -> finish(ending, reason, failure, statistics, timeline, firstSample, diagnostics, done);
        if (!closer.submit(finishing)) {
            finishing.run();
        }
    }

    /**
     * Publishes the segment's {@link StreamEvent.FirstSampleSettled} once, as soon as its start correction is final
     * (the estimate's window ended, or the timestamps were re-anchored), so the recording can place the stream during
     * the call. Called after every step that may end the estimate; per packet it only reads a few fields and
     * allocates nothing (the event is the segment's one allocation). A segment whose estimate becomes final only at
     * its end gets none: its Closed event carries the instant.
     */
    private void publishIfSettled(Segment current) {
        if (current.settledFirstSample == null && current.firstArrival != null && current.pipeline.startSettled()) {
            current.settledFirstSample = firstSample(current);
            publish(new StreamEvent.FirstSampleSettled(current.id(), current.settledFirstSample));
        }
    }

    /**
     * The wall-clock instant of the segment's sample 0: the first arrival less the pipeline's start correction. The
     * one computation behind both the FirstSampleSettled and the Closed event; once settled it is kept, so that the
     * Closed event carries exactly the instant already published, whatever happens to the pipeline afterwards.
     */
    private static Instant firstSample(Segment segment) {
        if (segment.settledFirstSample != null) {
            return segment.settledFirstSample;
        }
        return segment.firstArrival == null ? null
                : segment.firstArrival.minusNanos(segment.pipeline.startCorrectionNanos());
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
    private static Exception writeOut(StreamPipeline pipeline, long atNanos) {
        Exception failure = pipeline.failure();
        if (failure == null) {
            try {
                pipeline.finish(atNanos);
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
    private void finish(Segment ending, CloseReason reason, Exception writeFailure, StreamStatistics statistics,
                        StreamTimeline timeline, Instant firstSample, String diagnostics,
                        CompletableFuture<Void> done) {
        try {
            Exception failure = writeFailure;
            try {
                ending.file.close();
            } catch (IOException | RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            CloseReason outcome = reason;
            if (failure != null) {
                LOG.log(Level.WARNING, "writing " + ending.file.path() + " failed; it ends at the last good flush",
                        failure);
                outcome = CloseReason.WRITE_FAILED;
            }
            CloseReason closedAs = outcome;
            LOG.info(() -> "RTP stream " + ending.id() + " closed (" + closedAs + ") on port " + ports.rtpPort() + ": "
                    + statistics + " " + diagnostics + " gaps=" + timeline.gaps().size() + "+"
                    + timeline.gapsOmitted() + " file=" + ending.file.path());
            publish(new StreamEvent.Closed(ending.id(), firstSample, ending.file.path(), statistics, outcome,
                    timeline));
        } finally {
            done.complete(null);
        }
    }

    /** What the pipeline says, or {@code fallback} if asking it fails (a bug must not cost the Closed event). */
    private static <T> T orElse(Segment segment, Supplier<T> value, T fallback, String what) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "stream " + segment.id() + ": cannot take " + what + " at close", e);
            return fallback;
        }
    }
}
