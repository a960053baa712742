package org.activerecorder.rtp.adapter.pipeline;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The audio windows' rings ({@link AudioWindow}) of streams that ended, kept for the streams that start next.
 *
 * <p>Why: a ring is most of what a stream allocates (16 KiB of a steady G.711 stream's 18.5), and it lives as long as
 * the call. G1 keeps such objects in its survivor spaces until their age reaches its tenuring threshold, so a new
 * ring was copied four to seven times in the young pauses of a ramp (docs/performance.md, series AX), and those pauses
 * were the INVITE's p99 in a quiet hour (series U). A ring taken from here was promoted once and for all: the young
 * pauses copy the calls' small objects only, and the server spent 18-47 % less time paused (series AZ). A pool of
 * arrays is all this needs; Netty's allocator would add a library and reference counting for one fixed size per
 * sample rate.
 *
 * <p>Rings are handed out zeroed (what a window's positions nobody wrote must read as). Idle rings are kept up to
 * {@link #idleLimitBytes} in all; beyond that a ring given back is left to the collector. Thread-safe: streams open
 * on the caller's thread and end on their receive loop's.
 */
public final class RingPool {

    /** What a window made without a pool uses: every ring is new and goes to the collector. */
    public static final RingPool NONE = new RingPool(0);

    private final long idleLimitBytes;
    private final Map<Integer, ArrayDeque<byte[]>> idle = new HashMap<>();
    private long idleBytes;
    private long taken;
    private long reused;

    /** @param idleLimitBytes the most bytes of idle rings kept (0: none, every ring is new) */
    public RingPool(long idleLimitBytes) {
        if (idleLimitBytes < 0) {
            throw new IllegalArgumentException("idle limit " + idleLimitBytes + " < 0");
        }
        this.idleLimitBytes = idleLimitBytes;
    }

    /** A zeroed ring of {@code bytes}: an idle one if there is one of that size, else a new one. */
    public byte[] take(int bytes) {
        if (idleLimitBytes == 0) {
            return new byte[bytes]; // it keeps none (NONE, shared by every window without a pool: no lock, no count)
        }
        byte[] ring = null;
        synchronized (this) {
            taken++;
            ArrayDeque<byte[]> ofSize = idle.get(bytes);
            if (ofSize != null) {
                ring = ofSize.pollLast(); // the most recently given back: the likeliest still in a cache
            }
            if (ring != null) {
                idleBytes -= bytes;
                reused++;
            }
        }
        if (ring == null) {
            return new byte[bytes];
        }
        Arrays.fill(ring, (byte) 0); // whatever a failed write left in it
        return ring;
    }

    /** Takes back a ring nothing refers to any more; kept if the idle limit allows. */
    public void give(byte[] ring) {
        if (idleLimitBytes == 0) {
            return;
        }
        synchronized (this) {
            if (idleBytes + ring.length > idleLimitBytes) {
                return;
            }
            idle.computeIfAbsent(ring.length, size -> new ArrayDeque<>()).addLast(ring);
            idleBytes += ring.length;
        }
    }

    /** Bytes of idle rings kept now. */
    public synchronized long idleBytes() {
        return idleBytes;
    }

    /** Rings handed out so far, and of them those that were reused, as {@code {taken, reused}}. */
    public synchronized long[] counts() {
        return new long[] {taken, reused};
    }
}
