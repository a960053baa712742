package org.activerecorder.rtp.adapter.decode;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The payloads of one stream waiting to be decoded off the receive loop, and their audio once decoded: a ring of
 * {@value #SLOTS} preallocated slots shared by the stream's receive loop and the loop's {@link DecodeWorker}.
 *
 * <p>The loop {@link #submit submits} a placed packet: it copies the payload into the next free slot with the
 * position the packet has in the stream's file, and queues the slot on the worker; nothing is allocated, no lock is
 * taken. The worker decodes slots in the order they were submitted (the decoder has state) into the slot's own
 * sample array and marks it done or failed. The loop takes finished slots back in the same order ({@link #ready},
 * {@link #release}) and places their audio. A slot goes through FREE &rarr; QUEUED &rarr; DECODING &rarr; DONE or
 * FAILED &rarr; FREE; the loop owns FREE and the finished states, the worker QUEUED &rarr; DECODING &rarr; finished,
 * each hand-over a volatile write of the slot's state, so the payload and the samples are seen whole.
 *
 * <p>Nothing is lost silently: a packet that finds no free slot (the worker is {@value #SLOTS} packets behind), or
 * is too long for one, is {@link #submit refused}, and a decode that throws ends FAILED; the caller writes both as
 * silence counted as a recorder failure. At the stream's end {@link #drain} finishes what is still queued on the
 * calling thread, so the last packets are not lost to a worker that had not got to them yet.
 *
 * <p>Memory: {@value #SLOTS} slots, each made for a usual packet when the stream opens ({@value #USUAL_PAYLOAD}
 * payload octets, 20 ms of samples: about 45 KB a stream at 16 kHz) and grown once, on the loop while the slot is
 * free, the first time a longer one comes (up to {@value #MAX_PAYLOAD} octets, 120 ms): nothing is allocated per
 * packet once a stream's slots have seen its longest packet. (Sized for the longest from the start, 16 slots took 85
 * KB.)
 */
public final class DecodeSlots {

    /**
     * Packets a stream may have waiting: 960 ms of 20 ms packets, nearly the window's ring (1,024 ms at 16 kHz; the
     * window keeps a span whose decoding is under way for that long, not just its half-second hold), so that a worker
     * behind is bounded by the window rather than by the slots. With 16 (320 ms), a collector's pause of 350 ms at 200
     * Opus calls had the packets read after it refused: 13,992 of the 14,218 undecoded in that run
     * (docs/performance.md, "Codecs").
     */
    public static final int SLOTS = 48;
    /** The largest payload a slot holds: an Ethernet MTU's worth (Opus packets are at most 1275 octets per frame). */
    public static final int MAX_PAYLOAD = 1_500;
    /** A slot's payload room when the stream opens: 20 ms of Opus up to 100 kbit/s (voice uses 16-64). */
    static final int USUAL_PAYLOAD = 256;

    private static final Logger LOG = Logger.getLogger(DecodeSlots.class.getName());

    private static final int FREE = 0;
    private static final int QUEUED = 1;
    private static final int DECODING = 2;
    private static final int DONE = 3;
    private static final int FAILED = 4;
    /** Taken back by {@link #drain} before the worker got to it. */
    private static final int CLAIMED = 5;

    private final String streamId;
    private final FrameDecoder decoder;
    private final DecodeWorker worker;
    private final AtomicIntegerArray states = new AtomicIntegerArray(SLOTS);
    /** Grown by the loop while a slot is FREE; the worker sees the new array through the slot's QUEUED write. */
    private final byte[][] payloads = new byte[SLOTS][USUAL_PAYLOAD];
    private final int[] lengths = new int[SLOTS];
    private final long[] positions = new long[SLOTS];
    private final int[] expected = new int[SLOTS];
    /** As {@link #payloads}: each slot's room for one packet's samples, grown up to {@link #maxSamples}. */
    private final short[][] samples;
    private final int maxSamples;
    /** Loop only: the next slot to fill, and the oldest not yet taken back (both count up; index = value % SLOTS). */
    private long head;
    private long tail;
    /**
     * Whether a decode failure of this stream was logged already (one line per stream, then counted): the worker's,
     * or the loop's once it decodes the stream itself ({@link #drain}, {@link #decodeHere}).
     */
    private boolean failureLogged;

    /**
     * @param streamId   for the log line of a failed decode
     * @param decoder    the stream's decoder (used by the worker, or by the loop in {@link #drain})
     * @param worker     the stream's loop's decode worker
     * @param maxSamples   the most samples one packet decodes to
     * @param usualSamples the samples of a usual packet (20 ms), each slot's room until a longer packet comes
     */
    public DecodeSlots(String streamId, FrameDecoder decoder, DecodeWorker worker, int maxSamples, int usualSamples) {
        this.streamId = streamId;
        this.decoder = decoder;
        this.worker = worker;
        this.maxSamples = maxSamples;
        this.samples = new short[SLOTS][Math.min(usualSamples, maxSamples)];
    }

    /**
     * On the loop: queues the payload at {@code [offset, offset + length)} of {@code datagram} (absolute, read in
     * place) for decoding into {@code count} samples at {@code position} of the stream's file.
     *
     * @return {@code false} if it was refused: no free slot, a payload too long, or the worker's queue full; the
     *         caller records the packet's span as a recorder failure
     */
    public boolean submit(ByteBuffer datagram, int offset, int length, long position, int count) {
        int slot = (int) (head % SLOTS);
        if (length > MAX_PAYLOAD || count > maxSamples || states.get(slot) != FREE) {
            return false;
        }
        if (payloads[slot].length < length) {
            payloads[slot] = new byte[MAX_PAYLOAD]; // once per slot: a stream that sends one such packet may send more
        }
        if (samples[slot].length < count) {
            samples[slot] = new short[maxSamples];
        }
        datagram.get(offset, payloads[slot], 0, length);
        lengths[slot] = length;
        positions[slot] = position;
        expected[slot] = count;
        states.set(slot, QUEUED);
        if (!worker.offer(this, slot)) {
            states.set(slot, FREE);
            return false;
        }
        head++;
        return true;
    }

    /**
     * On the loop: whether a packet submitted now would be refused for want of room: every slot is taken (decoding,
     * or decoded and not taken back yet), or the worker's queue is full.
     */
    public boolean full() {
        return head - tail >= SLOTS || worker.full();
    }

    /** The most samples one packet may decode to (what the window must have room for beyond the backlog). */
    public int maxSamples() {
        return maxSamples;
    }

    /** On the loop: whether a submitted packet has not been taken back yet. */
    public boolean pending() {
        return tail != head;
    }

    /** On the loop: the file position of the oldest packet not taken back yet, {@link Long#MAX_VALUE} if none. */
    public long oldestPosition() {
        return pending() ? positions[(int) (tail % SLOTS)] : Long.MAX_VALUE;
    }

    /** On the loop: whether the oldest submitted packet is decoded (or failed) and can be taken back. */
    public boolean ready() {
        if (!pending()) {
            return false;
        }
        int state = states.get((int) (tail % SLOTS));
        return state == DONE || state == FAILED;
    }

    /** The oldest packet, once {@link #ready}: whether it decoded. */
    public boolean decoded() {
        return states.get((int) (tail % SLOTS)) == DONE;
    }

    /** The oldest packet's position in the file. */
    public long position() {
        return positions[(int) (tail % SLOTS)];
    }

    /** The oldest packet's sample count, as its TOC said when it was placed. */
    public int count() {
        return expected[(int) (tail % SLOTS)];
    }

    /** The oldest packet's decoded samples, {@link #count()} of them (valid until {@link #release}). */
    public short[] samples() {
        return samples[(int) (tail % SLOTS)];
    }

    /** On the loop: done with the oldest packet; its slot is free again. */
    public void release() {
        states.set((int) (tail % SLOTS), FREE);
        tail++;
    }

    /**
     * On the loop, at the stream's end: finishes every packet still waiting, so that all are {@link #ready}. Packets
     * the worker has not taken are decoded here, in order, once the one it may be decoding is done (waiting at most
     * until {@code deadlineNanos}); if it is not done by then, the rest are marked failed, since the decoder cannot
     * be used by two threads. Allocates (the decoder does): once per stream, never per packet.
     *
     * @return whether the decoder is free (the worker was in none of the stream's packets, or finished it in time):
     *         only then may {@link #decodeHere} use it
     */
    public boolean drain(long deadlineNanos) {
        for (long i = tail; i < head; i++) {
            states.compareAndSet((int) (i % SLOTS), QUEUED, CLAIMED);
        }
        boolean decoderFree = true;
        for (long i = tail; i < head; i++) {
            int slot = (int) (i % SLOTS);
            while (states.get(slot) == DECODING && System.nanoTime() - deadlineNanos < 0) {
                Thread.onSpinWait();
            }
            if (states.get(slot) == DECODING) {
                decoderFree = false;
            }
        }
        for (long i = tail; i < head; i++) {
            int slot = (int) (i % SLOTS);
            if (states.get(slot) == CLAIMED) {
                if (decoderFree) {
                    decodeSlot(slot, CLAIMED);
                } else {
                    states.set(slot, FAILED);
                }
            } else {
                states.compareAndSet(slot, DECODING, FAILED); // the worker's late result is then ignored
            }
        }
        return decoderFree;
    }

    /**
     * On the loop, at the stream's close, once {@link #drain} has found the decoder free and every slot has been
     * taken back: decodes the payload at {@code [offset, offset + length)} of {@code datagram} here, not on the
     * worker, into {@code count} samples (zero-filled past what the decoder gives). Nothing is queued on the worker
     * again, so the entries it still holds for the stream's slots find them free and do nothing, and the decoder
     * serves one thread. Allocates (the decoder does), as the close does anyway.
     *
     * @return the samples (valid until the next call), or {@code null} if the payload is too long or the decoder
     *         threw (the caller records a failure)
     */
    public short[] decodeHere(ByteBuffer datagram, int offset, int length, int count) {
        if (length > MAX_PAYLOAD || count > maxSamples || pending()) {
            return null;
        }
        if (payloads[0].length < length) {
            payloads[0] = new byte[MAX_PAYLOAD];
        }
        if (samples[0].length < count) {
            samples[0] = new short[maxSamples];
        }
        datagram.get(offset, payloads[0], 0, length);
        lengths[0] = length;
        expected[0] = count;
        return decodeInto(0) ? samples[0] : null;
    }

    /** On the worker: decodes the slot, unless {@link #drain} took it back. */
    void decode(int slot) {
        if (states.compareAndSet(slot, QUEUED, DECODING)) {
            decodeSlot(slot, DECODING);
        }
    }

    /** Decodes the slot, which is in state {@code from}, and marks it done or failed if it still is. */
    private void decodeSlot(int slot, int from) {
        states.compareAndSet(slot, from, decodeInto(slot) ? DONE : FAILED);
    }

    /**
     * Decodes the slot's payload into its samples, zero-filled past what the decoder gives; {@code false} if the
     * decoder threw (logged once per stream, then only counted by the caller).
     */
    private boolean decodeInto(int slot) {
        short[] target = samples[slot];
        int count = expected[slot];
        try {
            int decoded = decoder.decode(payloads[slot], lengths[slot], target);
            if (decoded < count) {
                Arrays.fill(target, Math.max(0, decoded), count, (short) 0);
            }
            return true;
        } catch (Exception | LinkageError | AssertionError e) {
            // AssertionError and LinkageError too: a decoder's internal check or a broken jar must not end the worker
            if (!failureLogged) {
                failureLogged = true;
                LOG.log(Level.WARNING, "decoding a packet of stream " + streamId + " failed; it is recorded as silence"
                        + " (a recorder failure gap); further failures of this stream are only counted", e);
            }
            return false;
        }
    }
}
