package org.activerecorder.rtp.adapter.pipeline;

import java.util.Arrays;

/**
 * Follows a stream's 16-bit sequence numbers: extends them past the wrap at 65535, spots duplicates, follows a
 * sender that restarts its numbering, and counts the packets expected and never received.
 *
 * <p>Duplicates are found with a bitmap of the last {@value #HORIZON} sequence numbers below the highest one
 * (the replay-window technique of RFC 3711 section 3.3.2): four longs of state, no allocation, and at
 * 20 ms per packet the horizon covers about five seconds, well beyond the audio window's reorder depth.
 *
 * <p>Restarts follow RFC 3550 appendix A.1 ({@code update_seq}): a packet up to {@value #MAX_DROPOUT} ahead of
 * the highest is the next one (what lies between was lost); a packet further ahead, or further behind than the
 * horizon, is put on {@link Verdict#PROBATION}, and if the next new packet is its successor the sender restarted its
 * numbering there: the tracker starts a new run at the probation packet ({@link Verdict#RESTART}). Without this a
 * sender that restarts at a lower number is "late" until its numbers catch up, minutes of audio. A.1 treats
 * up to 100 packets behind as reordering; here the bitmap knows exactly whether a packet up to the horizon behind was
 * seen, so that whole horizon counts as reordering. Packets behind the highest (reordered or duplicates) do not end a
 * probation, so a packet of the old numbering arriving late between the two of a restart does not hide it.
 *
 * <p>Each run (a synchronisation source, or the numbering between two restarts) counts its own expected packets,
 * from its lowest to its highest number (RFC 3550 A.3); the totals are summed over runs. Lost packets are those
 * expected and never received, whatever happened to them afterwards (a late packet was received, so it is not
 * lost). Every packet also gets a stream-wide sequence number that runs on without a hole from one run to the next,
 * so that later stages can tell "nothing missing between these two packets" across a restart.
 */
public final class SequenceTracker {

    /** How many sequence numbers below the highest one are remembered for duplicate detection. */
    public static final int HORIZON = 256;

    /** The furthest jump ahead that is loss rather than a restart (RFC 3550 A.1). */
    public static final int MAX_DROPOUT = 3000;

    private static final int WORDS = HORIZON / 64;

    /** What a sequence number means for the stream. */
    public enum Verdict {
        /** Newer than every sequence number of the run (in order, or after a gap of less than MAX_DROPOUT). */
        NEXT,
        /** Older than the highest, not seen before: a reordered packet filling its hole. */
        REORDERED,
        /** Seen before. */
        DUPLICATE,
        /**
         * A big jump ahead or behind: the start of a restarted numbering, or a stray packet. The caller keeps the
         * packet aside until the next one says which ({@link #probationBehind()} tells a very late packet).
         */
        PROBATION,
        /**
         * The successor of the packet on probation: the numbering restarted there. A new run began at the packet on
         * probation (stream-wide number {@link #streamSequence()} - 1), and this packet is the next one.
         */
        RESTART
    }

    private final long[] seen = new long[WORDS];
    private boolean started;
    private long highest;
    private long lowest;
    private long distinct;
    private long runOffset;
    private long streamHighest = -1;

    private long earlierExpected;
    private long earlierReceived;
    private long restarts;

    private boolean probation;
    private int badSequence;
    private boolean probationBehind;

    private long lastStreamSequence;
    private boolean lastContinuous;

    /** Classifies a sequence number and remembers it. */
    public Verdict offer(int sequenceNumber) {
        if (!started) {
            startRun(sequenceNumber);
            return Verdict.NEXT;
        }
        // distance from the highest, interpreted as a signed 16-bit number: this is what extends across the wrap
        int delta = (short) (sequenceNumber - (int) (highest & 0xFFFF));
        if (delta > 0 && delta < MAX_DROPOUT) {
            probation = false;
            advance(delta);
            return Verdict.NEXT;
        }
        int back = -delta;
        if (delta <= 0 && back < HORIZON) {
            return behind(back);
        }
        if (probation && sequenceNumber == badSequence) {
            restart((sequenceNumber - 1) & 0xFFFF);
            advance(1);
            return Verdict.RESTART;
        }
        probation = true;
        badSequence = (sequenceNumber + 1) & 0xFFFF;
        probationBehind = delta < 0;
        return Verdict.PROBATION;
    }

    /** Ends the current run: the next sequence number starts a new one (a new synchronisation source). */
    public void newRun() {
        closeRun();
        probation = false;
    }

    /** The stream-wide number of the packet just offered (not meaningful after DUPLICATE or PROBATION). */
    public long streamSequence() {
        return lastStreamSequence;
    }

    /**
     * Whether the packet just offered directly follows the previous one: the next number, or the first of a run
     * (a new source or a restart), as opposed to one after a loss, a reordered one, or a duplicate.
     */
    public boolean continuous() {
        return lastContinuous;
    }

    /** Whether a packet is on probation now. */
    public boolean onProbation() {
        return probation;
    }

    /** Whether the packet put on probation last was behind the highest (a very late packet) rather than ahead. */
    public boolean probationBehind() {
        return probationBehind;
    }

    /** Packets the sequence numbers say were sent, summed over runs. */
    public long expected() {
        return earlierExpected + (started ? highest - lowest + 1 : 0);
    }

    /** Packets expected and never received, summed over runs. */
    public long lost() {
        long received = earlierReceived + (started ? distinct : 0);
        return Math.max(0, expected() - received);
    }

    /** Times the numbering restarted within one source. */
    public long restarts() {
        return restarts;
    }

    private Verdict behind(int back) {
        long mask = 1L << (back & 63);
        int word = back >>> 6;
        lastContinuous = false;
        if ((seen[word] & mask) != 0) {
            return Verdict.DUPLICATE;
        }
        seen[word] |= mask;
        distinct++;
        lowest = Math.min(lowest, highest - back);
        lastStreamSequence = runOffset + highest - back;
        return Verdict.REORDERED;
    }

    private void advance(int delta) {
        shiftUp(delta);
        seen[0] |= 1L;
        highest += delta;
        distinct++;
        lastStreamSequence = runOffset + highest;
        streamHighest = lastStreamSequence;
        lastContinuous = delta == 1;
    }

    private void restart(int firstSequenceNumber) {
        closeRun();
        restarts++;
        startRun(firstSequenceNumber);
        probation = false;
    }

    /** Starts a run whose first packet gets the stream-wide number after the previous run's highest. */
    private void startRun(int sequenceNumber) {
        started = true;
        highest = sequenceNumber;
        lowest = sequenceNumber;
        distinct = 1;
        Arrays.fill(seen, 0L);
        seen[0] = 1L;
        runOffset = streamHighest + 1 - sequenceNumber;
        lastStreamSequence = streamHighest + 1;
        streamHighest = lastStreamSequence;
        lastContinuous = true;
    }

    private void closeRun() {
        if (!started) {
            return;
        }
        earlierExpected += highest - lowest + 1;
        earlierReceived += distinct;
        started = false;
    }

    /** Moves the bitmap up by {@code distance} sequence numbers: bit i (highest - i) becomes bit i + distance. */
    private void shiftUp(int distance) {
        if (distance >= HORIZON) {
            Arrays.fill(seen, 0L);
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
