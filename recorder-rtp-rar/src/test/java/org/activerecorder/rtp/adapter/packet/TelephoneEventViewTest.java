package org.activerecorder.rtp.adapter.packet;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelephoneEventViewTest {

    private final TelephoneEventView view = new TelephoneEventView();

    @Test
    void readsTheRfc4733Fields() {
        // RFC 4733 figure 1: event 11 (#), E bit set, R bit set (ignored), volume 63, duration 0xFFFE, after a header
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {9, 9, 11, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE});

        assertTrue(view.parse(payload, 2, 4));

        assertEquals(11, view.event());
        assertTrue(view.end());
        assertEquals(63, view.volume());
        assertEquals(0xFFFE, view.duration());
    }

    @Test
    void anOngoingEvent() {
        assertTrue(view.parse(ByteBuffer.wrap(new byte[] {5, 10, 0, (byte) 160}), 0, 4));

        assertEquals(5, view.event());
        assertFalse(view.end());
        assertEquals(10, view.volume());
        assertEquals(160, view.duration());
    }

    @Test
    void tooShortIsNoEvent() {
        assertFalse(view.parse(ByteBuffer.wrap(new byte[] {5, 10, 0}), 0, 3));
    }
}
