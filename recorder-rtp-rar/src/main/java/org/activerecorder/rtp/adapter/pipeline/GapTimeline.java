package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.Gap;
import org.activerecorder.rtp.api.GapCause;

import java.util.Arrays;
import java.util.List;

/**
 * Every silent stretch of a stream's file with its cause: the gap part of the stream's completeness record.
 *
 * <p>While audio is still in the window a reordered packet may fill part of a hole, so holes are not judged as they
 * appear. The timeline keeps the <em>covered intervals</em> of the recent audio (adjacent packets merge into one),
 * each with the stream-wide sequence numbers at its two ends and a count of the comfort-noise and telephone-event
 * packets that followed it. A hole between two intervals is settled once the second one is written to the file
 * (nothing can land in it any more); its cause comes from the sequence numbers across it:
 * <ul>
 * <li>none missing (counting the comfort-noise and telephone-event packets received in between):
 *     {@link GapCause#QUIET_SENDER}: silence suppression, a hold, a sender that stopped;
 * <li>some missing (lost, or came too late to place): {@link GapCause#NETWORK_LOSS} for as long as the missing packets
 *     last (at the length of the packet before the hole), the rest {@link GapCause#QUIET_SENDER}: one lost packet
 *     at the edge of ten seconds of silence suppression is not ten seconds of loss. The lost part is put at the start
 *     of the hole, since which end it was at cannot be known. Missing packets the kernel dropped on the recorder's
 *     own socket (its buffer was full) are {@link GapCause#RECEIVER_OVERFLOW} instead: {@link ReceiverOverflow}
 *     judges that by the socket's drop counter, and the hole waits to be settled until the counter has been read
 *     after the packet that closed it arrived.
 * </ul>
 * Whatever a {@link PauseSpans pause} covers, holes and audio alike, is {@link GapCause#SIGNALLED_PAUSE} and adjacent
 * gaps of the same cause merge, so a pause is one gap. Audio placed but then not decoded (a codec decoded off the
 * loop whose decode failed or came too late: {@link #failed}) is {@link GapCause#RECORDER_FAILURE}. Silence before the first packet is no gap: the file starts
 * there.
 *
 * <p>Bounded and allocation-free per packet: at most {@value #INTERVALS} intervals (the window holds about a
 * second, so that many separate stretches of audio take a sender losing every other packet at 5 ms each); a packet
 * that would need one more is merged into its neighbour instead, and the hole it hid is counted as an omitted gap.
 * The arrays start with room for {@value #INITIAL_INTERVALS} intervals and double up to the bound when a hole needs
 * one more (a handful of allocations in a stream's life, on a gap, never on a steady stream), so that a stream without
 * gaps costs a few hundred bytes, not the bound's six kilobytes; the failed decodes likewise.
 */
public final class GapTimeline {

    static final int INTERVALS = 128;
    /** Room at first: a steady stream needs two (the audio settling, and the newest), reordering one or two more. */
    static final int INITIAL_INTERVALS = 4;
    /** Failed decodes remembered until settled; more in the window at once widen the newest. */
    static final int FAILURES = 32;
    private static final int INITIAL_FAILURES = 2;

    private long[] starts = new long[INITIAL_INTERVALS];
    private long[] ends = new long[INITIAL_INTERVALS];
    private long[] firstSequences = new long[INITIAL_INTERVALS];
    private long[] lastSequences = new long[INITIAL_INTERVALS];
    private int[] presentAfter = new int[INITIAL_INTERVALS];
    /** {@link System#nanoTime()} of the earliest arrival among each interval's packets. */
    private long[] arrivals = new long[INITIAL_INTERVALS];
    private int count;
    private long[] failedStarts = new long[INITIAL_FAILURES];
    private long[] failedEnds = new long[INITIAL_FAILURES];
    private int failedCount;

    private final PauseSpans pauses;
    private final ReceiverOverflow overflow;
    private final GapList gaps = new GapList();
    private int packetSamples;

    GapTimeline(PauseSpans pauses) {
        this(pauses, ReceiverOverflow.NONE);
    }

    GapTimeline(PauseSpans pauses, ReceiverOverflow overflow) {
        this.pauses = pauses;
        this.overflow = overflow;
    }

