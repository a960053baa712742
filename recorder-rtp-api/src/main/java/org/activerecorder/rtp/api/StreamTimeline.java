package org.activerecorder.rtp.api;

import java.util.List;

/**
 * What a stream's file holds besides the samples: its silent stretches with their causes, and the telephone events
 * received. Both lists are bounded so that a pathological stream cannot grow memory without limit: what did not
 * fit is counted in the {@code omitted} fields (and still counted in the stream's statistics).
 *
 * @param gaps         silent stretches, in order of their start
 * @param gapsOmitted  further gaps that did not fit the list
 * @param dtmf         telephone events, in order of their start
 * @param dtmfOmitted  further telephone events that did not fit the list
 */
public record StreamTimeline(List<Gap> gaps, long gapsOmitted, List<DtmfEvent> dtmf, long dtmfOmitted) {

    public static final StreamTimeline EMPTY = new StreamTimeline(List.of(), 0, List.of(), 0);

    public StreamTimeline {
        gaps = List.copyOf(gaps);
        dtmf = List.copyOf(dtmf);
    }

    /** Samples of silence of the given cause in the listed gaps. */
    public long silentSamples(GapCause cause) {
        long total = 0;
        for (Gap gap : gaps) {
            if (gap.cause() == cause) {
                total += gap.lengthSamples();
            }
        }
        return total;
    }
}
