package org.activerecorder.infrastructure.media;

import org.activerecorder.domain.model.recording.DtmfTone;
import org.activerecorder.domain.model.recording.GapCause;
import org.activerecorder.domain.model.recording.StreamEnd;
import org.activerecorder.domain.model.recording.StreamEndReason;
import org.activerecorder.domain.model.recording.StreamGap;
import org.activerecorder.domain.model.recording.StreamStatistics;
import org.activerecorder.domain.model.recording.StreamTimeline;
import org.activerecorder.rtp.api.StreamEvent;

/**
 * Translates the adapter's account of a finished stream into the domain's words. The domain keeps its own types
 * (it must not depend on the media plane's contract); the names of reasons and causes are the same on both sides.
 */
final class StreamEventTranslation {

    private StreamEventTranslation() {
    }

    static StreamEnd end(StreamEvent.Closed closed) {
        return new StreamEnd(closed.firstSample(), statistics(closed.statistics()),
                StreamEndReason.valueOf(closed.reason().name()), timeline(closed.timeline()));
    }

    static StreamStatistics statistics(org.activerecorder.rtp.api.StreamStatistics s) {
        if (s == null) {
            return StreamStatistics.NONE;
        }
        return new StreamStatistics(s.packetsReceived(), s.packetsMalformed(), s.packetsForeign(), s.packetsLate(),
                s.packetsLost(), s.packetsDuplicate(), s.samplesWritten(), s.packetsExpected(), s.ssrcChanges(),
                s.sequenceRestarts(), s.sourceMoves(), s.comfortNoisePackets(), s.telephoneEventPackets(),
                s.timestampJumps(), s.kernelDrops());
    }

    static StreamTimeline timeline(org.activerecorder.rtp.api.StreamTimeline timeline) {
        if (timeline == null) {
            return StreamTimeline.EMPTY;
        }
        return new StreamTimeline(
                timeline.gaps().stream().map(g -> new StreamGap(g.startSample(), g.lengthSamples(),
                        GapCause.valueOf(g.cause().name()))).toList(),
                timeline.gapsOmitted(),
                timeline.dtmf().stream().map(d -> new DtmfTone(d.startSample(), d.event(), d.durationSamples(),
                        d.volume(), d.ended())).toList(),
                timeline.dtmfOmitted());
    }
}
