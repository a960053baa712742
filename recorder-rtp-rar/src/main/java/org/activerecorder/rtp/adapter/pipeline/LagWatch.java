package org.activerecorder.rtp.adapter.pipeline;

/**
 * Watches a stream whose packets came back after a quiet spell that the receive loop never saw, or were read from the
 * socket's queue after one it saw without proving anything ({@link QuietReturn#readFromQueue}), and were placed by
 * their timestamps: if they stay behind the wall clock as only a frozen clock keeps them, it says so, and the stream
 * is re-anchored there.
 *
 * <p>The receive loop reads a datagram when it gets to it. A loop stalled for half a second (a garbage collector's
 * allocation stall, two overbooked cores), or whose rounds take hundreds of milliseconds, reads every stream's packets
 * late, and its read times then show a quiet spell in every stream that the senders never had; a sender starved on
 * the same machine is late too, and catches up slower than any wait. Taking those for the end of a hold with a frozen
 * clock shifted 900 of 1,000 recordings' parties by 0.5-1.8 s in one saturated run (series AA's W17 in
 * docs/performance.md), each with silence called the sender's. So a quiet spell the loop did not see (it looked at
 * the socket at no moment in it and found it empty: the pipeline is told when it last did) is not judged by the read
 * times at all: its packets are placed by their timestamps at once, as RFC 3550 has a sender's clock run through
 * silence, and nothing is kept aside (a stall on thousands of streams would have every one of them keep packets at
 * once, on the loop, when memory is shortest).
 *
 * <p>Only proof re-anchors. A packet read within {@value #PRECISE_MILLIS} ms of a look that found its socket empty
 * has its lag known to that much: at least its lag from the look, at most its lag as read. A hold's frozen clock keeps
 * every packet behind by the same amount, the hold; a loop or a sender that catches up, even in bursts, does not. So:
 * {@value #EVIDENCE} such packets or more, the first and the last {@value #EVIDENCE_SPAN_MILLIS} ms of looks apart,
 * each provably more than {@value TimestampJumpRule#LAG_MILLIS} ms behind the wall clock, and one lag that fits all
 * of them to within {@value #STEADY_MILLIS} ms. Back within {@value TimestampJumpRule#LAG_MILLIS} ms of the wall
 * clock, {@value #FALL_MILLIS} ms less behind than a packet provably was (more audio came than the time it could have
 * come in), a lag that moved by more than {@value #STEADY_MILLIS} ms, or nothing proven in {@value #WATCH_MILLIS} ms:
 * the watch ends, the timestamps stand.
 *
 * <p>Known limit: a hold with a frozen clock whose end the loop did not see has the audio up to the proof (at least
 * {@value #EVIDENCE_SPAN_MILLIS} ms) placed early by the hold, and its silence inserted there instead of where the hold
 * ended. A hold signalled by SIP is never guessed.
 *
 * <p>No allocation.
 */
final class LagWatch {

    /** Packets that must provably lag for a frozen clock. */
    static final int EVIDENCE = 10;
    /** ... read over at least this much time (looks at the socket), not all from one queue. */
    static final int EVIDENCE_SPAN_MILLIS = 1_000;
    /** A packet read this soon after its socket was seen empty has its lag known to this much. */
    static final int PRECISE_MILLIS = 40;
    /** How far the provable lags of a frozen clock's packets may disagree: the network's jitter. */
    static final int STEADY_MILLIS = 20;
    /** A packet this much less behind the wall clock than one that provably lagged has caught up. */
    static final int FALL_MILLIS = 40;
    /** Nothing proven this long after the watch began: the timestamps stand. */
    static final int WATCH_MILLIS = 3_000;

    private static final long MILLI = 1_000_000L;

    private final long onClockSamples;
    private final long fallSamples;
    private final long preciseSamples;
    private final long steadySamples;
    /** The most and the least lag that precise reads allow: a frozen clock's lag lies between. */
    private long mostLeast;
    private long leastMost;
    private boolean watching;
    private long startedNanos;
    /** The most a packet provably lagged the wall clock ({@link Long#MIN_VALUE}: none known). */
    private long provenLag;
    private int evidence;
    private long evidenceSinceNanos;

    LagWatch(int clockRate) {
        this.onClockSamples = (long) TimestampJumpRule.LAG_MILLIS * clockRate / 1_000;
        this.fallSamples = (long) FALL_MILLIS * clockRate / 1_000;
        this.preciseSamples = (long) PRECISE_MILLIS * clockRate / 1_000;
        this.steadySamples = (long) STEADY_MILLIS * clockRate / 1_000;
    }

    /**
     * Starts watching at the first packet after the unseen quiet spell, read at {@code readNanos}, which lagged the
     * wall clock by {@code provenLagSamples} at least ({@link Long#MIN_VALUE}: not known).
     */
    void start(long readNanos, long provenLagSamples) {
        watching = true;
        startedNanos = readNanos;
        provenLag = provenLagSamples;
        evidence = 0;
        mostLeast = Long.MIN_VALUE;
        leastMost = Long.MAX_VALUE;
    }

    /** Ends the watch: the timestamps were re-anchored for another reason. */
    void stop() {
        watching = false;
    }

    boolean watching() {
        return watching;
    }

    /**
     * Whether a packet {@code lagSamples} behind the wall clock as read is {@code fallSamples} or more less behind than
     * {@code provenLagSamples}, what an earlier packet provably lagged ({@link Long#MIN_VALUE}: not known): the lag
     * fell, which a frozen clock's never does.
     */
    static boolean lagFell(long provenLagSamples, long lagSamples, long fallSamples) {
        return provenLagSamples != Long.MIN_VALUE && lagSamples <= provenLagSamples - fallSamples;
    }

    /**
     * The next packet, read at {@code readNanos}: it lags the wall clock by {@code lagSamples} as read, and by
     * {@code provenLagSamples} at least, having arrived after its socket was seen empty at {@code emptySinceNanos}
     * ({@link Long#MIN_VALUE}: not known). {@code true}: the sender's clock stood still, re-anchor it.
     */
    boolean frozen(long readNanos, long lagSamples, long provenLagSamples, long emptySinceNanos) {
        if (!watching) {
            return false;
        }
        if (readNanos - startedNanos > WATCH_MILLIS * MILLI || lagSamples <= onClockSamples
                || lagFell(provenLag, lagSamples, fallSamples)) {
            watching = false; // nothing proven, back on the clock, or provably less behind: no frozen clock
            return false;
        }
        if (provenLagSamples == Long.MIN_VALUE) {
            return false; // read with no look behind it: says nothing
        }
        provenLag = Math.max(provenLag, provenLagSamples);
        if (provenLagSamples <= onClockSamples || lagSamples - provenLagSamples > preciseSamples) {
            return false; // not provably behind, or its lag not known well enough to compare
        }
        mostLeast = Math.max(mostLeast, provenLagSamples);
        leastMost = Math.min(leastMost, lagSamples);
        if (mostLeast - leastMost > steadySamples) {
            watching = false; // the lag moved: no frozen clock
            return false;
        }
        if (evidence++ == 0) {
            evidenceSinceNanos = emptySinceNanos;
        }
        if (evidence >= EVIDENCE && emptySinceNanos - evidenceSinceNanos >= EVIDENCE_SPAN_MILLIS * MILLI) {
            watching = false;
            return true;
        }
        return false;
    }
}
