package org.activerecorder.interfaces.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session-less API client is one login per user, address and half hour, not one per request. */
class RecentLoginsTest {

    private static final long T0 = 1_000_000_000L;
    private static final long WINDOW = RecentLogins.WINDOW.toNanos();

    @Test
    void aUserFromAnAddressLogsInOncePerWindow() {
        RecentLogins recent = new RecentLogins();

        assertTrue(recent.firstIn("desk1", "10.0.0.7", T0));
        assertFalse(recent.firstIn("desk1", "10.0.0.7", T0 + 1));
        assertFalse(recent.firstIn("desk1", "10.0.0.7", T0 + WINDOW - 1));
        assertTrue(recent.firstIn("desk1", "10.0.0.8", T0 + 2), "another address");
        assertTrue(recent.firstIn("desk2", "10.0.0.7", T0 + 3), "another user");
        assertTrue(recent.firstIn("desk1", "10.0.0.7", T0 + WINDOW), "the window ended");
        assertFalse(recent.firstIn("desk1", "10.0.0.7", T0 + WINDOW + 1));
    }

    @Test
    void forgettingEveryoneWhenFullCostsAnExtraLoginNotAMissedOne() {
        RecentLogins recent = new RecentLogins();
        for (int i = 0; i < RecentLogins.MAX_KEPT; i++) {
            assertTrue(recent.firstIn("user" + i, "10.0.0.1", T0));
        }
        assertTrue(recent.firstIn("user0", "10.0.0.1", T0 + 1), "forgotten, so logged again");
    }
}
