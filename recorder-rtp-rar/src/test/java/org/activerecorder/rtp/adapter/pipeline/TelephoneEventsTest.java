package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.DtmfEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TelephoneEventsTest {

    private final TelephoneEvents events = new TelephoneEvents();

    @Test
    void theEndPacketRecordsTheEventOnceHoweverOftenItComes() {
        events.offer(1_000, 9, false, 10, 160, 4_000);
        events.offer(1_000, 9, false, 10, 320, 4_000);
        events.offer(1_000, 9, true, 10, 400, 4_000);
        events.offer(1_000, 9, true, 10, 400, 4_000);
        events.offer(1_000, 9, true, 10, 400, 4_000);
        events.finish();

        assertEquals(List.of(new DtmfEvent(4_000, 9, 400, 10, true)), events.events());
    }

    @Test
    void aStragglerOfAnEarlierEventIsIgnored() {
        events.offer(1_000, 1, true, 10, 400, 0);
        events.offer(2_000, 2, false, 10, 160, 1_000);
        events.offer(1_000, 1, false, 10, 320, 0);
        events.finish();

        assertEquals(List.of(new DtmfEvent(0, 1, 400, 10, true), new DtmfEvent(1_000, 2, 160, 10, false)),
                events.events());
    }

    @Test
    void aNegativeStartIsTheStartOfTheFile() {
        events.offer(1_000, 1, true, 10, 400, -80);

        assertEquals(0, events.events().get(0).startSample());
    }

    @Test
    void boundedWithTheRestCounted() {
        for (int i = 0; i < TelephoneEvents.CAPACITY + 3; i++) {
            events.offer(i * 1_000L, i % 16, true, 10, 400, i * 1_000L);
        }

        assertEquals(TelephoneEvents.CAPACITY, events.events().size());
        assertEquals(3, events.omitted());
    }
}
