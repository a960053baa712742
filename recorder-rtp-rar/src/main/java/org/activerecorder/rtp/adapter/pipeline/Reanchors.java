package org.activerecorder.rtp.adapter.pipeline;

/**
 * Which rule re-anchored a stream's timestamps, how often, and the last time with its figures: a re-anchor is the one
 * decision of the pipeline that puts audio somewhere else than its timestamps say (silence inserted before it, as
 * much as it moved), so the stream's closing log line names the rule and what it saw. Series AB-AE in
 * docs/performance.md needed a temporary log line at every re-anchoring place to find which rule inserted silence in
 * a load run; this keeps that answer in every stream's line. Plain fields, written by the stream's one loop thread;
 * allocates nothing once built.
 */
final class Reanchors {

    /** Why the timestamps were re-anchored. */
    enum Rule {
        /** {@link LagWatch}: packets placed by their timestamps after a quiet spell the loop did not see kept a steady lag. */
        FROZEN_CLOCK_PROVEN,
        /** {@link TimestampJumpRule}: a jump back over placed audio, far ahead, or a run of refused packets. */
        TIMESTAMP_JUMP,
        /** The first packet after a hold the signalling ended. */
        SIGNALLED_RESUME,
        /** {@link QuietReturn}: a packet after a quiet spell the loop saw, neither a backlog nor read from the queue. */
        QUIET_RETURN,
        /** A new SSRC: its timestamps start where the wall clock is. */
        NEW_SOURCE
    }

    private static final Rule[] RULES = Rule.values();
    /** Nothing known of the figure: the value {@link QuietReturn#provenLag} and the pipeline use for that too. */
    static final long UNKNOWN = Long.MIN_VALUE;

    private final int rate;
    private final long[] byRule = new long[RULES.length];
    private Rule last;
    private long lastAt;
    private long lastMoved;
    private int lastRun;
    private long lastLag = UNKNOWN;
    private long lastProvenLag = UNKNOWN;
    private long lastLagBefore = UNKNOWN;

    Reanchors(int sampleRate) {
        this.rate = sampleRate;
    }

    /**
     * Notes a re-anchor.
     *
     * @param at        where the packet now goes, in samples
     * @param moved     how far that is from where its timestamp put it ({@link #UNKNOWN} for a new source)
     * @param run       packets decided with it (a {@link QuietReturn} run), else 1
     * @param lag       how far behind the wall clock it was as read, in samples, or {@link #UNKNOWN}
     * @param provenLag how far behind it provably was (from the last look that found its socket empty), or
     *                  {@link #UNKNOWN}
     * @param lagBefore how far behind the sender provably was before the quiet spell (a hold's re-anchor moves the
     *                  packet by the lag less that, when it is more than the jitter), or {@link #UNKNOWN}
     */
    void note(Rule rule, long at, long moved, int run, long lag, long provenLag, long lagBefore) {
        byRule[rule.ordinal()]++;
        last = rule;
        lastAt = at;
        lastMoved = moved;
        lastRun = run;
        lastLag = lag;
        lastProvenLag = provenLag;
        lastLagBefore = lagBefore;
    }

    /** For the closing log line: the rules that re-anchored with their counts, and the last re-anchor; empty if none. */
    String describe() {
        if (last == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(" reanchoredBy=");
        String separator = "";
        for (Rule rule : RULES) {
            if (byRule[rule.ordinal()] > 0) {
                text.append(separator).append(rule).append(':').append(byRule[rule.ordinal()]);
                separator = ",";
            }
        }
        text.append(" lastReanchor=").append(last).append("@").append(millis(lastAt)).append("ms");
        if (lastMoved != UNKNOWN) {
            text.append(" moved=").append(lastMoved >= 0 ? "+" : "").append(millis(lastMoved)).append("ms");
        }
        text.append(" run=").append(lastRun);
        if (lastLag != UNKNOWN) {
            text.append(" lag=").append(millis(lastLag)).append("ms");
        }
        if (lastProvenLag != UNKNOWN) {
            text.append(" provenLag=").append(millis(lastProvenLag)).append("ms");
        }
        if (lastLagBefore != UNKNOWN) {
            text.append(" lagBefore=").append(millis(lastLagBefore)).append("ms");
        }
        return text.toString();
    }

    private long millis(long samples) {
        return samples * 1_000 / rate;
    }
}
