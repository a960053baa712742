package org.activerecorder.rtp.adapter.pipeline;

/**
 * Follows one synchronisation source's 16-bit sequence numbers: extends them past the wrap at 65535, spots
 * duplicates, and counts the packets that never arrived.
 *
 * <p>Duplicates are found with a bitmap of the last {@value #HORIZON} sequence numbers below the highest one
 * (the replay-window technique of RFC 3711 section 3.3.2): four longs of state, no allocation, and at
 * 20 ms per packet the horizon covers about five seconds, well beyond the audio window's reorder depth.
 * A packet further back than the horizon is {@link Verdict#TOO_OLD} and is treated as late.
 *
 * <p>Lost packets are those expected between the lowest and the highest sequence number seen and never seen
 * themselves, whatever happened to them afterwards (a late packet was received, so it is not lost).
 */
public final class SequenceTracker {

    /** How many sequence numbers below the highest one are remembered for duplicate detection. */
    public static final int HORIZON = 256;

    private static final int WORDS = HORIZON / 64;

    /** What a sequence number means for the stream. */
    public enum Verdict {
        /** Newer than every sequence number so far (in order, or after a gap). */
        NEXT,
        /** Older than the highest, not seen before: a reordered packet filling its hole. */
        REORDERED,
        /** Seen before. */
        DUPLICATE,
        /** Older than the duplicate horizon: it cannot be told from a duplicate, and is far too late anyway. */
        TOO_OLD
    }

    private final long[] seen = new long[WORDS];
    private boolean started;
    private long highest;
    private long lowest;
    private long distinct;

    /** Classifies a sequence number and remembers it. */
    public Verdict offer(int sequenceNumber) {
        if (!started) {
            started = true;
            highest = sequenceNumber;
            lowest = sequenceNumber;
            distinct = 1;
            seen[0] = 1L;
            return Verdict.NEXT;
        }
        // distance from the highest, interpreted as a signed 16-bit number: this is what extends across the wrap
        int delta = (short) (sequenceNumber - (int) (highest & 0xFFFF));
        if (delta > 0) {
            shiftUp(delta);
            seen[0] |= 1L;
            highest += delta;
            distinct++;
            return Verdict.NEXT;
        }
        int back = -delta;
        if (back >= HORIZON) {
            return Verdict.TOO_OLD;
        }
        long mask = 1L << (back & 63);
        int word = back >>> 6;
        if ((seen[word] & mask) != 0) {
            return Verdict.DUPLICATE;
        }
        seen[word] |= mask;
        distinct++;
        lowest = Math.min(lowest, highest - back);
        return Verdict.REORDERED;
    }

    /** Packets expected between the lowest and highest sequence number and never received. */
    public long lost() {
        if (!started) {
            return 0;
        }
        return Math.max(0, highest - lowest + 1 - distinct);
    }

    /** Forgets everything: the next sequence number starts afresh (a new synchronisation source). */
    public void reset() {
        started = false;
        highest = 0;
        lowest = 0;
        distinct = 0;
        java.util.Arrays.fill(seen, 0L);
    }

    /** Moves the bitmap up by {@code distance} sequence numbers: bit i (highest - i) becomes bit i + distance. */
    private void shiftUp(int distance) {
        if (distance >= HORIZON) {
            java.util.Arrays.fill(seen, 0L);
            return;
        }
        int words = distance >>> 6;
        int bits = distance & 63;
        for (int target = WORDS - 1; target >= 0; target--) {
            int source = target - words;
            long value = 0L;
            if (source >= 0) {
                value = seen[source] << bits;
                if (bits != 0 && source > 0) {
                    value |= seen[source - 1] >>> (64 - bits);
                }
            }
            seen[target] = value;
        }
    }
}
