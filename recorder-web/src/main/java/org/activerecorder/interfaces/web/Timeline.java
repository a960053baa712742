package org.activerecorder.interfaces.web;

import org.activerecorder.application.RecordingView;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A recording's completeness record drawn on one time axis: a bar per stream (where its audio is, and its gaps with
 * their causes) and a bar of the pauses on request. The axis starts at the first sample of the earliest stream, as
 * the stereo file does, and spans the recording's duration; places are percentages of it, for CSS.
 */
public final class Timeline {

    /** One row of the drawing: a stream (its DN and side) or the pauses. */
    public record Bar(String label, List<Mark> marks) {
    }

    /**
     * A stretch of a bar.
     *
     * @param left  where it starts, in percent of the axis
     * @param width how long it is, in percent of the axis
     * @param kind  {@code AUDIO}, {@code PAUSE}, or a gap's cause ({@code NETWORK_LOSS}, ...): its CSS class
     * @param title what a person reads when pointing at it
     */
    public record Mark(double left, double width, String kind, String title) {

        /** {@code left: 12.500%; width: 3.000%}: the mark's place, for its style attribute. */
        public String style() {
            return String.format(Locale.ROOT, "left: %.3f%%; width: %.3f%%", left, width);
        }
    }

    private final long totalMillis;
    private final List<Bar> bars;

    private Timeline(long totalMillis, List<Bar> bars) {
        this.totalMillis = totalMillis;
        this.bars = bars;
    }

    public static Timeline of(RecordingView recording) {
        Instant origin = recording.streams().stream().map(RecordingView.StreamView::firstSampleAt)
                .filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(recording.startedAt());
        long total = recording.durationMillis() != null ? recording.durationMillis()
                : recording.streams().stream().mapToLong(s -> offset(origin, s.firstSampleAt()) + length(s))
                .max().orElse(0);
        Axis axis = new Axis(Math.max(total, 1));
        List<Bar> bars = new ArrayList<>();
        for (RecordingView.StreamView stream : recording.streams()) {
            List<Mark> marks = new ArrayList<>();
            if (stream.firstSampleAt() != null) {
                long start = offset(origin, stream.firstSampleAt());
                marks.add(axis.mark(start, length(stream), "AUDIO", "audio"));
                for (RecordingView.GapView gap : stream.gaps()) {
                    marks.add(axis.mark(start + gap.startMillis(), gap.lengthMillis(), gap.cause(),
                            gap.cause() + ": " + gap.lengthMillis() + " ms at " + (start + gap.startMillis()) + " ms"));
                }
            }
            bars.add(new Bar(stream.dn() + " (" + stream.side() + ")", marks));
        }
        List<Mark> pauses = new ArrayList<>();
        for (RecordingView.PauseView pause : recording.pauses()) {
            long start = offset(origin, pause.pausedAt());
            long length = pause.durationMillis() != null ? pause.durationMillis() : total - start;
            pauses.add(axis.mark(start, length, "PAUSE", "paused by " + pause.pausedBy()
                    + (pause.resumedBy() == null ? "" : ", " + (pause.endedByStop() ? "stopped" : "resumed") + " by "
                    + pause.resumedBy())));
        }
        bars.add(new Bar("pauses", pauses));
        return new Timeline(total, bars);
    }

    /** The axis's length: the recording's duration. */
    public long getTotalMillis() {
        return totalMillis;
    }

    public List<Bar> getBars() {
        return bars;
    }

    private static long offset(Instant origin, Instant at) {
        return origin == null || at == null ? 0 : Math.max(0, Duration.between(origin, at).toMillis());
    }

    private static long length(RecordingView.StreamView stream) {
        return stream.sampleRate() <= 0 ? 0 : stream.samplesWritten() * 1000 / stream.sampleRate();
    }

    /** Milliseconds to percentages, clamped to the axis (a pause may outlast a recording stopped early). */
    private record Axis(long total) {
        Mark mark(long startMillis, long lengthMillis, String kind, String title) {
            double left = Math.min(100, 100.0 * startMillis / total);
            double width = Math.max(0, Math.min(100 - left, 100.0 * lengthMillis / total));
            return new Mark(left, width, kind, title);
        }
    }
}
