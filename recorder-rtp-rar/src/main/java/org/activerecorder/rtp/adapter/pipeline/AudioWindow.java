package org.activerecorder.rtp.adapter.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * The last stretch of a stream's decoded audio, kept in memory so that reordered packets land in their place
 * before it is written, and so that the file is written in large batches instead of once per packet.
 *
 * <p>A ring of about one second of samples (the power of two at or above the sample rate, for masking) covers sample
 * positions {@code [flushed, flushed + capacity)}. A packet is written at its position; positions nobody wrote stay
 * zero, which is how a gap becomes silence of the exact length. When a packet does not fit in the ring any more (the
 * audio waiting unwritten reaches the ring's capacity less that packet), all of it but the newest half of the ring
 * (just over half a second, the reorder hold) is flushed to the {@link SampleSink} and zeroed for reuse: about two
 * writes (and header updates) per second of audio, and never more than the ring, about a second of audio, only in
 * memory, which is what a crash can lose. The header is updated at every write, not once a second: what a crash
 * leaves is read by its header, so a header a second behind would double what a crash loses. A packet before the
 * flushed region is {@link Placement#LATE}: its place in the file is already written. (How far ahead a packet may
 * land is the pipeline's call, since it knows the wall clock.)
 *
 * <p>A packet further ahead than the ring reaches (a hold, silence suppression, a sender that stopped: 20 ms to
 * hours) costs neither memory nor time in proportion to the gap: the window writes out what it holds, asks the sink
 * to {@link SampleSink#skip skip} over the silence (a sparse region of the file, read as zeros), and starts again a
 * reorder hold before the packet, so packets reordered around the end of the gap still find their place.
 *
 * <p>The ring is a heap buffer already in the file's byte order, so flushing is a plain write of a slice.
 * Memory: 16 KiB per 8 kHz stream (32 KiB at 16 kHz), 48 MiB for 3,000 narrowband streams: as small as the reorder
 * hold and batches of about half a second allow (the heap per call is a target of its own, docs/performance.md). The
 * ring comes from a {@link RingPool} and goes back to it when the stream ends ({@link #release}), so that the
 * collector does not copy it around for the call's length.
 */
public final class AudioWindow {

    /** Where a packet may go. */
    public enum Placement {
        /** Inside or ahead of the window: write it. */
        FITS,
        /** Before the flushed region: its place in the file is already written. */
        LATE
    }

    private final SampleSink sink;
    private final RingPool pool;
    /** The ring and its views, all {@code null} once {@link #release released}. */
    private ByteBuffer ring;
    /** A second view of the ring: the part after the wrap of a flush that wraps, written with the part before it. */
    private ByteBuffer ringHead;
    private byte[] ringBytes;
    /** The ring as samples, for writing a packet's samples with one bulk copy (or two, where it wraps). */
    private ShortBuffer ringSamples;
    private final int capacity;
    private final int mask;
    private final int hold;

    private long flushed;
    private long end;
    private PauseSpans pauses;

    /** A window for audio at {@code clockRate} Hz, flushing into {@code sink}, its ring new. */
    public AudioWindow(int clockRate, SampleSink sink) {
        this(clockRate, sink, RingPool.NONE);
    }

    /**
     * A window for audio at {@code clockRate} Hz, flushing into {@code sink}, its ring taken from {@code pool} and
     * given back by {@link #release}.
     */
    public AudioWindow(int clockRate, SampleSink sink, RingPool pool) {
        this.sink = sink;
        this.pool = pool;
        this.capacity = Integer.highestOneBit(clockRate - 1) << 1;
        this.mask = capacity - 1;
        this.hold = capacity / 2;
        this.ringBytes = pool.take(capacity * 2);
        this.ring = ByteBuffer.wrap(ringBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.ringHead = ByteBuffer.wrap(ringBytes).order(ByteOrder.LITTLE_ENDIAN);
        this.ringSamples = ring.asShortBuffer();
    }

    /** Where a packet starting at sample {@code position} may go. */
    public Placement check(long position) {
        return position < flushed ? Placement.LATE : Placement.FITS;
    }

    /**
     * The most samples one packet may carry: the whole ring (a second, what the codecs allow), since the room for a
     * packet is made before it is written, so that it never overwrites audio it follows. The reorder hold behind the
     * newest audio stays whole; only the room behind a packet longer than half the ring is less than the hold.
     */
    public int maxPacketSamples() {
        return capacity;
    }

    /**
     * Writes {@code samples[0..count)} at {@code position}, flushing older audio first if the ring has no room.
     * The caller has checked the placement is {@link Placement#FITS} and that {@code count} is at most
     * {@link #maxPacketSamples()}.
     *
     * @throws IOException when the sink fails; the window is then unusable
     */
    public void put(long position, short[] samples, int count) throws IOException {
        requireRing();
        makeRoomFor(position, count);
        int offset = (int) (position & mask);
        int untilWrap = Math.min(count, capacity - offset);
        ringSamples.put(offset, samples, 0, untilWrap);
        if (untilWrap < count) {
            ringSamples.put(0, samples, untilWrap, count - untilWrap);
        }
        end = Math.max(end, position + count);
    }

    /**
     * Takes {@code [position, position + count)} as placed audio that is not there yet (its decoding is under way off
     * the loop): silence until {@link #put} writes it, exactly as if {@code count} zeros were put, without writing
     * over audio that may already be there. Same preconditions as {@link #put}.
     */
    public void reserve(long position, int count) throws IOException {
        reserve(position, count, Long.MAX_VALUE);
    }

    /**
     * {@link #reserve(long, int)}, writing nothing out from {@code keepFrom} on unless the ring has no room otherwise:
     * audio whose decoding is still under way (the oldest such span) stays in memory for up to the ring's whole second
     * instead of its half-second hold, so that a decode worker that falls that far behind is not late.
     */
    public void reserve(long position, int count, long keepFrom) throws IOException {
        requireRing();
        makeRoomFor(position, count, keepFrom);
        end = Math.max(end, position + count);
    }

    /**
     * Flushes everything up to the newest sample: the end of the stream, or a stream that has gone quiet (a
     * reordered packet arriving after this is late). The sink is committed.
     */
    public void flushAll() throws IOException {
        writeOutUpTo(end);
    }

    /**
     * Flushes up to {@code position} (at most everything): a quiet stream's audio, but not a span whose decoding is
     * still under way. The sink is committed.
     */
    public void flushUpTo(long position) throws IOException {
        writeOutUpTo(Math.min(end, position));
    }

    /**
     * Makes the stream {@code position} samples long, the samples after the newest audio being silence (skipped in
     * the sink): the end of a stream that was paused until it closed. Flushes everything; does nothing if the stream
     * is already that long.
     */
    public void extendTo(long position) throws IOException {
        writeOutUpTo(end);
        if (position > flushed) {
            skipTo(position);
            sink.commit();
        }
    }

    /**
     * Has the window silence what {@code pauses} cover as it writes audio out, and only then: a resume that arrives
     * while its audio is still in memory keeps that audio.
     */
    void silenceOnWrite(PauseSpans pauses) {
        this.pauses = pauses;
    }

    /** Silences the samples of {@code [from, to)} still in memory. */
    public void silence(long from, long to) {
        long first = Math.max(from, flushed);
        long last = Math.min(to, flushed + capacity);
        while (first < last) {
            int offset = (int) (first & mask);
            int samples = (int) Math.min(last - first, capacity - offset);
            Arrays.fill(ringBytes, offset << 1, (offset + samples) << 1, (byte) 0);
            first += samples;
        }
    }

    /** Whether audio waits in memory that is not in the sink yet. */
    public boolean hasUnflushed() {
        return end > flushed;
    }

    /** Samples handed to the sink so far. */
    public long flushedSamples() {
        return flushed;
    }

    /** One past the newest sample written; where contiguous audio would continue. */
    public long end() {
        return end;
    }

    /**
     * Gives the ring back to its pool: the stream has ended (its audio written out, or its writing failed) and nothing
     * is put in this window again. Whatever would still use it fails at once on the missing ring instead of writing
     * into another stream's audio. The positions and {@link #flushedSamples()} stay readable. Does nothing the second
     * time.
     */
    public void release() {
        byte[] released = ringBytes;
        if (released == null) {
            return;
        }
        ring = null;
        ringHead = null;
        ringSamples = null;
        ringBytes = null;
        pool.give(released);
    }

    private void requireRing() {
        if (ringBytes == null) {
            throw new IllegalStateException("the audio window was released: its stream has ended");
        }
    }

    /** Samples the ring holds: the reorder depth behind the newest audio is at least half of it. */
    public int capacity() {
        return capacity;
    }

    /** The sample at an unflushed position (zero where nothing was written); for tests. */
    short sampleAt(long position) {
        if (position < flushed || position >= flushed + capacity) {
            throw new IllegalArgumentException("position " + position + " is not in the window");
        }
        return ring.getShort((int) (position & mask) << 1);
    }

    /**
     * Flushes until the ring reaches the end of a packet of {@code count} samples at {@code position}, in one batch:
     * everything but the reorder hold behind the newest audio (never the packet's own place), or more if the packet
     * needs it. If the packet lies beyond the audio in memory, all of it is written and the silence up to a reorder
     * hold before the packet (or less, for a packet longer than half the ring) is skipped.
     */
    private void makeRoomFor(long position, int count) throws IOException {
        makeRoomFor(position, count, Long.MAX_VALUE);
    }

    private void makeRoomFor(long position, int count, long keepFrom) throws IOException {
        long needed = position + count - capacity;
        if (needed <= flushed) {
            return;
        }
        if (needed <= end) {
            writeOutUpTo(Math.max(needed, Math.min(Math.min(end - hold, position), keepFrom)));
            return;
        }
        writeOutUpTo(end);
        skipTo(Math.max(needed, position - hold));
    }

    /** Moves the flushed point to {@code position} over silence that never was in the ring (nothing to zero). */
    private void skipTo(long position) throws IOException {
        sink.skip(position - flushed);
        flushed = position;
        end = Math.max(end, flushed);
    }

    private void writeOutUpTo(long target) throws IOException {
        if (pauses != null && flushed < target) {
            pauses.silenceBeforeWrite(this, flushed, target);
        }
        while (flushed < target) {
            writeOut((int) (flushed & mask), (int) Math.min(target - flushed, capacity));
        }
        sink.commit();
    }

    /**
     * Writes out {@code samples} of the ring from {@code offset} in one append: where they run past the ring's end, its
     * part there and the part from the ring's start go together ({@link SampleSink#append(ByteBuffer, ByteBuffer)}),
     * one system call for the stream file instead of two. About half of the batches wrap, since a batch is the ring's
     * half less a packet (docs/performance.md, "Series AX").
     */
    private void writeOut(int offset, int samples) throws IOException {
        requireRing();
        int from = offset << 1;
        int to = Math.min(offset + samples, capacity) << 1;
        int headTo = Math.max(offset + samples - capacity, 0) << 1;
        ring.limit(to).position(from);
        try {
            if (headTo == 0) {
                sink.append(ring);
            } else {
                ringHead.limit(headTo);
                sink.append(ring, ringHead);
            }
        } finally {
            ring.clear();
            ringHead.clear();
        }
        Arrays.fill(ringBytes, from, to, (byte) 0);
        Arrays.fill(ringBytes, 0, headTo, (byte) 0);
        flushed += samples;
        end = Math.max(end, flushed);
    }
}
