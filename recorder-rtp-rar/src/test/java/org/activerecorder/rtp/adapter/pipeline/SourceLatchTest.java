package org.activerecorder.rtp.adapter.pipeline;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceLatchTest {

    private final InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 40000);

    @Test
    void matchesNothingBeforeLatching() {
        SourceLatch latch = new SourceLatch();

        assertFalse(latch.isLatched());
        assertFalse(latch.matches(sender));
        assertNull(latch.source());
    }

    @Test
    void theFirstSourceStaysAndOnlyItMatches() {
        SourceLatch latch = new SourceLatch();
        latch.latch(sender);
        latch.latch(new InetSocketAddress("127.0.0.1", 40002));

        assertTrue(latch.isLatched());
        assertEquals(sender, latch.source());
        assertTrue(latch.matches(new InetSocketAddress("127.0.0.1", 40000)), "an equal address, another object");
        assertFalse(latch.matches(new InetSocketAddress("127.0.0.1", 40002)), "same host, other port");
        assertFalse(latch.matches(new InetSocketAddress("127.0.0.2", 40000)), "same port, other host");
    }

    @Test
    void aMoveMakesOnlyTheNewAddressMatch() {
        SourceLatch latch = new SourceLatch();
        latch.latch(sender);
        InetSocketAddress moved = new InetSocketAddress("127.0.0.1", 40002);

        latch.move(moved);

        assertEquals(moved, latch.source());
        assertTrue(latch.matches(moved));
        assertFalse(latch.matches(sender));
    }
}
