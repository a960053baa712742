package org.activerecorder.rtp.adapter.pipeline;

/**
 * Decides whether an audio packet's timestamp is believed, and if not, whether the timestamps are re-anchored or the
 * packet is dropped.
 *
 * <p>A timestamp places its packet while it agrees with the sequence numbers and with the wall clock. The rules, in
 * the order they are applied ("next" is a packet newer than every other, "continuous" a next packet whose sequence
 * number directly follows the previous one, or the first of a new run):
 * <ol>
 * <li><b>A hold where the timestamp stood still, or a backlog.</b> A next packet after the sender was quiet for
 *     {@value #QUIET_MILLIS} ms or more, whose position lags the wall clock's by more than {@value #LAG_MILLIS} ms:
 *     either the sender's clock did not run during the pause (re-anchor, so the pause becomes silence of its real
 *     length and the parties stay aligned), or the packets were sent on time and read late, all at once (place them
 *     by their timestamps). {@link Judgement#HOLD_OR_BACKLOG}: the packet after it decides ({@link QuietReturn}).
 *     (Silence suppression with a timestamp that ran on is placed by its timestamp.)
 * <li><b>Before the written audio</b> (before the flushed region): a continuous packet re-anchors at once (its
 *     sender reset its timestamps); any other is {@link Judgement#LATE}.
 * <li><b>A backward jump</b>: a next packet placed over audio already placed (more than {@value #OVERLAP_MILLIS}
 *     ms before its end): a continuous one re-anchors at once, any other is a {@link Judgement#JUMP}.
 * <li><b>Implausibly far ahead</b>: more than {@value StreamPipeline#MAX_JUMP_SECONDS} s beyond both the newest
 *     audio and the wall clock (a gap the wall clock confirms, even of hours, is believed): a continuous next packet
 *     re-anchors at once, any other is a {@link Judgement#JUMP}. A reordered packet is held to
 *     {@value #LAG_MILLIS} ms beyond them: it is older than the newest, so it cannot be far ahead of it (a packet
 *     stamped in the timestamp base before a re-anchor lands there).
 * </ol>
 * A run of {@value #REANCHOR_AFTER} refused next packets re-anchors too, continuous or not: a sender that reset its
 * timestamps while losing packets is not dropped until it ends. The marker bit is not used: many senders do not set
 * it after silence, and some set it on every packet.
 *
 * <p>A re-anchored packet goes where the wall clock puts it if that is more than {@value #LAG_MILLIS} ms after the
 * newest audio, else right after the newest audio: within that tolerance the difference is the receive loop's own
 * delay, not time the sender spent. After a hold with a frozen clock the wall clock is taken less the lag the sender
 * provably had before the quiet spell, when that is more than the same tolerance ({@link #afterHold}).
 *
 * <p>Rule 1 cannot decide alone: a receive loop that fell {@value #QUIET_MILLIS} ms or more behind (the packets queue
 * in the socket) looks, at the first packet read after it, exactly like a hold with a frozen clock; only the packet
 * after it (right behind it, rather than paced) tells them apart. That happened at 1,000 calls on a machine whose
 * cores were all busy (docs/alignment.md). The quiet spell here is the read times'; whether the receive loop saw it
 * (looked at the socket in it and found it empty) the pipeline weighs: {@link QuietReturn} after one it saw,
 * {@link LagWatch} after one it did not.
 */
public final class TimestampJumpRule {

    /** What to do with a packet. */
    public enum Judgement {
        /** Place it by its timestamp. */
        PLACE,
        /** Rule 1: a hold with a frozen clock (re-anchor), or a backlog read late (place): the next packet says. */
        HOLD_OR_BACKLOG,
        /** Re-anchor the timestamps: place it at {@link #anchor}. */
        REANCHOR,
        /** Drop it: its place in the file is already written. */
        LATE,
        /** Drop it: its timestamp is not believed. */
        JUMP
    }

    /** Refused next packets in a row after which the timestamps are re-anchored anyway. */
    public static final int REANCHOR_AFTER = 10;
    /** No packet for this long and the sender counts as having been quiet. */
    public static final int QUIET_MILLIS = 500;
    /** How far a position may lag the wall clock, or a re-anchor may move a packet, as mere jitter. */
    public static final int LAG_MILLIS = 200;
    /** How much a next packet may overlap the audio before it, as a sender's rounding. */
    public static final int OVERLAP_MILLIS = 2;