    /** Audio of the packet with stream-wide number {@code sequence} was placed at {@code [position, position + length)}. */
    public void covered(long position, int length, long sequence) {
        covered(position, length, sequence, 0);
    }

    /**
     * Audio of the packet with stream-wide number {@code sequence}, read at {@code arrivalNanos}, was placed at
     * {@code [position, position + length)}.
     */
    public void covered(long position, int length, long sequence, long arrivalNanos) {
        packetSamples = length;
        long end = position + length;
        int first = count;
        while (first > 0 && ends[first - 1] >= position) {
            first--;
        }
        int last = first;
        while (last < count && starts[last] <= end) {
            last++;
        }
        if (first == last) {
            insert(first, position, end, sequence, arrivalNanos);
            return;
        }
        long earliest = arrivalNanos;
        for (int i = first; i < last; i++) {
            earliest = arrivals[i] - earliest < 0 ? arrivals[i] : earliest;
        }
        arrivals[first] = earliest;
        // [first, last) touch or overlap the packet: they become one interval
        if (position < starts[first]) {
            starts[first] = position;
            firstSequences[first] = sequence;
        }
        int right = last - 1;
        if (end > ends[right]) {
            ends[first] = end;
            lastSequences[first] = sequence;
            presentAfter[first] = 0;
        } else {
            ends[first] = ends[right];
            lastSequences[first] = lastSequences[right];
            presentAfter[first] = presentAfter[right];
        }
        remove(first + 1, right - first);
    }

    /**
     * The audio placed at {@code [position, position + length)} (it is {@link #covered}) could not be decoded, or not
     * in time: its span is silence, a {@link GapCause#RECORDER_FAILURE} gap. Must come before the span is settled,
     * which the caller ensures by settling no further than its oldest decode still under way. A span that touches
     * or overlaps one already failed joins it, so a run of failed packets is one record, however long: the bound
     * below widens only failures that are apart.
     */
    public void failed(long position, int length) {
        long end = position + length;
        int index = failedCount;
        while (index > 0 && failedStarts[index - 1] > position) {
            index--;
        }
        if (index > 0 && failedEnds[index - 1] >= position) {
            failedEnds[index - 1] = Math.max(failedEnds[index - 1], end);
            joinFollowing(index - 1);
            return;
        }
        if (index < failedCount && failedStarts[index] <= end) {
            failedStarts[index] = position;
            failedEnds[index] = Math.max(failedEnds[index], end);
            joinFollowing(index);
            return;
        }
        if (failedCount == FAILURES) {
            int widened = Math.max(0, index - 1);
            failedStarts[widened] = Math.min(failedStarts[widened], position);
            failedEnds[widened] = Math.max(failedEnds[widened], end);
            return;
        }
        if (failedCount == failedStarts.length) {
            int size = Math.min(FAILURES, failedCount * 2);
            failedStarts = Arrays.copyOf(failedStarts, size);
            failedEnds = Arrays.copyOf(failedEnds, size);
        }
        System.arraycopy(failedStarts, index, failedStarts, index + 1, failedCount - index);
        System.arraycopy(failedEnds, index, failedEnds, index + 1, failedCount - index);
        failedStarts[index] = position;
        failedEnds[index] = end;
        failedCount++;
    }

    /**
     * A comfort-noise or telephone-event packet with stream-wide number {@code sequence} was received: no audio, but
     * the sender was there, and its number is not missing. {@code position} is where its timestamp puts it, used only
     * if it is the stream's first packet.
     */
    public void present(long sequence, long position) {
        present(sequence, position, 0);
    }

    /** {@link #present(long, long)} of a packet read at {@code arrivalNanos}. */
    public void present(long sequence, long position, long arrivalNanos) {
        if (count == 0) {
            insert(0, position, position, sequence, arrivalNanos);
            return;
        }
        for (int i = count - 1; i >= 0; i--) {
            if (lastSequences[i] < sequence) {
                if (i == count - 1 || firstSequences[i + 1] > sequence) {
                    presentAfter[i]++;
                }
                return;
            }
        }
    }

    /** The file holds everything before {@code flushed}: the holes that end there are settled. */
    public void settle(long flushed) {
        settle(flushed, 0);
    }

