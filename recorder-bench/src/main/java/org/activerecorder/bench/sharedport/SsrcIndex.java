package org.activerecorder.bench.sharedport;

/**
 * Which stream an SSRC belongs to, for a socket that receives many streams: an open-addressing table from the
 * 32-bit SSRC to a stream number, sized once, so that looking a packet up allocates nothing and takes no lock (a
 * {@code HashMap<Integer, ...>} would box the key of every packet). Stream numbers are handed out in order of first
 * sight, up to the capacity; an SSRC seen when the table is full gets none.
 *
 * <p>Written by hand because no library on the classpath has a primitive int-to-int map; it is twenty lines.
 */
final class SsrcIndex {

    private static final int EMPTY = -1;

    private final int[] keys;
    private final int[] streams;
    private final int mask;
    private final int capacity;
    private int size;

    /** A table for up to {@code capacity} SSRCs, at most half full so that probes stay short. */
    SsrcIndex(int capacity) {
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 4 - 1);
        this.keys = new int[slots];
        this.streams = new int[slots];
        this.mask = slots - 1;
        this.capacity = capacity;
        java.util.Arrays.fill(streams, EMPTY);
    }

    /** The stream of {@code ssrc}, admitting it as the next stream when first seen; -1 when the table is full. */
    int streamOf(int ssrc) {
        int slot = mix(ssrc) & mask;
        while (streams[slot] != EMPTY) {
            if (keys[slot] == ssrc) {
                return streams[slot];
            }
            slot = (slot + 1) & mask;
        }
        if (size == capacity) {
            return EMPTY;
        }
        keys[slot] = ssrc;
        streams[slot] = size;
        return size++;
    }

    int size() {
        return size;
    }

    /** SSRCs are random, but a sender may number them in sequence: spread the bits (Fibonacci hashing). */
    private static int mix(int ssrc) {
        int h = ssrc * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
