package org.activerecorder.domain.model.recording;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StreamTimelineTest {

    @Test
    void keepsAtMostTheBoundAndCountsTheRest() {
        List<StreamGap> gaps = new ArrayList<>();
        List<DtmfTone> dtmf = new ArrayList<>();
        for (int i = 0; i < StreamTimeline.MAX_ENTRIES + 5; i++) {
            gaps.add(new StreamGap(i * 1000L, 160, GapCause.NETWORK_LOSS));
            dtmf.add(new DtmfTone(i * 1000L, i % 16, 800, 10, true));
        }

        StreamTimeline timeline = new StreamTimeline(gaps, 7, dtmf, 0);

        assertEquals(StreamTimeline.MAX_ENTRIES, timeline.gaps().size());
        assertEquals(12, timeline.gapsOmitted(), "the media plane's 7 and the 5 that did not fit here");
        assertEquals(StreamTimeline.MAX_ENTRIES, timeline.dtmf().size());
        assertEquals(5, timeline.dtmfOmitted());
        assertEquals(gaps.get(0), timeline.gaps().get(0), "the earliest are kept");
    }

    @Test
    void aKeyPressReadsAsTheKey() {
        assertEquals("5", new DtmfTone(0, 5, 800, 10, true).key());
        assertEquals("*", new DtmfTone(0, 10, 800, 10, true).key());
        assertEquals("#", new DtmfTone(0, 11, 800, 10, true).key());
        assertEquals("D", new DtmfTone(0, 15, 800, 10, true).key());
        assertEquals("F", new DtmfTone(0, 16, 800, 10, true).key());
        assertEquals("?", new DtmfTone(0, 40, 800, 10, true).key());
    }

    @Test
    void aGapHasALength() {
        assertThrows(IllegalArgumentException.class, () -> new StreamGap(0, 0, GapCause.QUIET_SENDER));
        assertThrows(IllegalArgumentException.class, () -> new StreamGap(-1, 10, GapCause.QUIET_SENDER));
    }
}
