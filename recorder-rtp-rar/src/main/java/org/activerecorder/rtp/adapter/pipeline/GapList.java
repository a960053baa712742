package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.Gap;
import org.activerecorder.rtp.api.GapCause;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The settled gaps of one stream, in order, in primitive arrays: a gap that starts where the previous one of the same
 * cause ends extends it, and past {@value #CAPACITY} gaps the others are only counted, so a pathological stream
 * cannot grow memory without limit. The arrays start small and double up to the bound (a handful of allocations in a
 * stream's life, none once full).
 */
final class GapList {

    static final int CAPACITY = 512;
    private static final int INITIAL = 4;
    private static final GapCause[] CAUSES = GapCause.values();

    private long[] starts = new long[INITIAL];
    private long[] ends = new long[INITIAL];
    private byte[] causes = new byte[INITIAL];
    private int count;
    private long omitted;

    /** Adds the silence {@code [start, end)}; nothing if it is empty. */
    void add(long start, long end, GapCause cause) {
        if (end <= start) {
            return;
        }
        int last = count - 1;
        if (last >= 0 && ends[last] == start && causes[last] == cause.ordinal()) {
            ends[last] = end;
            return;
        }
        if (count == CAPACITY) {
            omitted++;
            return;
        }
        if (count == starts.length) {
            int size = Math.min(CAPACITY, count * 2);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            causes = Arrays.copyOf(causes, size);
        }
        starts[count] = start;
        ends[count] = end;
        causes[count] = (byte) cause.ordinal();
        count++;
    }

    /** Counts a gap that was never told apart (see {@link GapTimeline}). */
    void omit() {
        omitted++;
    }

    long omitted() {
        return omitted;
    }

    /** The gaps as the API's records (allocates). */
    List<Gap> toList() {
        List<Gap> gaps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            gaps.add(new Gap(starts[i], ends[i] - starts[i], CAUSES[causes[i]]));
        }
        return gaps;
    }
}
