package org.activerecorder.testsupport.rtp;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What {@link RtpSender#play} sent, for the assertions that follow: when, and how many packets of each kind.
 *
 * @param first            when the first packet left (the instant of the stream's first sample)
 * @param last             when the last packet left
 * @param marks            the instants the script's {@link RtpScript#mark marks} were reached, by name
 * @param cues             when each {@link RtpScript#cue cue} really began and returned, by its mark's name
 * @param audioPackets     audio packets sent
 * @param comfortNoise     comfort-noise packets sent (payload type 13)
 * @param telephoneEvents  RFC 4733 packets sent, end packets' repetitions included
 * @param lost             packets the script "lost" (numbered, never sent)
 */
public record Played(Instant first, Instant last, Map<String, Instant> marks, Map<String, CueRun> cues,
                     int audioPackets, int comfortNoise, int telephoneEvents, int lost) {

    public Played {
        marks = Map.copyOf(marks);
        cues = Map.copyOf(cues);
    }

    /** When a cue began (the sending thread may wake late for it) and when it returned (its request answered). */
    public record CueRun(Instant began, Instant returned) {
    }

    /**
     * A stretch of this stream's recording, in milliseconds from its first packet, both ends included.
     *
     * @param from its earliest point
     * @param to   its latest point
     */
    public record Span(long from, long to) {

        /** Whether {@code millis} falls in this span widened by {@code tolerance} at each end. */
        public boolean holds(long millis, long tolerance) {
            return millis >= from - tolerance && millis <= to + tolerance;
        }

        /** The lengths from a point of {@code earlier} to a point of this span: shortest to longest. */
        public Span since(Span earlier) {
            return new Span(from - earlier.to, to - earlier.from);
        }
    }

    /** The instant a mark was reached. */
    public Instant at(String mark) {
        Instant instant = marks.get(mark);
        if (instant == null) {
            throw new IllegalArgumentException("no mark '" + mark + "' in " + marks.keySet());
        }
        return instant;
    }

    /** Milliseconds from the first packet to a mark: where the mark falls in this stream's recording. */
    public long millisTo(String mark) {
        return Duration.between(first, at(mark)).toMillis();
    }

    /**
     * Where in this stream's recording the request a cue made (a hold's UPDATE, say) can have reached the recorder:
     * from when the cue began to when it returned with the answer. A recorder stamps such a request on its arrival, so
     * on a busy machine its point lies anywhere in this span, not at the cue's mark.
     */
    public Span cueMillis(String mark) {
        CueRun run = cues.get(mark);
        if (run == null) {
            throw new IllegalArgumentException("no cue at '" + mark + "' in " + cues.keySet());
        }
        return new Span(Duration.between(first, run.began()).toMillis(), Duration.between(first, run.returned()).toMillis());
    }

    /** Packets that left: every kind. */
    public int packetsSent() {
        return audioPackets + comfortNoise + telephoneEvents;
    }
}
