package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.adapter.decode.DecodeWorker;
import org.activerecorder.rtp.adapter.packet.RtpPacketView;
import org.activerecorder.rtp.adapter.packet.TelephoneEventView;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.AudioTap;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;
import org.activerecorder.rtp.api.StreamTimeline;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The media path of one stream, from a received datagram to samples in the audio window:
 * allowed host &rarr; RTP header and payload type &rarr; source ({@link SourceRelatch}) &rarr; synchronisation source
 * &rarr; sequence ({@link SequenceTracker}: duplicates, loss, restarts) &rarr; by payload type: comfort noise
 * (counted, silence), telephone events ({@link TelephoneEvents}), or audio &rarr; timestamp position
 * ({@link TimestampPositioner}, judged by {@link TimestampJumpRule} against the {@link ArrivalClock}) &rarr; placing
 * ({@link AudioPlacement}): decode ({@link AudioDecoder}) &rarr; pause ({@link PauseSpans}) &rarr; window
 * ({@link AudioWindow}, and from there the file) &rarr; gap timeline ({@link GapTimeline}: a hole's missing packets
 * are the network's, or the receiver's when the kernel dropped them on the stream's socket, {@link ReceiverOverflow})
 * and audio tap.
 *
 * <p>Each step is a stage class of this package; this class only chains them and keeps the counters, in plain
 * fields, because one receive loop thread owns the stream (pause, resume and the tap are set on that thread too).
 * Positions, lengths and the wall clock all count samples of the decoded audio, at the codec's sample rate; only
 * {@link TimestampPositioner} sees the RTP clock (which differs from the sample rate for G.722), and telephone-event durations,
 * which count ticks too, are turned into samples as they come.
 * Nothing here allocates per packet, on any path a packet can take, or knows about sockets: tests feed it byte
 * buffers and addresses.
 *
 * <p>Three kinds of packet are kept aside instead of dropped or placed while the next packets decide what they are:
 * a packet from a new address that may be the sender moving ({@link SourceRelatch}), a big sequence jump that may be
 * a restart ({@link SequenceTracker.Verdict#PROBATION}), and a packet after a quiet spell that lags the wall clock,
 * which may end a hold with a frozen clock or be read late from a backlog ({@link QuietReturn}). Once decided they
 * are processed first, in order, so a sender that moves or restarts loses nothing and a late read shifts nothing.
 * A new synchronisation source re-anchors the timestamps where the wall clock puts its first packet (never before
 * the newest audio), as a timestamp jump does.
 *
 * <p>A codec whose decoder cannot run on the loop (Opus: it allocates and takes tens of microseconds) is placed all
 * the same, its length read from the payload, but decoded by the loop's {@link DecodeWorker}: {@link DeferredAudio}
 * reserves its span of the window and puts the decoded audio there when the loop comes back to the stream; a decode
 * that fails or comes too late is a {@link org.activerecorder.rtp.api.GapCause#RECORDER_FAILURE} gap, and nothing
 * moves.
 */
public final class StreamPipeline {

    /** How far ahead of both the newest audio and the wall clock a packet may land before it is not believed. */
    public static final int MAX_JUMP_SECONDS = 60;

    /** How long the end of a stream waits for a decode the worker is in the middle of. */
    static final long DRAIN_NANOS = 20_000_000L;

    /** {@link #accept(ByteBuffer, InetSocketAddress, long, long, short[])}: no moment known when the socket was empty. */
    public static final long UNKNOWN_EMPTY = Long.MIN_VALUE;
    /**
     * A stream on a shared socket whose last packet had waited less than this since the socket was seen empty ended
     * with nothing dropped ({@link #droppedEndAtMost}): a socket that drops has been full, and a group's is given at
     * least 4,096 bytes a stream, which the kernel doubles, about 200 ms of a G.711 stream's datagrams (50 a second,
     * booked at about 832 bytes each).
     */
    static final long QUEUED_BEFORE_DROPS_MILLIS = 50;
    /** The most packets kept with one after a quiet spell while its socket's queue is read ({@link #readingLate}). */
    public static final int LATE_SUCCESSORS_WATCHED = QuietReturn.LATE_WATCHED;

    /** Refused in-sequence packets in a row before the timestamps are re-anchored anyway. */
    public static final int REANCHOR_AFTER = TimestampJumpRule.REANCHOR_AFTER;

    /** What a valid packet of this stream carries. */
    private enum Kind { AUDIO, COMFORT_NOISE, TELEPHONE_EVENT }

    private final String streamId;
    private final int payloadType;
    private final int telephoneEventPayloadType;
    private final AudioDecoder decoder;
    private final AudioPlacement placement;
    private final int maxPacketSamples;
    private final AllowedPeers peers;
    private final RtpPacketView packet = new RtpPacketView();
    private final TelephoneEventView event = new TelephoneEventView();
    private final SourceLatch latch = new SourceLatch();
    private final SourceRelatch relatch;
    private final SequenceTracker sequence = new SequenceTracker();
    private final ProbationPacket probation = new ProbationPacket();
    private final TimestampPositioner positioner;
    /** Made at the first re-anchor, which a steady stream never has (its footprint stays the ring's). */
    private Reanchors reanchors;
    private final int sampleRate;
    private final TimestampJumpRule jumpRule;
    private final ArrivalClock clock;
    private final AudioWindow window;
    private final PauseSpans pauses = new PauseSpans();
    private final ReceiverOverflow overflow;
    private final GapTimeline gaps;
    private final TelephoneEvents telephoneEvents = new TelephoneEvents();
    private final QuietReturn quietReturn;
    private final LagWatch lagWatch;

    /**
     * A signalled pause ended and no audio has been placed since: the first packet that lags the wall clock ends that
     * hold (timestamps frozen during it), whatever its spacing says.
     */
    private boolean resumedFromHold;
    private long ssrc;
    private long lastPacketNanos;
    /**
     * When the datagram being taken can have arrived at the earliest: its socket was seen empty then (its arrival when
     * that is known exactly), or {@link #UNKNOWN_EMPTY}.
     */
    private long emptySinceNanos;
    /** Whether the loop woke for the datagram being taken: read as it arrived, however old its last look was. */
    private boolean woken;
    /**
     * How long the latest packet taken may have waited in its socket: from the moment the socket was last seen empty
     * to its read; 0 when the loop woke for it, {@link Long#MAX_VALUE} when unknown. On a shared socket it says
     * whether the stream's end can have been dropped ({@link #finish(long)}).
     */
    private long lastPacketQueuedNanos = Long.MAX_VALUE;
    /**
     * The least the newest packet placed lagged the wall clock ({@link #lowestLag}), or its lag as read where no look
     * says that ({@link #lagBeforeAHold}), in samples, or {@link Reanchors#UNKNOWN} (after a lone packet).
     */
    private long newestLag = Reanchors.UNKNOWN;
    /**
     * {@link #newestLag} as it was when the sender last went quiet, at the packet before the quiet spell: how far
     * behind the wall clock the sender provably was already (or was as read, where no look says). A hold adds no more
     * than its own length to that ({@link TimestampJumpRule#afterHold}).
     */
    private long lagBeforeQuiet = Reanchors.UNKNOWN;
    private boolean finished;

    private final StreamCounters counters = new StreamCounters();

    /**
     * @param spec   the stream: id, codec, payload types, expected source (its file is the sink's business)
     * @param peers  the hosts media may come from
     * @param sink   where finished audio goes (the stream's file)
     */
    public StreamPipeline(StreamSpec spec, AllowedPeers peers, SampleSink sink) {
        this(spec, peers, sink, null);
    }

    /**
     * @param worker the stream's loop's decode worker, for a codec not decoded on the loop ({@code null}: none;
     *               such a codec is then refused)
     */
    public StreamPipeline(StreamSpec spec, AllowedPeers peers, SampleSink sink, DecodeWorker worker) {
        this(spec, peers, sink, worker, SocketDrops.UNKNOWN);
    }

    /**
     * @param drops the kernel's drop counter of the stream's socket, which tells the receiver's loss from the
     *              network's ({@link SocketDrops#UNKNOWN}: every missing packet is the network's)
     */
    public StreamPipeline(StreamSpec spec, AllowedPeers peers, SampleSink sink, DecodeWorker worker,
                          SocketDrops drops) {
        this(spec, peers, sink, worker, drops, RingPool.NONE);
    }

    /**
     * @param rings where the audio window's ring comes from, and goes back to at {@link #release}
     */
    public StreamPipeline(StreamSpec spec, AllowedPeers peers, SampleSink sink, DecodeWorker worker,
                          SocketDrops drops, RingPool rings) {
        this(spec.streamId(), spec.payloadType(), spec.codec(), spec.telephoneEventPayloadType(),
                spec.expectedSource(), peers, sink, worker, drops, rings);
    }

    /** A stream with no telephone events and no expected source. */
    public StreamPipeline(int payloadType, AudioCodec codec, AllowedPeers peers, SampleSink sink) {
        this("stream", payloadType, codec, StreamSpec.NONE, null, peers, sink, null, SocketDrops.UNKNOWN,
                RingPool.NONE);
    }

    private StreamPipeline(String streamId, int payloadType, AudioCodec codec, int telephoneEventPayloadType,
                           InetSocketAddress expectedSource, AllowedPeers peers, SampleSink sink,
                           DecodeWorker worker, SocketDrops drops, RingPool rings) {
        this.overflow = new ReceiverOverflow(drops);
        this.gaps = new GapTimeline(pauses, overflow);
        this.streamId = streamId;
        this.payloadType = payloadType;
        this.telephoneEventPayloadType = telephoneEventPayloadType;
        this.decoder = AudioDecoder.forCodec(codec);
        this.peers = peers;
        this.relatch = new SourceRelatch(latch, expectedSource);
        int rate = codec.sampleRate();
        this.positioner = new TimestampPositioner(codec.clockRate(), rate);
        this.jumpRule = new TimestampJumpRule(rate);
        this.clock = new ArrivalClock(rate);
        this.window = new AudioWindow(rate, sink, rings);
        window.silenceOnWrite(pauses);
        this.quietReturn = new QuietReturn(rate);
        this.lagWatch = new LagWatch(rate);
        this.sampleRate = rate;
        this.maxPacketSamples = Math.min(window.maxPacketSamples(), codec.maxSamplesPerPacket());
        this.placement = new AudioPlacement(streamId, codec, decoder, worker, window, pauses, gaps);
    }

    /** No valid packet yet: the caller should take the wall-clock time of the datagram it is about to pass. */
    public boolean awaitingFirstPacket() {
        return !latch.isLatched();
    }

    /**
     * Takes one datagram that arrived at {@code arrivalNanos} exactly.
     *
     * @param datagram     the datagram between position and limit (read in place, not consumed)
     * @param from         its sender
     * @param arrivalNanos {@link System#nanoTime()} at its arrival
     * @param scratch      a reusable array of at least {@link #maxPacketSamples()} samples for decoding
     */
    public PacketOutcome accept(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos, short[] scratch) {
        return accept(datagram, from, arrivalNanos, arrivalNanos, scratch);
    }

    /**
     * Takes one datagram read at {@code readNanos}, which arrived after {@code emptySinceNanos}: a receive loop reads
     * a datagram when it gets to it, and what it knows of the arrival is when it last saw the socket empty. A quiet
     * spell in the read times that the loop never saw (it looked at the socket at no moment in it) may be the loop's
     * own delay, not the sender's: such packets are placed by their timestamps unless later ones prove a hold
     * ({@link LagWatch}).
     *
     * @param emptySinceNanos {@link System#nanoTime()} when the socket was last seen empty, at most
     *                        {@code readNanos}; {@link #UNKNOWN_EMPTY} when the loop does not know
     */
    public PacketOutcome accept(ByteBuffer datagram, InetSocketAddress from, long readNanos, long emptySinceNanos,
                                short[] scratch) {
        return accept(datagram, from, readNanos, emptySinceNanos, false, scratch);
    }

    /**
     * Takes one datagram read at {@code readNanos}, which arrived after {@code emptySinceNanos}, as
     * {@link #accept(ByteBuffer, InetSocketAddress, long, long, short[])} does; {@code woken}: the receive loop slept
     * in its selector, watching the socket, and woke for this datagram (or one reported with it), so it was read as
     * it arrived, to within the thread's wake-up, however long ago the last look before the sleep was. Otherwise a
     * datagram read more than {@value LagWatch#PRECISE_MILLIS} ms after that look may have waited in the socket as
     * long: its read time says nothing of when a quiet spell ended ({@link QuietReturn#readFromQueue}).
     */
    public PacketOutcome accept(ByteBuffer datagram, InetSocketAddress from, long readNanos, long emptySinceNanos,
                                boolean woken, short[] scratch) {
        this.emptySinceNanos = emptySinceNanos == UNKNOWN_EMPTY ? UNKNOWN_EMPTY : Math.min(emptySinceNanos, readNanos);
        this.woken = woken;
        long arrivalNanos = readNanos;
        if (!placement.takeBackDecoded()) {
            return PacketOutcome.WRITE_FAILED;
        }
        if (!peers.allows(from.getAddress())) {
            counters.foreign++;
            return PacketOutcome.FOREIGN;
        }
        Kind kind = screen(datagram);
        if (kind == null) {
            if (latch.isLatched() && !latch.matches(from)) {
                counters.foreign++;
                return PacketOutcome.FOREIGN;
            }
            counters.malformed++;
            return PacketOutcome.MALFORMED;
        }
        boolean first = !latch.isLatched();
        switch (relatch.decide(from, datagram, arrivalNanos)) {
            case HELD:
                return PacketOutcome.HELD;
            case MOVED:
                if (!takeHeldForNewSource(scratch)) {
                    return PacketOutcome.WRITE_FAILED;
                }
                kind = screen(datagram);
                break;
            default:
                break;
        }
        if (first) {
            start(arrivalNanos);
        }
        PacketOutcome outcome = take(datagram, kind, arrivalNanos, scratch);
        return first && outcome == PacketOutcome.ACCEPTED ? PacketOutcome.FIRST_PACKET : outcome;
    }

    /**
     * Silences the stream from {@code atNanos} ({@link System#nanoTime()} domain) on: see {@code RtpConnection.pause}.
     * The pause starts where the wall clock puts {@code atNanos}, but never before audio already in the file; audio
     * still in memory from there on is written out as silence ({@link PauseSpans}). Before the first packet,
     * everything until the resume is silence. Pausing a paused stream does nothing.
     */
    public void pause(long atNanos) {
        takeUndecidedQuietReturn(); // it came before the pause (a failed write shows at the next packet or the close)
        if (pauses.isOpen()) {
            return;
        }
        long position = clock.started() ? Math.max(clock.position(atNanos), window.flushedSamples()) : 0;
        pauses.pause(position);
    }

    /**
     * Ends a pause at {@code atNanos}: audio from there on is recorded again, including what arrived before this
     * request did and is still in memory. Not paused: does nothing.
     */
    public void resume(long atNanos) {
        takeUndecidedQuietReturn();
        if (pauses.isOpen() && clock.started()) {
            resumedFromHold = true;
        }
        pauses.resume(clock.started() ? clock.position(atNanos) : 0);
    }

    /** Whether the stream is paused now. */
    public boolean paused() {
        return pauses.isOpen();
    }

    /**
     * The signalling now names {@code source} as the sender's address (a re-INVITE or UPDATE moved it): a packet from
     * exactly there re-latches the stream at once ({@link SourceRelatch}).
     */
    public void expectSource(InetSocketAddress source) {
        relatch.expect(source);
    }

    /** Sets (or, with {@code null}, clears) the tap that hears decoded audio as it is placed. */
    public void tap(AudioTap tap) {
        placement.tap(tap);
    }

    /** {@link System#nanoTime()} of the newest datagram taken as the stream's, or of none yet: 0 and {@link #awaitingFirstPacket()}. */
    public long lastPacketNanos() {
        return lastPacketNanos;
    }

    /**
     * How much earlier than the first packet's arrival sample 0 of the file is, as estimated from the stream's first
     * seconds (never negative): the first packet's extra delay over the fastest packets that followed it.
     */
    public long startCorrectionNanos() {
        return clock.correctionNanos();
    }

    /**
     * Whether {@link #startCorrectionNanos()} is final: the estimate's window is over, or the timestamps were
     * re-anchored (or the stream finished). It never changes afterwards.
     */
    public boolean startSettled() {
        return clock.settled();
    }

    /** The gaps with their causes, and the telephone events, so far (allocates: call it at close, not per packet). */
    public StreamTimeline timeline() {
        return new StreamTimeline(gaps.gaps(), gaps.omitted(), telephoneEvents.events(), telephoneEvents.omitted());
    }

    /** Writes the audio still in the window: the end of the stream, now. */
    public void finish() throws IOException {
        finish(System.nanoTime());
    }

    /**
     * Writes the audio still in the window and settles the timeline: the end of the stream at {@code atNanos}. A
     * stream that ends paused is silent up to the wall-clock position of its end (its file is extended, sparsely);
     * any other ends with its newest audio. Packets still held aside are counted as dropped.
     */
    public void finish(long atNanos) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (!takeUndecidedQuietReturn()) {
            throw placement.failure();
        }
        clock.stopEstimating(); // a stream shorter than the estimate's window: its start is final now
        relatch.forget();
        dropProbation();
        telephoneEvents.finish();
        placement.finish(System.nanoTime() + DRAIN_NANOS);
        long fileEnd = window.end();
        boolean paused = pauses.isOpen() && clock.started();
        if (paused) {
            long pausedEnd = clock.position(atNanos);
            if (pausedEnd > fileEnd) {
                window.extendTo(pausedEnd);
                fileEnd = pausedEnd;
            }
        }
        // packets the kernel dropped at the end are silence after the last one read (a paused end is silent anyway)
        long end = gaps.finish(fileEnd, !paused && clock.started(), droppedEndAtMost(atNanos, fileEnd));
        if (end > fileEnd) {
            window.extendTo(end);
        }
    }

    /**
     * How much of the stream's end, in samples, the kernel can have dropped, for {@link GapTimeline#finish(long,
     * boolean, long)}: anything on a socket of its own (its drops are all its own; a sender catching up as the call
     * ends may have sent faster than the wall clock). On a socket a group shares, whose count does not say whose
     * drops they were (docs/port-groups.md, rule 5):
     * <ul>
     *   <li>nothing if the stream's last packet was read right after its socket was seen empty (less than
     *       {@value #QUEUED_BEFORE_DROPS_MILLIS} ms): had it sent more, that would have been queued behind it, not
     *       dropped, for a socket that is dropping has been full, and so not empty, for longer than that;</li>
     *   <li>otherwise what the wall clock lets it have sent between its last packet's place and its end: another
     *       stream's drops later on are not taken for a stream that had gone quiet long before.</li>
     * </ul>
     */
    private long droppedEndAtMost(long atNanos, long fileEnd) {
        if (!overflow.shared()) {
            return Long.MAX_VALUE;
        }
        if (lastPacketQueuedNanos < QUEUED_BEFORE_DROPS_MILLIS * 1_000_000L || !clock.started()) {
            return 0;
        }
        return Math.max(0, clock.position(atNanos) - fileEnd);
    }

    /**
     * Gives the audio window's ring back to its pool, once the stream has {@link #finish finished} (or its finish
     * failed) and its counters and timeline are taken: nothing may be passed to the pipeline afterwards. Its
     * {@link #statistics()} stay readable.
     */
    public void release() {
        window.release();
    }

    /**
     * Writes the audio still in the window if no packet has been written for {@code quietNanos}: a stream on
     * hold, or whose sender stopped without a BYE, keeps nothing only in memory.
     *
     * @return {@code false} if the write failed ({@link #failure()} says why)
     */
    public boolean flushIfQuiet(long nowNanos, long quietNanos) {
        if (quietReturn.overdue(nowNanos) && !takeQuietReturn(false, quietReturn.alone(),
                quietReturn.slowerThanPaced(nowNanos), null)) {
            return false;
        }
        return placement.flushIfQuiet(nowNanos, quietNanos);
    }

    /**
     * Whether a packet after a quiet spell is kept aside until its successors say whether it ends a hold or was read
     * late from a queue: its receiver should read what is queued behind it now.
     */
    public boolean awaitsSuccessors() {
        return quietReturn.held();
    }

    /**
     * Whether a packet kept aside after a quiet spell has waited for its successors as long as it may: its receiver
     * should read what waits in its socket now, {@link #readingLate(boolean) marked as read late}, before
     * {@link #flushIfQuiet} takes it for the end of a hold.
     */
    public boolean successorsOverdue(long nowNanos) {
        return quietReturn.overdue(nowNanos);
    }

    /**
     * Marks the packets passed from now on as read from the socket's queue behind a packet kept aside after a quiet
     * spell, or no longer: their spacing is the receive loop's, so only their lag says whether they are a backlog
     * ({@code QuietReturn}).
     */
    public void readingLate(boolean late) {
        quietReturn.readingLate(late);
    }

    /** The most samples one packet may carry (and the least a decode scratch array must hold). */
    public int maxPacketSamples() {
        return maxPacketSamples;
    }

    /** The stream's counters; {@code samplesWritten} is what the file holds so far. */
    public StreamStatistics statistics() {
        return new StreamStatistics(counters.received, counters.malformed, counters.foreign + relatch.forgotten(),
                counters.late, sequence.lost(), counters.duplicates, window.flushedSamples(), sequence.expected(),
                counters.ssrcChanges, sequence.restarts(), relatch.moves(), counters.comfortNoisePackets,
                counters.telephoneEventPackets, counters.timestampJumps, overflow.drops(), decodeFailures());
    }

    /** The current source, or {@code null} before the first packet. */
    public InetSocketAddress source() {
        return latch.source();
    }

    /** The current synchronisation source (meaningful once a packet was accepted). */
    public long ssrc() {
        return ssrc;
    }

    /** Why writing failed, after {@link PacketOutcome#WRITE_FAILED}. */
    public IOException failure() {
        return placement.failure();
    }

    /**
     * Packets of a codec decoded off the loop whose audio is silence: their decoding failed, found no room, or came
     * too late (each a recorder failure gap). Always 0 for a codec decoded on the loop.
     */
    public long decodeFailures() {
        return placement.decodeFailures();
    }

    /**
     * {@link #decodeFailures} by cause: {@code undecoded=N (refused=.. failed=.. late=..)}, empty for a codec decoded
     * on the loop.
     */
    public String decodeFailureCauses() {
        return placement.decodeFailureCauses();
    }

    /**
     * Whether a packet of a codec decoded off the loop (Opus) read now could not be decoded in time: the decode worker
     * is as far behind on this stream as its slots and the window allow. The receive loop then leaves the packets in
     * the socket, whose kernel buffer holds many seconds, until {@link #takeBackDecoded} makes room: a worker stalled
     * by a collector's pause or the JIT's start-up work costs a delay, not audio. Always {@code false} for a codec
     * decoded on the loop. Call {@link #takeBackDecoded} first: decoded audio not taken back yet takes room.
     */
    public boolean decodeBacklogFull() {
        return placement.decodeBacklogFull();
    }

    /**
     * Puts the audio the decode worker has finished into its place (as every packet's {@link #accept} does first).
     *
     * @return {@code false} if the write failed ({@link #failure()} says why): the stream must end
     */
    public boolean takeBackDecoded() {
        return placement.takeBackDecoded();
    }

    /**
     * The stream is closing and what waits in its socket is about to be read: a codec decoded off the loop has its
     * decodes under way finished (waiting at most {@link #DRAIN_NANOS} for the one the worker is in) and the rest of
     * its packets decoded on the loop, so that a worker behind does not cost the end of the call.
     *
     * @return {@code false} if the write failed ({@link #failure()} says why)
     */
    public boolean decodeTheRestHere() {
        return placement.decodeHereFromNow(System.nanoTime() + DRAIN_NANOS);
    }

    /**
     * Whether the socket's kernel drops until now are all counted (checked now: {@link SocketDrops#current}), so that
     * the stream's end can place its last packets if the kernel dropped them ({@link GapTimeline#finish(long,
     * boolean)}). For the close; reads the namespace's counters.
     */
    public boolean dropsCurrent() {
        return overflow.current();
    }

    /**
     * Whether the drops until {@code sinceNanos} are counted at {@code nowNanos}: a reading began since, or nothing is
     * known, or it is too late to wait any longer (as for a hole: {@link ReceiverOverflow#knowsDropsBefore}).
     */
    public boolean knowsDropsBefore(long sinceNanos, long nowNanos) {
        return overflow.knowsDropsBefore(sinceNanos, nowNanos);
    }

    /**
     * How far the audio read so far is behind the stream's wall clock at {@code nowNanos} (0 before the first packet,
     * or when it is ahead): what a stream left in its socket for its decoding has waiting there, about.
     */
    public long readLagNanos(long nowNanos) {
        if (!clock.started()) {
            return 0;
        }
        long behind = clock.position(nowNanos) - window.end();
        return behind <= 0 ? 0 : behind * 1_000_000_000L / sampleRate;
    }

    /** The counters that have no place in {@link StreamStatistics}, for the stream's closing log line. */
    public String diagnostics() {
        return "duplicates=" + counters.duplicates + " jumps=" + counters.jumps + " reanchors=" + counters.reanchors
                + " startCorrectionMs=" + clock.correctionNanos() / 1_000_000 + " gapsOmitted=" + gaps.omitted()
                + " dtmfOmitted=" + telephoneEvents.omitted() + " tapFailures=" + placement.tapFailures()
                + " backlogs=" + counters.backlogs + " lone=" + counters.loneReturns + " slow=" + counters.slowReturns
                + " lateStalls=" + counters.lateStalls
                + (decodeFailures() > 0 ? " " + decodeFailureCauses() : "")
                + (reanchors == null ? "" : reanchors.describe());
    }

    /** Parses the datagram into the view: what it carries, or {@code null} if it is nothing this stream takes. */
    private Kind screen(ByteBuffer datagram) {
        if (!packet.parse(datagram).isValid()) {
            return null;
        }
        int type = packet.payloadType();
        if (type == payloadType) {
            int samples = decoder.samples(datagram, packet.payloadOffset(), packet.payloadLength());
            return samples <= 0 || samples > maxPacketSamples ? null : Kind.AUDIO;
        }
        if (type == StreamSpec.COMFORT_NOISE_PAYLOAD_TYPE) {
            return Kind.COMFORT_NOISE;
        }
        if (type == telephoneEventPayloadType
                && event.parse(datagram, packet.payloadOffset(), packet.payloadLength())) {
            return Kind.TELEPHONE_EVENT;
        }
        return null;
    }

    /** The stream's first packet: sample 0 of the file. */
    private void start(long arrivalNanos) {
        ssrc = packet.ssrc();
        clock.start(arrivalNanos);
        positioner.anchor(packet.timestamp(), 0);
        lastPacketNanos = arrivalNanos;
    }

    /** The source moved: takes the packets held for it. {@code false} if writing failed. */
    private boolean takeHeldForNewSource(short[] scratch) {
        int count = relatch.held();
        relatch.release();
        for (int i = 0; i < count; i++) {
            ByteBuffer held = relatch.heldDatagram(i);
            if (take(held, screen(held), relatch.heldArrivalNanos(i), scratch) == PacketOutcome.WRITE_FAILED) {
                return false;
            }
        }
        return true;
    }

    /** A packet from the source, parsed into the view: synchronisation source, then sequence number. */
    private PacketOutcome take(ByteBuffer datagram, Kind kind, long arrivalNanos, short[] scratch) {
        if (quietReturn.held()) {
            PacketOutcome watched = watchQuietReturn(datagram, arrivalNanos, scratch);
            if (watched != null) {
                return watched;
            }
        }
        if (packet.ssrc() != ssrc) {
            changeSource(arrivalNanos);
        }
        SequenceTracker.Verdict order = sequence.offer(packet.sequenceNumber());
        switch (order) {
            case DUPLICATE:
                counters.duplicates++;
                return PacketOutcome.DUPLICATE;
            case PROBATION:
                countDropped(probation.hold(datagram, arrivalNanos, sequence.probationBehind()));
                return PacketOutcome.HELD;
            case RESTART:
                return restart(datagram, kind, arrivalNanos, scratch);
            default:
                if (probation.held() && !sequence.onProbation()) {
                    dropProbation();
                }
                return dispatch(datagram, kind, order == SequenceTracker.Verdict.NEXT, sequence.continuous(),
                        sequence.streamSequence(), arrivalNanos, scratch);
        }
    }

    /** The numbering restarted at the packet on probation: it goes first, then the one that confirmed it. */
    private PacketOutcome restart(ByteBuffer datagram, Kind kind, long arrivalNanos, short[] scratch) {
        long confirming = sequence.streamSequence();
        PacketCopy confirmed = probation.release();
        ByteBuffer held = confirmed.datagram();
        Kind heldKind = screen(held);
        if (dispatch(held, heldKind, true, true, confirming - 1, confirmed.arrivalNanos(), scratch)
                == PacketOutcome.WRITE_FAILED) {
            return PacketOutcome.WRITE_FAILED;
        }
        screen(datagram);
        return dispatch(datagram, kind, true, true, confirming, arrivalNanos, scratch);
    }

    /** A packet on probation that no restart confirmed: a very late packet, or a stray jump. */
    private void dropProbation() {
        countDropped(probation.drop());
    }

    private void countDropped(ProbationPacket.Dropped dropped) {
        if (dropped == ProbationPacket.Dropped.LATE) {
            counters.late++;
        } else if (dropped == ProbationPacket.Dropped.JUMP) {
            counters.jumps++;
            counters.malformed++;
        }
    }

    private PacketOutcome dispatch(ByteBuffer datagram, Kind kind, boolean next, boolean continuous,
                                   long streamSequence, long arrivalNanos, short[] scratch) {
        long quietNanos = arrivalNanos - lastPacketNanos;
        // how long the sender was provably quiet: from the previous packet's read to the moment this one's socket was
        // last seen empty (<= 0 if the loop never looked in between)
        long provenQuietNanos = emptySinceNanos == UNKNOWN_EMPTY ? 0
                : Math.min(arrivalNanos, emptySinceNanos) - lastPacketNanos;
        lastPacketNanos = Math.max(lastPacketNanos, arrivalNanos);
        lastPacketQueuedNanos = woken ? 0 : emptySinceNanos == UNKNOWN_EMPTY ? Long.MAX_VALUE
                : arrivalNanos - emptySinceNanos;
        switch (kind) {
            case COMFORT_NOISE:
                counters.comfortNoisePackets++;
                gaps.present(streamSequence, Math.max(0, positioner.position(packet.timestamp())), arrivalNanos);
                return PacketOutcome.ACCEPTED;
            case TELEPHONE_EVENT:
                counters.telephoneEventPackets++;
                long start = Math.max(0, positioner.position(packet.timestamp()));
                telephoneEvents.offer(packet.timestamp(), event.event(), event.end(), event.volume(),
                        (int) positioner.samples(event.duration()), start);
                gaps.present(streamSequence, start, arrivalNanos);
                return PacketOutcome.ACCEPTED;
            default:
                return placeAudio(datagram, next, continuous, streamSequence, arrivalNanos, quietNanos,
                        provenQuietNanos, scratch);
        }
    }

    private PacketOutcome placeAudio(ByteBuffer datagram, boolean next, boolean continuous, long streamSequence,
                                     long arrivalNanos, long quietNanos, long provenQuietNanos, short[] scratch) {
        long position = positioner.position(packet.timestamp());
        long wallClock = clock.position(arrivalNanos);
        if (next && lagWatch.watching()
                && lagWatch.frozen(arrivalNanos, wallClock - position, lowestLag(position), emptySinceNanos)
                && !lateStall(wallClock - position)) {
            // packets after a quiet spell the loop did not see, placed by their timestamps, proved a frozen clock
            counters.timestampJumps++;
            position = reanchorAfterHold(wallClock, Reanchors.Rule.FROZEN_CLOCK_PROVEN, 1, Reanchors.UNKNOWN);
            newestLag = lagBeforeAHold(position, wallClock);
            return write(datagram, position, streamSequence, arrivalNanos, scratch)
                    ? PacketOutcome.ACCEPTED : PacketOutcome.WRITE_FAILED;
        }
        switch (jumpRule.judge(next, continuous, quietNanos, position, window.flushedSamples(), window.end(),
                wallClock)) {
            case LATE:
                counters.late++;
                return PacketOutcome.LATE;
            case JUMP:
                counters.jumps++;
                counters.malformed++;
                return PacketOutcome.JUMP;
            case REANCHOR:
                counters.timestampJumps++;
                position = reanchor(wallClock, Reanchors.Rule.TIMESTAMP_JUMP);
                break;
            case HOLD_OR_BACKLOG:
                if (!lagWatch.watching()) {
                    // the packet before the spell (while watched, the packets since the spell the watch began at
                    // are no measure of the sender before a hold)
                    lagBeforeQuiet = newestLag;
                }
                if (resumedFromHold) {
                    // The signalling said the sender was on hold and may send again: no need to guess from the
                    // packets' spacing (QuietReturn's known limit), this is the end of a hold.
                    counters.timestampJumps++;
                    position = reanchorAfterHold(wallClock, Reanchors.Rule.SIGNALLED_RESUME, 1, Reanchors.UNKNOWN);
                    break;
                }
                if (provenQuietNanos < TimestampJumpRule.QUIET_MILLIS * 1_000_000L) {
                    // a quiet spell the loop never saw: its own delay as likely as the sender's hold (LagWatch)
                    counters.backlogs++;
                    lagWatch.start(arrivalNanos, lowestLag(position));
                    clock.observe(arrivalNanos, position);
                    break;
                }
                quietReturn.hold(datagram, arrivalNanos, packet.ssrc(), packet.sequenceNumber(), streamSequence,
                        wallClock - position, lowestLag(position), mayHaveWaited(arrivalNanos));
                return PacketOutcome.HELD;
            default:
                clock.observe(arrivalNanos, position);
                break;
        }
        resumedFromHold = false;
        if (next) {
            newestLag = lagBeforeAHold(position, wallClock);
        }
        return write(datagram, position, streamSequence, arrivalNanos, scratch)
                ? PacketOutcome.ACCEPTED : PacketOutcome.WRITE_FAILED;
    }

    /**
     * The packet in the view (not yet taken) after the run kept aside after a quiet spell: it decides the run (a
     * backlog if it catches up, else a hold if it is no successor or the last one watched), and the run is taken
     * first, then the view holds this packet again and the caller takes it: {@code null}. Or it waits with the run
     * ({@link PacketOutcome#HELD}), or writing failed ({@link PacketOutcome#WRITE_FAILED}).
     */
    private PacketOutcome watchQuietReturn(ByteBuffer datagram, long arrivalNanos, short[] scratch) {
        boolean backlog;
        long lag = clock.position(arrivalNanos) - positioner.position(packet.timestamp());
        if (quietReturn.follows(packet.ssrc(), packet.sequenceNumber())) {
            backlog = quietReturn.caughtUpBy(arrivalNanos, lag);
            if (!backlog && quietReturn.canWatchMore()) {
                quietReturn.watch(datagram, arrivalNanos);
                return PacketOutcome.HELD;
            }
        } else {
            backlog = quietReturn.backOnClockPastALoss(packet.ssrc(), packet.sequenceNumber(), lag);
        }
        boolean written = takeQuietReturn(backlog, false,
                !backlog && quietReturn.slowerThanPaced(arrivalNanos, packet.ssrc(), packet.timestamp()), scratch);
        screen(datagram);
        return written ? null : PacketOutcome.WRITE_FAILED;
    }

    /**
     * Whether a packet {@code lag} behind the wall clock, the first after a quiet spell or the one that proved a frozen
     * clock, is one more stall of a sender already late ({@link TimestampJumpRule#anotherStall}): counted, and left
     * where its timestamp puts it.
     */
    private boolean lateStall(long lag) {
        if (!jumpRule.anotherStall(lag, lagBeforeQuiet)) {
            return false;
        }
        counters.lateStalls++;
        return true;
    }

    /**
     * Whether the datagram being taken, read at {@code readNanos}, may have waited in its socket for longer than
     * {@value LagWatch#PRECISE_MILLIS} ms: the loop, busy rather than asleep in its selector, last saw the socket empty
     * longer ago than that. Its arrival, and with it the end of the quiet spell before it, is then known no better
     * than to that wait (series AC's N7 in docs/performance.md: half a second).
     */
    private boolean mayHaveWaited(long readNanos) {
        return !woken && (emptySinceNanos == UNKNOWN_EMPTY
                || readNanos - emptySinceNanos > LagWatch.PRECISE_MILLIS * 1_000_000L);
    }

    /**
     * How far the datagram being taken, placed at {@code position} and read at {@code wallClock}, lagged the wall
     * clock, as a hold that might follow it is to count it ({@link #newestLag}): the least it can have lagged
     * ({@link #lowestLag}), or, when no look at its socket says that, its lag as read, which is more by its wait in
     * the socket. Taking nothing for unknown re-anchored a sender already 6-16 s late (a load tool's socket thread
     * minutes behind), quiet for a moment and then paced again, by its whole lag where no look had told its lag
     * before the spell: 6 streams of series BP's BP1 in docs/performance.md had 6-16 s of silence inserted. The read
     * lag errs the other way by a read's wait: a hold right after a packet the loop read late gets that much less
     * silence.
     */
    private long lagBeforeAHold(long position, long wallClock) {
        long least = lowestLag(position);
        return least != Long.MIN_VALUE ? least : wallClock - position;
    }

    /**
     * The least the datagram being taken, placed at {@code position}, can lag the wall clock (it arrived after its
     * socket was last seen empty), or {@link Long#MIN_VALUE} when that is not known.
     */
    private long lowestLag(long position) {
        return emptySinceNanos == UNKNOWN_EMPTY ? Long.MIN_VALUE : clock.position(emptySinceNanos) - position;
    }

    /**
     * Takes the run kept aside after a quiet spell when no packet decides it: a pause or resume came, or the stream
     * ends (when its wait runs out, {@link #flushIfQuiet} takes it the same way, and also reads whether its successors
     * came {@link QuietReturn#slowerThanPaced slower than paced}). Its paced successors, watched and never catching
     * up, are the end of a hold. A first packet that came alone, nothing after it for
     * {@value QuietReturn#LONE_DECIDE_MILLIS} ms, is not: a sender resumes after a hold with paced packets, and one
     * packet then nothing is what a sender starved seconds behind sends last (every stream with silence inserted in
     * series AG and AV of docs/performance.md, 19 of 19, was such a packet, at the call's end). It is placed by its
     * timestamp and watched by the {@link LagWatch}, as a run that proved nothing; should a hold have ended there
     * after all, the next packets prove it (another quiet spell, or a second of steady lag), and only the lone
     * packet comes early by the hold.
     */
    private boolean takeUndecidedQuietReturn() {
        return takeQuietReturn(false, quietReturn.alone(), false, null);
    }

    /**
     * Takes the run kept aside after a quiet spell, if there is one: its first packet placed by its timestamp (a
     * backlog read late: as any packet not after a quiet spell; or a run read from the socket's queue that proved
     * nothing, watched by the {@link LagWatch}) or re-anchored where the wall clock put its arrival (the end of a hold
     * with a frozen clock), then its successors as any packets. {@code false} if writing failed ({@link #failure()}
     * says why); the view holds the last packet taken afterwards.
     *
     * @param lone    no packet decided the run, and it is its first packet alone ({@link #takeUndecidedQuietReturn})
     * @param slow    its successors came slower than paced ({@link QuietReturn#slowerThanPaced}): a starved sender
     * @param scratch the loop's decode array, or {@code null} on a path that has none (a pause, the sweep, the end)
     */
    private boolean takeQuietReturn(boolean backlog, boolean lone, boolean slow, short[] scratch) {
        if (!quietReturn.held()) {
            return true;
        }
        int count = quietReturn.count();
        quietReturn.release();
        ByteBuffer first = quietReturn.datagram(0);
        screen(first);
        long firstArrival = quietReturn.arrivalNanos(0);
        boolean written;
        boolean stall = !backlog && !lone && !slow
                && lateStall(clock.position(firstArrival) - positioner.position(packet.timestamp()));
        if (backlog || lone || slow || stall || quietReturn.readFromQueue()) {
            // A backlog; or packets read from the socket's queue that neither came back on the wall clock nor proved
            // a burst: a hold with a frozen clock and a sender or loop still late look the same there (series AC in
            // docs/performance.md), so the timestamps stand, as after a quiet spell the loop did not see, unless
            // steady, provable lag follows (LagWatch). Or a packet that came alone: a hold ends in the sender's paced
            // packets, and a packet that nothing followed is the last of a late sender as likely (series AV); so are
            // successors slower than paced (series BO).
            if (lone) {
                counters.loneReturns++;
            } else if (slow) {
                counters.slowReturns++; // successors slower than paced: a starved sender, no hold (series BO)
            } else if (stall) {
                // counted by lateStall: a sender already late, stalled once more (series BR)
            } else {
                counters.backlogs++;
            }
            written = placeAudio(first, true, true, quietReturn.streamSequence(), firstArrival, 0, 0, scratch)
                    != PacketOutcome.WRITE_FAILED;
            // its own look's, placed where it was judged; a lone packet's says nothing of the sender before a hold
            // that may still be going on (a keep-alive every few seconds, its clock frozen): not a measure to keep
            newestLag = lone ? Reanchors.UNKNOWN : quietReturn.provenLag();
            if (!backlog && !stall) {
                lagWatch.start(firstArrival, quietReturn.provenLag());
            }
        } else {
            counters.timestampJumps++;
            long before = positioner.position(packet.timestamp());
            long position = reanchorAfterHold(clock.position(firstArrival), Reanchors.Rule.QUIET_RETURN, count,
                    quietReturn.provenLag());
            newestLag = quietReturn.provenLag() == Reanchors.UNKNOWN ? Reanchors.UNKNOWN
                    : quietReturn.provenLag() - (position - before);
            written = write(first, position, quietReturn.streamSequence(), firstArrival, scratch);
        }
        // the successors came right behind the first, none after a quiet spell of its own: none may be kept aside
        // again while the copies are read. Read late (QuietReturn.readingLate), the first successor comes long after
        // the first packet by the loop's clock, so the quiet spell is taken to have ended with the newest of the run.
        lastPacketNanos = Math.max(lastPacketNanos, quietReturn.arrivalNanos(count - 1));
        // when their sockets were last seen empty was not kept with them: they prove nothing to the LagWatch
        long deciding = emptySinceNanos;
        emptySinceNanos = UNKNOWN_EMPTY;
        for (int i = 1; i < count && written; i++) {
            ByteBuffer next = quietReturn.datagram(i);
            written = take(next, screen(next), quietReturn.arrivalNanos(i), scratch) != PacketOutcome.WRITE_FAILED;
        }
        emptySinceNanos = deciding;
        quietReturn.trim();
        return written;
    }

    /**
     * Puts the packet in the view at {@code position} ({@link AudioPlacement}) and counts it; {@code false} if the
     * file write failed.
     *
     * @param scratch the loop's decode array, or {@code null} on a path that has none
     */
    private boolean write(ByteBuffer datagram, long position, long streamSequence, long arrivalNanos,
                          short[] scratch) {
        if (!placement.put(datagram, packet.payloadOffset(), packet.payloadLength(), position, streamSequence,
                arrivalNanos, scratch)) {
            return false;
        }
        positioner.accepted(packet.timestamp(), position);
        counters.received++;
        return true;
    }

    private void changeSource(long arrivalNanos) {
        sequence.newRun();
        dropProbation();
        ssrc = packet.ssrc();
        counters.ssrcChanges++;
        long position = reanchor(clock.position(arrivalNanos));
        reanchors().note(Reanchors.Rule.NEW_SOURCE, position, Reanchors.UNKNOWN, 1, Reanchors.UNKNOWN, Reanchors.UNKNOWN,
                Reanchors.UNKNOWN);
    }

    /** {@link #reanchor(long)} by {@code rule}, the packet decided alone, its proven lag not known. */
    private long reanchor(long wallClock, Reanchors.Rule rule) {
        return reanchor(wallClock, wallClock, rule, 1, Reanchors.UNKNOWN, Reanchors.UNKNOWN);
    }

    /**
     * Re-anchors the packet in the view, the first after a hold with a frozen clock ({@code rule}: proven, signalled
     * or judged), where {@link TimestampJumpRule#afterHold} puts it: less the lag the sender provably had already
     * before the quiet spell.
     */
    private long reanchorAfterHold(long wallClock, Reanchors.Rule rule, int run, long provenLag) {
        return reanchor(wallClock, jumpRule.afterHold(wallClock, lagBeforeQuiet), rule, run, provenLag,
                lagBeforeQuiet);
    }

    /**
     * {@link #reanchor(long)} at {@code target} by {@code rule}, noted with how far it moved the packet from its
     * timestamp's place, the {@code run} decided with it, how far behind the wall clock it was as read and provably,
     * and how far the sender was provably behind before a hold ({@link Reanchors#note}).
     */
    private long reanchor(long wallClock, long target, Reanchors.Rule rule, int run, long provenLag, long lagBefore) {
        long before = positioner.position(packet.timestamp());
        long position = reanchor(target);
        reanchors().note(rule, position, position - before, run, wallClock - before, provenLag, lagBefore);
        return position;
    }

    private Reanchors reanchors() {
        if (reanchors == null) {
            reanchors = new Reanchors(sampleRate);
        }
        return reanchors;
    }

    /** Anchors the current packet where the wall clock puts it, but never over audio already placed. */
    private long reanchor(long wallClock) {
        lagWatch.stop();
        long position = jumpRule.anchor(window.end(), wallClock);
        positioner.anchor(packet.timestamp(), position);
        clock.stopEstimating();
        counters.reanchors++;
        return position;
    }
}