    /**
     * The file holds everything before {@code flushed}: the holes that end there are settled, but a hole with
     * packets missing only once the kernel's drop counter can say whether they were the receiver's (at
     * {@code nowNanos}).
     */
    public void settle(long flushed, long nowNanos) {
        while (count >= 2 && starts[1] <= flushed && settleFirst(nowNanos, false)) {
            // settled one
        }
        if (count > 0) {
            pauses.forgetBefore(starts[0]);
            forgetFailuresBefore(starts[0]);
        }
    }

    /** The stream ended and its file is {@code fileEnd} samples long: settles everything. */
    public void finish(long fileEnd) {
        finish(fileEnd, false);
    }

    /**
     * The stream ended and its file is {@code fileEnd} samples long: settles everything. With {@code dropsAtEnd},
     * packets the kernel dropped on the stream's socket that no hole took ({@link ReceiverOverflow#unclaimed}: the
     * stream's last packets, dropped with its buffer full as the call ended) are a {@link GapCause#RECEIVER_OVERFLOW}
     * gap after {@code fileEnd}, as long as those packets (at the length of the last one): the stream keeps the
     * length that was sent, and its record says what is missing, where before it ended short without a word.
     *
     * @return where the file ends now: {@code fileEnd}, or past the gap (the caller extends the file to it)
     */
    public long finish(long fileEnd, boolean dropsAtEnd) {
        return finish(fileEnd, dropsAtEnd, Long.MAX_VALUE);
    }

    /**
     * As {@link #finish(long, boolean)}, the gap after {@code fileEnd} at most {@code tailSamples} long (rounded up to
     * whole packets): on a socket a group of streams shares, what this stream can have sent before its end.
     */
    public long finish(long fileEnd, boolean dropsAtEnd, long tailSamples) {
        while (count >= 2) {
            settleFirst(0, true);
        }
        long tail = 0;
        if (count == 1) {
            emit(starts[0], Math.min(ends[0], fileEnd), null);
            tail = ends[0];
            count = 0;
        }
        emit(tail, fileEnd, GapCause.QUIET_SENDER);
        long end = fileEnd;
        if (dropsAtEnd && packetSamples > 0) {
            long atMost = tailSamples == Long.MAX_VALUE ? Long.MAX_VALUE
                    : (Math.max(0, tailSamples) + packetSamples - 1) / packetSamples;
            end += overflow.unclaimed(atMost) * packetSamples;
            add(fileEnd, end, GapCause.RECEIVER_OVERFLOW);
        }
        pauses.forgetBefore(end);
        forgetFailuresBefore(end);
        return end;
    }

    /** The settled gaps, in order (allocates). */
    public List<Gap> gaps() {
        return gaps.toList();
    }

    /** Gaps that did not fit the list, or were never told apart. */
    public long omitted() {
        return gaps.omitted();
    }

    /**
     * Emits the first interval and the hole after it, and forgets the interval; {@code false} (nothing done) if the
     * hole misses packets and the drop counter has not been read since it closed, unless {@code now} says it must.
     */
    private boolean settleFirst(long nowNanos, boolean now) {
        long missing = firstSequences[1] - lastSequences[0] - 1 - presentAfter[0];
        long hole = starts[1] - ends[0];
        long lost = missing <= 0 ? 0 : Math.min(hole, missing * packetSamples);
        if (lost > 0 && !now && !overflow.knowsDropsBefore(arrivals[1], nowNanos)) {
            return false;
        }
        emit(starts[0], ends[0], null);
        GapCause cause = lost <= 0 ? GapCause.NETWORK_LOSS : overflow.causeOfLoss(missing);
        emit(ends[0], ends[0] + lost, cause);
        emit(ends[0] + lost, starts[1], GapCause.QUIET_SENDER);
        remove(0, 1);
        return true;
    }

    /**
     * Emits {@code [from, to)}: what a pause covers as {@link GapCause#SIGNALLED_PAUSE}, the rest as {@code cause}
     * ({@code null}: audio, nothing to emit).
     */
    private void emit(long from, long to, GapCause cause) {
        long at = from;
        for (int i = 0; i < pauses.count() && at < to; i++) {
            long pauseStart = pauses.start(i);
            long pauseEnd = pauses.end(i);
            if (pauseEnd <= at) {
                continue;
            }
            if (pauseStart >= to) {
                break;
            }
            if (pauseStart > at) {
                add(at, pauseStart, cause);
                at = pauseStart;
            }
            long stop = Math.min(pauseEnd, to);
            gaps.add(at, stop, GapCause.SIGNALLED_PAUSE);
            at = stop;
        }
        add(at, to, cause);
    }

