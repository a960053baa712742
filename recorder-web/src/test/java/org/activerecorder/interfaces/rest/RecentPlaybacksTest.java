package org.activerecorder.interfaces.rest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A player's seeks are one audited playback, not one entry per request, and still no read goes unaudited: a read from
 * byte 0 always needs an entry, one from elsewhere only when the user has had none for the recording in the window.
 */
class RecentPlaybacksTest {

    private static final long T0 = 5_000_000_000L;
    private static final long WINDOW = RecentPlaybacks.WINDOW.toNanos();

    @Test
    void aPlayersSeeksAfterItsFirstRequestNeedNoFurtherEntryWithinTheWindow() {
        RecentPlaybacks playbacks = new RecentPlaybacks();

        assertTrue(playbacks.needsEntry("sue", 7, 0, T0), "the player's first request, bytes=0-");
        playbacks.entryWritten("sue", 7, T0);
        assertFalse(playbacks.needsEntry("sue", 7, 480_044, T0 + 1), "a seek");
        assertFalse(playbacks.needsEntry("sue", 7, 96_044, T0 + WINDOW - 1), "another, still in the window");
        assertTrue(playbacks.needsEntry("sue", 7, 96_044, T0 + WINDOW), "the window ended");
    }

    @Test
    void aReadFromTheStartIsAlwaysAnEntry() {
        RecentPlaybacks playbacks = new RecentPlaybacks();
        playbacks.entryWritten("sue", 7, T0);

        assertTrue(playbacks.needsEntry("sue", 7, 0, T0 + 1), "a download or a replay from the start");
    }

    @Test
    void aRangedReadNeverSeenBeforeIsAnEntryPerUserAndRecording() {
        RecentPlaybacks playbacks = new RecentPlaybacks();
        playbacks.entryWritten("sue", 7, T0);

        assertTrue(playbacks.needsEntry("sue", 8, 1000, T0 + 1), "another recording");
        assertTrue(playbacks.needsEntry("tom", 7, 1000, T0 + 1), "another user");
        assertTrue(playbacks.needsEntry("sue7", 0, 1000, T0 + 1), "names do not run into ids");
    }

    @Test
    void anEntryThatWasNotWrittenLeavesTheNextReadNeedingOne() {
        RecentPlaybacks playbacks = new RecentPlaybacks();

        assertTrue(playbacks.needsEntry("sue", 7, 5000, T0));
        // the audit write failed: entryWritten is not called, and no byte left
        assertTrue(playbacks.needsEntry("sue", 7, 5000, T0 + 1));
    }

    @Test
    void forgettingEveryoneWhenFullCostsAnExtraEntryNotAMissedOne() {
        RecentPlaybacks playbacks = new RecentPlaybacks();
        for (int i = 0; i < RecentPlaybacks.MAX_KEPT; i++) {
            playbacks.entryWritten("user" + i, 7, T0);
        }
        assertFalse(playbacks.needsEntry("user0", 7, 5000, T0 + 1));
        playbacks.entryWritten("one-more", 7, T0 + 1);
        assertTrue(playbacks.needsEntry("user0", 7, 5000, T0 + 2), "forgotten, so written again");
        assertFalse(playbacks.needsEntry("one-more", 7, 5000, T0 + 2), "the newest is kept");
    }
}