    private static final long QUIET_NANOS = QUIET_MILLIS * 1_000_000L;

    private final long maxJump;
    private final long lag;
    private final long overlap;
    private int refusedRun;

    public TimestampJumpRule(int clockRate) {
        this.maxJump = (long) StreamPipeline.MAX_JUMP_SECONDS * clockRate;
        this.lag = (long) LAG_MILLIS * clockRate / 1_000;
        this.overlap = (long) OVERLAP_MILLIS * clockRate / 1_000;
    }

    /**
     * @param next          newer than every packet so far
     * @param continuous    the next sequence number, or the first of a run
     * @param quietNanos    time since the stream's previous packet arrived
     * @param position      where its timestamp places it
     * @param flushed       samples already written to the file
     * @param end           one past the newest audio placed
     * @param wallClock     the wall clock's position of its arrival
     */
    public Judgement judge(boolean next, boolean continuous, long quietNanos, long position, long flushed, long end,
                           long wallClock) {
        if (next && quietNanos >= QUIET_NANOS && position < wallClock - lag) {
            refusedRun = 0;
            return Judgement.HOLD_OR_BACKLOG;
        }
        if (position < flushed) {
            return next ? refuse(continuous, Judgement.LATE) : Judgement.LATE;
        }
        long ahead = position - Math.max(end, wallClock);
        if (!next) {
            return ahead > lag ? Judgement.JUMP : Judgement.PLACE;
        }
        if (position < end - overlap || ahead > maxJump) {
            return refuse(continuous, Judgement.JUMP);
        }
        refusedRun = 0;
        return Judgement.PLACE;
    }

    /**
     * The wall clock's position for the first packet after a hold with a frozen clock, read at {@code wallClock}: less
     * {@code lagBefore}, the least the sender lagged the wall clock before the quiet spell, when that is more than
     * {@value #LAG_MILLIS} ms ({@link Long#MIN_VALUE}, not known, never is). A frozen clock holds the sender back by
     * the hold's length and no more; what it lagged before was placed by its timestamps and stays so. A sender late by
     * seconds (two overbooked cores starve it), then quiet for half a second before its last packet, had that packet
     * re-anchored by its whole lag: 1.15-3.61 s of silence inserted in 7 streams of two load runs (series AG in
     * docs/performance.md); now by about the half second, the spell's length, which a hold of that length needs. A
     * least lag, so a real hold never gets less silence than it lasted.
     */
    public long afterHold(long wallClock, long lagBefore) {
        return lagBefore > lag ? wallClock - lagBefore : wallClock;
    }

    /**
     * Whether what looks like the end of a hold with a frozen clock, a packet {@code lagAfter} behind the wall clock
     * after a quiet spell, is rather one more stall of a sender already late: it lagged by {@code lagBefore} before the
     * spell, more than {@value #LAG_MILLIS} ms ({@link Long#MIN_VALUE}, not known, never is), and the spell adds less
     * lag than that. Such a sender fell behind by stalls that came back on no clock of their own and were placed by
     * their timestamps, no hold among them; a stall that then comes back paced, still late, looks like a frozen clock
     * by every packet. Taken for a hold, each put silence of its length into the middle of the sender's audio and
     * moved the rest of it by as much: 0.32-0.61 s in 4 of 1,000 recordings of series BR's BR2, senders 2.0-6.9 s late
     * (docs/performance.md), as 56 channels of series BO's BO7 before. A hold longer than the lag the sender had is
     * still one; a frozen-clock hold shorter than that, from a sender late by more than the tolerance, is placed by its
     * timestamps (its channel loses the hold's place, not its audio).
     */
    public boolean anotherStall(long lagAfter, long lagBefore) {
        return lagBefore != Long.MIN_VALUE && lagBefore > lag && lagAfter - lagBefore <= lagBefore;
    }

    /** Where a re-anchored packet goes. */
    public long anchor(long end, long wallClock) {
        return wallClock - end > lag ? wallClock : end;
    }

    private Judgement refuse(boolean continuous, Judgement refusal) {
        if (continuous || ++refusedRun >= REANCHOR_AFTER) {
            return reanchor();
        }
        return refusal;
    }

    private Judgement reanchor() {
        refusedRun = 0;
        return Judgement.REANCHOR;
    }
}
