package org.activerecorder.domain.model.recording;

import java.util.List;

/**
 * What a stream's file holds besides its samples, as the media plane reported it when the stream ended: its silent
 * stretches with their causes and its key presses. Both lists are bounded (by the media plane, and again at
 * {@link #MAX_ENTRIES} here); what did not fit is counted in the {@code omitted} fields.
 */
public record StreamTimeline(List<StreamGap> gaps, long gapsOmitted, List<DtmfTone> dtmf, long dtmfOmitted) {

    /** Most gaps, and most key presses, kept per stream: a pathological stream cannot fill the database. */
    public static final int MAX_ENTRIES = 1_000;

    public static final StreamTimeline EMPTY = new StreamTimeline(List.of(), 0, List.of(), 0);

    public StreamTimeline {
        if (gapsOmitted < 0 || dtmfOmitted < 0) {
            throw new IllegalArgumentException("omitted counts cannot be negative");
        }
        if (gaps.size() > MAX_ENTRIES) {
            gapsOmitted += gaps.size() - MAX_ENTRIES;
            gaps = gaps.subList(0, MAX_ENTRIES);
        }
        if (dtmf.size() > MAX_ENTRIES) {
            dtmfOmitted += dtmf.size() - MAX_ENTRIES;
            dtmf = dtmf.subList(0, MAX_ENTRIES);
        }
        gaps = List.copyOf(gaps);
        dtmf = List.copyOf(dtmf);
    }
}
