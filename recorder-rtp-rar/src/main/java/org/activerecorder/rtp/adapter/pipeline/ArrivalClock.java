package org.activerecorder.rtp.adapter.pipeline;

/**
 * Where the wall clock says a stream is: the sample position of an instant ({@link System#nanoTime()} domain),
 * counted from the instant of sample 0 of the stream's file, and the estimate of that instant.
 *
 * <p>Why an estimate: neither the JDK nor Netty exposes kernel receive timestamps, so an arrival time is when the
 * receive loop read the datagram. A loop that was busy when a stream's first packet came reads it late (and the
 * packets queued behind it in a burst); the stream would then start late and its two parties drift apart under load.
 * Over the stream's first {@value #ESTIMATE_SECONDS} seconds (and only until its timestamps are first re-anchored,
 * after which they no longer measure time from sample 0), every packet placed by its timestamp gives an offset:
 * its arrival less the first arrival, less the time its timestamp says passed since the first packet. The lowest
 * offset is the first packet's extra delay over the fastest packets that followed, so sample 0 was that much before
 * the first arrival.
 *
 * <p>The estimate is only believed once it held steady: the lowest offset fell by no more than {@value #STEP_MILLIS} ms
 * over {@value #STEADY_MILLIS} ms of arrivals. Each time it has, the lowest offset so far is believed and a new
 * stretch starts from it; a fall of more than that starts a new stretch without believing anything, and what was
 * believed before stays. So a sender faster than real time (a test tool, a replay), whose offset falls all along,
 * is never believed and keeps the correction at 0, which is what it was before this estimate existed; while the
 * usual jitter of a real-time sender, whose offset now and then dips a few milliseconds below anything seen before,
 * only refines the estimate. (Measuring each fall from the lowest offset believed, not from the first packet, is
 * what keeps a dip late in the window from looking like the start of a fall: that sent a SIPp stream back to a
 * correction of 0, 20 ms off, see docs/alignment.md.) When the window ends, or the timestamps are re-anchored, a
 * stretch that was not falling is believed too. The correction is bounded by {@value #MAX_CORRECTION_MILLIS} ms.
 */
public final class ArrivalClock {

    /** How long after the first arrival packets still refine the estimate. */
    public static final int ESTIMATE_SECONDS = 5;
    /** The largest correction believed. */
    public static final int MAX_CORRECTION_MILLIS = 1_000;
    /** How long the lowest offset must hold before it is believed. */
    public static final int STEADY_MILLIS = 1_000;
    /** A fall of the offset smaller than this is jitter, not a sign that the estimate is still moving. */
    public static final int STEP_MILLIS = 20;

    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final int clockRate;

    private boolean started;
    private boolean estimating;
    private long firstArrivalNanos;
    /** The lowest offset seen (arrival less first arrival less the time the timestamps say passed). */
    private long lowestOffset;
    /** The lowest offset when the current stretch began, and when that was. */
    private long stretchOffset;
    private long stretchSinceNanos;
    /** The current stretch began with a fall of more than {@link #STEP_MILLIS}: nothing in it is believed yet. */
    private boolean falling;
    /** The lowest offset that held steady: the correction is its opposite. */
    private long believedOffset;

    public ArrivalClock(int clockRate) {
        this.clockRate = clockRate;
    }

    /** The stream's first packet, placed at sample 0, arrived at {@code arrivalNanos}. */
    public void start(long arrivalNanos) {
        started = true;
        estimating = true;
        firstArrivalNanos = arrivalNanos;
        stretchSinceNanos = arrivalNanos;
    }

    /** Whether the first packet has arrived. */
    public boolean started() {
        return started;
    }

    /**
     * A packet arrived at {@code arrivalNanos} and was placed by its timestamp at {@code position}, the timestamps
     * still anchored where the first packet put them.
     */
    public void observe(long arrivalNanos, long position) {
        if (!estimating) {
            return;
        }
        long elapsed = arrivalNanos - firstArrivalNanos;
        if (elapsed > ESTIMATE_SECONDS * SECOND) {
            stopEstimating();
            return;
        }
        lowestOffset = Math.min(lowestOffset, elapsed - position * SECOND / clockRate);
        if (lowestOffset < stretchOffset - STEP_MILLIS * MILLI) {
            stretchOffset = lowestOffset;
            stretchSinceNanos = arrivalNanos;
            falling = true;
        } else if (arrivalNanos - stretchSinceNanos >= STEADY_MILLIS * MILLI) {
            believeLowest();
            stretchSinceNanos = arrivalNanos;
        }
    }

    /**
     * The window is over, or the timestamps were re-anchored (they no longer say how much time passed since sample
     * 0): the estimate is final. The last stretch counts unless it began with a fall.
     */
    public void stopEstimating() {
        if (estimating && !falling) {
            believeLowest();
        }
        estimating = false;
    }

    /**
     * Whether the estimate is final: the first packet arrived and the estimating stopped ({@link #stopEstimating}, or
     * the first packet after the window). {@link #correctionNanos()} never changes afterwards.
     */
    public boolean settled() {
        return started && !estimating;
    }

    /** How much earlier than the first packet's arrival sample 0 was: never negative, at most a second. */
    public long correctionNanos() {
        return Math.min(-believedOffset, MAX_CORRECTION_MILLIS * MILLI);
    }

    private void believeLowest() {
        believedOffset = lowestOffset;
        stretchOffset = lowestOffset;
        falling = false;
    }

    /** The sample position the wall clock gives {@code nanos}: 0 before the first packet, negative before sample 0. */
    public long position(long nanos) {
        if (!started) {
            return 0;
        }
        long micros = Math.floorDiv(nanos - firstArrivalNanos + correctionNanos(), 1_000L);
        return Math.floorDiv(micros * clockRate, 1_000_000L);
    }
}