    /** Adds a gap of {@code cause}; for audio ({@code null}) only the parts whose decoding failed. */
    private void add(long from, long to, GapCause cause) {
        if (cause != null) {
            gaps.add(from, to, cause);
            return;
        }
        for (int i = 0; i < failedCount; i++) {
            gaps.add(Math.max(from, failedStarts[i]), Math.min(to, failedEnds[i]), GapCause.RECORDER_FAILURE);
        }
    }

    /** Joins to failure record {@code i} the ones after it that it now touches or overlaps. */
    private void joinFollowing(int i) {
        int next = i + 1;
        while (next < failedCount && failedStarts[next] <= failedEnds[i]) {
            failedEnds[i] = Math.max(failedEnds[i], failedEnds[next]);
            next++;
        }
        int joined = next - i - 1;
        if (joined > 0) {
            System.arraycopy(failedStarts, next, failedStarts, i + 1, failedCount - next);
            System.arraycopy(failedEnds, next, failedEnds, i + 1, failedCount - next);
            failedCount -= joined;
        }
    }

    private void forgetFailuresBefore(long position) {
        int gone = 0;
        while (gone < failedCount && failedEnds[gone] <= position) {
            gone++;
        }
        System.arraycopy(failedStarts, gone, failedStarts, 0, failedCount - gone);
        System.arraycopy(failedEnds, gone, failedEnds, 0, failedCount - gone);
        failedCount -= gone;
    }

    private void insert(int index, long start, long end, long sequence, long arrivalNanos) {
        if (count == INTERVALS) {
            mergeIntoNeighbour(index, start, end, sequence);
            return;
        }
        if (count == starts.length) {
            growIntervals();
        }
        System.arraycopy(arrivals, index, arrivals, index + 1, count - index);
        arrivals[index] = arrivalNanos;
        System.arraycopy(starts, index, starts, index + 1, count - index);
        System.arraycopy(ends, index, ends, index + 1, count - index);
        System.arraycopy(firstSequences, index, firstSequences, index + 1, count - index);
        System.arraycopy(lastSequences, index, lastSequences, index + 1, count - index);
        System.arraycopy(presentAfter, index, presentAfter, index + 1, count - index);
        starts[index] = start;
        ends[index] = end;
        firstSequences[index] = sequence;
        lastSequences[index] = sequence;
        presentAfter[index] = 0;
        count++;
    }

    /** Doubles the room for intervals, up to {@value #INTERVALS}: on a hole, never per packet of a steady stream. */
    private void growIntervals() {
        int size = Math.min(INTERVALS, count * 2);
        starts = Arrays.copyOf(starts, size);
        ends = Arrays.copyOf(ends, size);
        firstSequences = Arrays.copyOf(firstSequences, size);
        lastSequences = Arrays.copyOf(lastSequences, size);
        presentAfter = Arrays.copyOf(presentAfter, size);
        arrivals = Arrays.copyOf(arrivals, size);
    }

    /** No room for one more interval: the packet widens the one before it (or after it) over the hole between. */
    private void mergeIntoNeighbour(int index, long start, long end, long sequence) {
        gaps.omit();
        if (index > 0) {
            ends[index - 1] = end;
            lastSequences[index - 1] = sequence;
            presentAfter[index - 1] = 0;
        } else {
            starts[0] = start;
            firstSequences[0] = sequence;
        }
    }

    private void remove(int index, int length) {
        if (length <= 0) {
            return;
        }
        int moved = count - index - length;
        System.arraycopy(starts, index + length, starts, index, moved);
        System.arraycopy(ends, index + length, ends, index, moved);
        System.arraycopy(firstSequences, index + length, firstSequences, index, moved);
        System.arraycopy(lastSequences, index + length, lastSequences, index, moved);
        System.arraycopy(presentAfter, index + length, presentAfter, index, moved);
        System.arraycopy(arrivals, index + length, arrivals, index, moved);
        count -= length;
    }
}
