package org.activerecorder.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Nearest-rank percentiles of a set of durations (RFC 2330's empirical definition: the smallest value at or below
 * which at least p % of the values lie), in milliseconds.
 */
record Percentiles(int count, double p50, double p90, double p99, double max) {

    static Percentiles ofNanos(Collection<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Percentiles(sorted.length, millis(rank(sorted, 50)), millis(rank(sorted, 90)),
                millis(rank(sorted, 99)), millis(sorted[sorted.length - 1]));
    }

    /**
     * The percentiles of {@code parts} consecutive slices of {@code inOrder} (as near equal in size as they can be):
     * e.g. the completions of a burst of call ends by fifth, in the order the calls ended, to tell the first ends
     * from the last.
     */
    static List<Percentiles> ofNanosInParts(List<Long> inOrder, int parts) {
        List<Percentiles> slices = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            int from = (int) ((long) inOrder.size() * i / parts);
            int to = (int) ((long) inOrder.size() * (i + 1) / parts);
            slices.add(ofNanos(inOrder.subList(from, to)));
        }
        return slices;
    }

    static long rank(long[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    @Override
    public String toString() {
        return count == 0 ? "none" : String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d)",
                p50, p90, p99, max, count);
    }
}
