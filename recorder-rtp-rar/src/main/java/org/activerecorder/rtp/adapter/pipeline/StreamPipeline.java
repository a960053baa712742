package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.adapter.packet.RtpPacketView;
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
 * allowed host &rarr; latched source &rarr; RTP header and payload type &rarr; sequence (duplicates, loss)
 * &rarr; timestamp position (late, absurd jump) &rarr; G.711 decode &rarr; window (and from there the file).
 *
 * <p>Each step is a stage class of this package; this class only chains them and keeps the counters, in plain
 * fields, because one receive loop thread owns the stream. Nothing here allocates per packet or knows about
 * sockets: tests feed it byte buffers and addresses.
 *
 * <p>Two kinds of discontinuity re-anchor the timestamps (sample position = where the wall clock says we are,
 * never before the newest audio): a new synchronisation source, and a run of {@value #REANCHOR_AFTER}
 * in-sequence packets whose timestamps all fall outside the window (a sender that reset its timestamp clock).
 * Without that rule such a stream would be dropped as late or as a jump until it ends.
 */
public final class StreamPipeline {

    /** How far ahead of both the newest audio and the wall clock a packet may land before it is not believed. */
    public static final int MAX_JUMP_SECONDS = 60;

    /** In-sequence packets outside the window in a row before the timestamps are re-anchored. */
    public static final int REANCHOR_AFTER = 10;

    private final int payloadType;
    private final G711Decoder decoder;
    private final int clockRate;
    private final long maxJump;
    private final AllowedPeers peers;
    private final RtpPacketView packet = new RtpPacketView();
    private final SourceLatch latch = new SourceLatch();
    private final SequenceTracker sequence = new SequenceTracker();
    private final TimestampPositioner positioner = new TimestampPositioner();
    private final AudioWindow window;

    private long ssrc;
    private long firstArrivalNanos;
    private long lastWriteNanos;
    private int outOfWindowRun;
    private IOException failure;

    private long received;
    private long malformed;
    private long foreign;
    private long late;
    private long lostInEarlierSources;
    private long duplicates;
    private long jumps;
    private long sourceChanges;
    private long reanchors;

    /**
     * @param spec   the stream: codec, payload types, expected source (its file is the sink's business)
     * @param peers  the hosts media may come from
     * @param sink   where finished audio goes (the stream's file)
     */
    public StreamPipeline(StreamSpec spec, AllowedPeers peers, SampleSink sink) {
        this(spec.payloadType(), spec.codec(), peers, sink);
    }

    /** A stream with no telephone events and no expected source. */
    public StreamPipeline(int payloadType, AudioCodec codec, AllowedPeers peers, SampleSink sink) {
        this.payloadType = payloadType;
        this.decoder = G711Decoder.of(codec);
        this.clockRate = codec.clockRate();
        this.maxJump = (long) MAX_JUMP_SECONDS * clockRate;
        this.peers = peers;
        this.window = new AudioWindow(clockRate, sink);
    }

    /** No valid packet yet: the caller should take the wall-clock time of the datagram it is about to pass. */
    public boolean awaitingFirstPacket() {
        return !latch.isLatched();
    }

    /**
     * Takes one datagram.
     *
     * @param datagram     the datagram between position and limit (read in place, not consumed)
     * @param from         its sender
     * @param arrivalNanos {@link System#nanoTime()} at its arrival
     * @param scratch      a reusable array of at least {@link #maxPacketSamples()} samples for decoding
     */
    public PacketOutcome accept(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos, short[] scratch) {
        PacketOutcome screened = screen(datagram, from);
        if (screened != null) {
            return screened;
        }
        boolean first = !latch.isLatched();
        if (first) {
            latch.latch(from);
            ssrc = packet.ssrc();
            firstArrivalNanos = arrivalNanos;
            positioner.anchor(packet.timestamp(), 0);
        } else if (packet.ssrc() != ssrc) {
            changeSource(arrivalNanos);
        }
        SequenceTracker.Verdict order = sequence.offer(packet.sequenceNumber());
        if (order == SequenceTracker.Verdict.DUPLICATE) {
            duplicates++;
            return PacketOutcome.DUPLICATE;
        }
        if (order == SequenceTracker.Verdict.TOO_OLD) {
            late++;
            return PacketOutcome.LATE;
        }
        long position = positioner.position(packet.timestamp());
        PacketOutcome refusal = refusal(position, arrivalNanos);
        if (refusal != null) {
            if (order != SequenceTracker.Verdict.NEXT || ++outOfWindowRun < REANCHOR_AFTER) {
                return count(refusal);
            }
            position = reanchor(arrivalNanos);
        }
        if (order == SequenceTracker.Verdict.NEXT) {
            outOfWindowRun = 0;
        }
        if (!write(datagram, position, scratch, arrivalNanos)) {
            return PacketOutcome.WRITE_FAILED;
        }
        return first ? PacketOutcome.FIRST_PACKET : PacketOutcome.ACCEPTED;
    }

    /**
     * Silences the stream from {@code atNanos} ({@link System#nanoTime()} domain) on: see
     * {@code RtpConnection.pause}. Audio still in memory from after that instant is silenced too.
     */
    public void pause(long atNanos) {
        // contract stub: implemented with the gap timeline
    }

    /** Ends a pause at {@code atNanos}. */
    public void resume(long atNanos) {
        // contract stub: implemented with the gap timeline
    }

    /** Whether the stream is paused now. */
    public boolean paused() {
        return false;
    }

    /** Sets (or, with {@code null}, clears) the tap that hears decoded audio as it is placed. */
    public void tap(AudioTap tap) {
        // contract stub
    }

    /** {@link System#nanoTime()} of the newest datagram taken as the stream's, or of none yet: 0 and {@link #awaitingFirstPacket()}. */
    public long lastPacketNanos() {
        return lastWriteNanos;
    }

    /**
     * How much earlier than the first packet's arrival sample 0 of the file is, as estimated from the stream's first
     * seconds (never negative): the first packet's extra delay over the fastest packets that followed it.
     */
    public long startCorrectionNanos() {
        return 0;
    }

    /** The gaps with their causes, and the telephone events, so far (allocates: call it at close, not per packet). */
    public StreamTimeline timeline() {
        return StreamTimeline.EMPTY;
    }

    /** Writes the audio still in the window: the end of the stream. */
    public void finish() throws IOException {
        window.flushAll();
    }

    /**
     * Writes the audio still in the window if no packet has been written for {@code quietNanos}: a stream on
     * hold, or whose sender stopped without a BYE, keeps nothing only in memory.
     *
     * @return {@code false} if the write failed ({@link #failure()} says why)
     */
    public boolean flushIfQuiet(long nowNanos, long quietNanos) {
        if (!window.hasUnflushed() || nowNanos - lastWriteNanos < quietNanos) {
            return true;
        }
        try {
            window.flushAll();
            return true;
        } catch (IOException e) {
            failure = e;
            return false;
        }
    }

    /** The most samples one packet may carry (and the least a decode scratch array must hold). */
    public int maxPacketSamples() {
        return window.maxPacketSamples();
    }

    /** The stream's counters; {@code samplesWritten} is what the file holds so far. */
    public StreamStatistics statistics() {
        return new StreamStatistics(received, malformed, foreign, late, lostInEarlierSources + sequence.lost(),
                duplicates, window.flushedSamples(), 0, sourceChanges, 0, 0, 0, 0, reanchors);
    }

    /** The latched source, or {@code null} before the first packet. */
    public InetSocketAddress source() {
        return latch.source();
    }

    /** The current synchronisation source (meaningful once a packet was accepted). */
    public long ssrc() {
        return ssrc;
    }

    /** Why writing failed, after {@link PacketOutcome#WRITE_FAILED}. */
    public IOException failure() {
        return failure;
    }

    /** The counters that have no place in {@link StreamStatistics}, for the stream's closing log line. */
    public String diagnostics() {
        return "duplicates=" + duplicates + " jumps=" + jumps + " ssrcChanges=" + sourceChanges
                + " reanchors=" + reanchors;
    }

    /** Foreign or malformed, or {@code null} if the packet (now parsed into the view) may go on. */
    private PacketOutcome screen(ByteBuffer datagram, InetSocketAddress from) {
        if (!peers.allows(from.getAddress()) || (latch.isLatched() && !latch.matches(from))) {
            foreign++;
            return PacketOutcome.FOREIGN;
        }
        if (!packet.parse(datagram).isValid() || packet.payloadType() != payloadType) {
            malformed++;
            return PacketOutcome.MALFORMED;
        }
        int samples = packet.payloadLength(); // G.711: one sample per octet
        if (samples == 0 || samples > window.maxPacketSamples()) {
            malformed++;
            return PacketOutcome.MALFORMED;
        }
        return null;
    }

    /** Decodes the payload into the window at {@code position}; {@code false} if the file write failed. */
    private boolean write(ByteBuffer datagram, long position, short[] scratch, long arrivalNanos) {
        int samples = packet.payloadLength();
        decoder.decode(datagram, packet.payloadOffset(), samples, scratch);
        try {
            window.put(position, scratch, samples);
        } catch (IOException e) {
            failure = e;
            return false;
        }
        positioner.accepted(packet.timestamp(), position);
        received++;
        lastWriteNanos = arrivalNanos;
        return true;
    }

    private PacketOutcome refusal(long position, long arrivalNanos) {
        if (window.check(position) == AudioWindow.Placement.LATE) {
            return PacketOutcome.LATE;
        }
        if (position - Math.max(window.end(), wallClockPosition(arrivalNanos)) > maxJump) {
            return PacketOutcome.JUMP;
        }
        return null;
    }

    private PacketOutcome count(PacketOutcome refusal) {
        if (refusal == PacketOutcome.LATE) {
            late++;
        } else {
            jumps++;
            malformed++;
        }
        return refusal;
    }

    private void changeSource(long arrivalNanos) {
        lostInEarlierSources += sequence.lost();
        sequence.reset();
        ssrc = packet.ssrc();
        sourceChanges++;
        reanchor(arrivalNanos);
    }

    /** Anchors the current packet where the wall clock puts it, but never over audio already placed. */
    private long reanchor(long arrivalNanos) {
        long position = Math.max(window.end(), wallClockPosition(arrivalNanos));
        positioner.anchor(packet.timestamp(), position);
        outOfWindowRun = 0;
        reanchors++;
        return position;
    }

    /** Samples elapsed since the first packet arrived, by the monotonic clock. */
    private long wallClockPosition(long arrivalNanos) {
        return (arrivalNanos - firstArrivalNanos) / 1_000 * clockRate / 1_000_000;
    }
}
