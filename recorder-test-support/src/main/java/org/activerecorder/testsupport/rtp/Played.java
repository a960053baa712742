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
 * @param audioPackets     audio packets sent
 * @param comfortNoise     comfort-noise packets sent (payload type 13)
 * @param telephoneEvents  RFC 4733 packets sent, end packets' repetitions included
 * @param lost             packets the script "lost" (numbered, never sent)
 */
public record Played(Instant first, Instant last, Map<String, Instant> marks, int audioPackets, int comfortNoise,
                     int telephoneEvents, int lost) {

    public Played {
        marks = Map.copyOf(marks);
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

    /** Packets that left: every kind. */
    public int packetsSent() {
        return audioPackets + comfortNoise + telephoneEvents;
    }
}
