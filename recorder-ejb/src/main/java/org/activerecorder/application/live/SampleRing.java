package org.activerecorder.application.live;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded queue of one stream's audio for one listener, written by the stream's receive loop and read by the
 * listener's sender: one producer, one consumer, no lock. Audio is kept in chunks of at most {@link #chunkSamples}
 * samples, each with the stream position of its first sample and the instant it was placed ({@link System#nanoTime()},
 * so that a listener lines the streams up by when their audio came, not by when it reached it), in preallocated
 * slots: the producer allocates nothing.
 * When every slot is taken the producer drops what it is given and counts it; the listener hears a hole, the
 * recording does not.
 *
 * <p>Written by hand: the JDK's queues allocate a node or box per element, and a ring of preallocated slots is
 * a few lines (the indexes are volatile longs: the producer publishes a slot by advancing {@code head} after filling
 * it, the consumer frees one by advancing {@code tail} after reading it).
 */
public final class SampleRing {

    private final short[][] slots;
    private final long[] positions;
    private final long[] placedNanos;
    private final int[] counts;
    private final int chunkSamples;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param slots        how many chunks it holds
     * @param chunkSamples the most samples one chunk holds; longer offers take several
     */
    public SampleRing(int slots, int chunkSamples) {
        if (slots < 1 || chunkSamples < 1) {
            throw new IllegalArgumentException("slots " + slots + ", chunk " + chunkSamples);
        }
        this.slots = new short[slots][chunkSamples];
        this.positions = new long[slots];
        this.placedNanos = new long[slots];
        this.counts = new int[slots];
        this.chunkSamples = chunkSamples;
    }

    /** A ring for about {@code millis} of audio at {@code sampleRate}, in chunks of 20 ms. */
    public static SampleRing holding(int sampleRate, int millis) {
        int chunk = Math.max(1, sampleRate / 50);
        return new SampleRing(Math.max(2, millis / 20), chunk);
    }

    /**
     * Producer only: copies the samples in, placed at {@code nanos} ({@link System#nanoTime()}), or drops (and
     * counts) what does not fit. Never blocks.
     */
    public void offer(long position, short[] samples, int offset, int count, long nanos) {
        int done = 0;
        while (done < count) {
            long at = head.get();
            if (at - tail.get() >= slots.length) {
                dropped.addAndGet(count - done);
                return;
            }
            int slot = (int) (at % slots.length);
            int n = Math.min(chunkSamples, count - done);
            System.arraycopy(samples, offset + done, slots[slot], 0, n);
            positions[slot] = position + done;
            placedNanos[slot] = nanos;
            counts[slot] = n;
            head.set(at + 1); // publishes the slot
            done += n;
        }
    }

    /**
     * Consumer only: the next run of contiguous audio, at most {@code max} samples, or null if none is waiting. A run
     * ends where the positions jump (a drop, or a pause the stream did not fill).
     */
    public Chunk poll(int max) {
        long from = tail.get();
        long until = head.get();
        if (from == until) {
            return null;
        }
        int first = (int) (from % slots.length);
        long position = positions[first];
        int total = 0;
        long at = from;
        while (at < until) {
            int slot = (int) (at % slots.length);
            if (positions[slot] != position + total || total + counts[slot] > max) {
                break;
            }
            total += counts[slot];
            at++;
        }
        if (total == 0) { // one chunk longer than max: hand it over whole
            total = counts[first];
            at = from + 1;
        }
        short[] out = new short[total];
        int filled = 0;
        for (long i = from; i < at; i++) {
            int slot = (int) (i % slots.length);
            System.arraycopy(slots[slot], 0, out, filled, counts[slot]);
            filled += counts[slot];
        }
        tail.set(at); // frees the slots
        return new Chunk(position, placedNanos[first], out);
    }

    /** Samples dropped so far because the listener did not keep up. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Contiguous audio: {@code samples[0]} is at {@code position} in the stream and was placed by the receive loop at
     * {@code placedNanos} ({@link System#nanoTime()}).
     */
    public record Chunk(long position, long placedNanos, short[] samples) {
    }
}
