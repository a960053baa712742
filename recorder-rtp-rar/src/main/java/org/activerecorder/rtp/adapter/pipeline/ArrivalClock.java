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
 * <p>The estimate is only believed once it held steady (fell by no more than {@value #STEP_MILLIS} ms) for
 * {@value #STEADY_MILLIS} ms of arrivals, and it is bounded by {@value #MAX_CORRECTION_MILLIS} ms: a sender
 * faster than real time (a test tool, a replay) makes the offset fall all along, which is no late first read; for
 * such a stream the correction stays 0, which is what it was before this estimate existed.
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
    private long lowestOffset;
    private long steadyOffset;
    private long steadySinceNanos;
    private long lastObservedNanos;

    public ArrivalClock(int clockRate) {
        this.clockRate = clockRate;
    }

    /** The stream's first packet, placed at sample 0, arrived at {@code arrivalNanos}. */
    public void start(long arrivalNanos) {
        started = true;
        estimating = true;
        firstArrivalNanos = arrivalNanos;
        steadySinceNanos = arrivalNanos;
        lastObservedNanos = arrivalNanos;
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
            estimating = false;
            return;
        }
        long offset = elapsed - position * SECOND / clockRate;
        lowestOffset = Math.min(lowestOffset, offset);
        if (offset < steadyOffset - STEP_MILLIS * MILLI) {
            steadyOffset = offset;
            steadySinceNanos = arrivalNanos;
        }
        lastObservedNanos = Math.max(lastObservedNanos, arrivalNanos);
    }

    /** The timestamps were re-anchored: they no longer say how much time passed since sample 0. */
    public void stopEstimating() {
        estimating = false;
    }

    /** How much earlier than the first packet's arrival sample 0 was: never negative, at most a second. */
    public long correctionNanos() {
        if (lastObservedNanos - steadySinceNanos < STEADY_MILLIS * MILLI) {
            return 0;
        }
        return Math.min(-lowestOffset, MAX_CORRECTION_MILLIS * MILLI);
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
