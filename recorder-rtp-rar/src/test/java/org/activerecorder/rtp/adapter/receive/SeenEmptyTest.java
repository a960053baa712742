package org.activerecorder.rtp.adapter.receive;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the receive loop's rounds say about when a socket was last empty. */
class SeenEmptyTest {

    private final SeenEmpty seen = new SeenEmpty();

    @Test
    void aSocketNotReadyInACompleteRoundWasEmptyWhenThatSelectWasCalled() {
        seen.polled(7, 3, 1_000);
        assertEquals(1_000, seen.since(6), "ready last in round 6, not in round 7: empty when 7 looked");
        assertEquals(SeenEmpty.UNKNOWN, seen.since(7), "ready in round 7 itself: not seen empty since");
    }

    @Test
    void nothingIsKnownBeforeTheFirstCompleteRound() {
        assertEquals(SeenEmpty.UNKNOWN, seen.since(Long.MIN_VALUE));
        assertEquals(SeenEmpty.UNKNOWN, seen.since(0));
    }

    @Test
    void aRoundThatMayHaveLeftReadySocketsUnreportedTellsNothing() {
        seen.polled(7, 3, 1_000);
        seen.polled(8, SeenEmpty.SELECT_EVENTS, 2_000); // the selector's limit: ready sockets may be unreported
        seen.polled(9, SeenEmpty.COMPLETE_BELOW, 3_000);
        assertEquals(1_000, seen.since(6), "the last complete round is still 7");
        assertEquals(SeenEmpty.UNKNOWN, seen.since(7));
        seen.polled(10, SeenEmpty.COMPLETE_BELOW - 1, 4_000);
        assertEquals(4_000, seen.since(9), "round 10 reported every ready socket");
    }
}
