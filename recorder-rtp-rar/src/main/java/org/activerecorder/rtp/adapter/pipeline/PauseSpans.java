package org.activerecorder.rtp.adapter.pipeline;

import java.util.Arrays;

/**
 * The stretches of a stream's file that a pause silenced, by sample position: the one open now, if any, and the
 * finished ones the {@link GapTimeline} has not passed yet.
 *
 * <p>Silence is decided by position, not by arrival: whatever lands inside a span, while paused or reordered after
 * the resume, is written as zeros; whatever lands before it is audio. The zeroing happens as the {@link AudioWindow}
 * writes a stretch out ({@link #silenceBeforeWrite}), not as audio arrives: a request travels (REST or JMS, then the
 * receive loop) and reaches the stream tens of milliseconds after the instant it names, and the audio after a
 * resume's instant is still in memory then, so it is kept. Paused audio never reaches the file. Only a resume that
 * comes after its instant's audio was written out (more than the reorder hold, half a second, late) cannot bring
 * that back: a span never ends before the silence written for it does.
 *
 * <p>At most {@value #CAPACITY} spans wait for the timeline (a few seconds' worth of pause requests). When a pause
 * finds them all taken, the newest span is reopened instead: the stream stays silent from its start, which is
 * less audio, never a stretch the timeline calls audio and is not. The arrays start with room for
 * {@value #INITIAL} spans (most streams are never paused) and double up to the bound on a pause that needs more: no
 * allocation per packet, and none once a stream has held as many spans at once as it ever will.
 */
final class PauseSpans {

    static final int CAPACITY = 16;
    static final int INITIAL = 2;
    static final long OPEN = Long.MAX_VALUE;

    private long[] starts = new long[INITIAL];
    private long[] ends = new long[INITIAL];
    private int count;
    private long writtenSilenceEnd;

    boolean isOpen() {
        return count > 0 && ends[count - 1] == OPEN;
    }

    /**
     * Opens a span at {@code position} (the caller has already moved it past the written audio).
     *
     * @return where the silence really starts: earlier than {@code position} when an earlier span is reopened
     */
    long pause(long position) {
        if (isOpen()) {
            return starts[count - 1];
        }
        if (count > 0 && (position <= ends[count - 1] || count == CAPACITY)) {
            ends[count - 1] = OPEN;
            return starts[count - 1];
        }
        if (count == starts.length) {
            int size = Math.min(CAPACITY, count * 2);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
        }
        starts[count] = position;
        ends[count] = OPEN;
        count++;
        writtenSilenceEnd = position;
        return position;
    }

    /** Closes the open span at {@code position}, or later if the silence written for it reaches further. */
    void resume(long position) {
        if (!isOpen()) {
            return;
        }
        int last = count - 1;
        long end = Math.max(position, Math.max(starts[last], writtenSilenceEnd));
        if (end == starts[last]) {
            count--;
        } else {
            ends[last] = end;
        }
    }

    /**
     * Zeroes in {@code window} whatever of {@code [from, to)} a span covers, just before the window writes that
     * stretch out: the open span can no longer end before it.
     */
    void silenceBeforeWrite(AudioWindow window, long from, long to) {
        for (int i = 0; i < count; i++) {
            long start = Math.max(from, starts[i]);
            long end = Math.min(to, ends[i]);
            if (start < end) {
                window.silence(start, end);
                if (ends[i] == OPEN) {
                    writtenSilenceEnd = Math.max(writtenSilenceEnd, end);
                }
            }
        }
    }

    /**
     * Zeroes the samples of {@code samples[0..length)}, placed at {@code position}, that fall in a span: a copy of
     * the audio for those who hear it live, who hear a pause as it happens.
     *
     * @return how many were zeroed
     */
    int silence(short[] samples, long position, int length) {
        long packetEnd = position + length;
        int zeroed = 0;
        for (int i = 0; i < count; i++) {
            long from = Math.max(position, starts[i]);
            long to = Math.min(packetEnd, ends[i]);
            if (from < to) {
                Arrays.fill(samples, (int) (from - position), (int) (to - position), (short) 0);
                zeroed += (int) (to - from);
            }
        }
        return zeroed;
    }

    /** Forgets the spans that end at or before {@code position}: the timeline is past them. */
    void forgetBefore(long position) {
        int done = 0;
        while (done < count && ends[done] <= position) {
            done++;
        }
        if (done > 0) {
            System.arraycopy(starts, done, starts, 0, count - done);
            System.arraycopy(ends, done, ends, 0, count - done);
            count -= done;
        }
    }

    int count() {
        return count;
    }

    long start(int index) {
        return starts[index];
    }

    /** The end of a span; {@link #OPEN} while it is open. */
    long end(int index) {
        return ends[index];
    }
}
