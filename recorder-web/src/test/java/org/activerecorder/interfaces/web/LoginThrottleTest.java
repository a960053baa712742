package org.activerecorder.interfaces.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String ADMIN_DESK = "10.0.0.5";
    private static final String STRANGER = "203.0.113.9";

    /** 3 free failures per user, 6 per address; 1 s doubling to 8 s; forgotten after 60 s; known for 100 s. */
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(3, 6, SECOND, 8 * SECOND,
            60 * SECOND, 100 * SECOND));

    @Test
    void theFreeFailuresPassThenEachFailureDoublesTheWaitUpToTheCeiling() {
        long now = 0;
        for (int i = 0; i < 3; i++) {
            assertTrue(throttle.check("admin", STRANGER, now).allowed(), "free failure " + i);
            throttle.failed("admin", STRANGER, now);
        }
        assertTrue(throttle.check("admin", STRANGER, now).allowed(), "three failures: the fourth try is free");
        throttle.failed("admin", STRANGER, now);

        LoginThrottle.Verdict first = throttle.check("admin", STRANGER, now);
        assertFalse(first.allowed());
        assertEquals(SECOND, first.waitNanos());
        assertEquals("user admin", first.limit());
        assertEquals(4, first.failures());
        assertTrue(first.firstRefusal());
        assertFalse(throttle.check("admin", STRANGER, now + SECOND / 2).firstRefusal(), "reported once per window");

        assertEquals(2 * SECOND, throttle.delayAfter(5, 3));
        assertEquals(8 * SECOND, throttle.delayAfter(7, 3));
        assertEquals(8 * SECOND, throttle.delayAfter(60, 3), "never more than the ceiling");
        assertTrue(throttle.check("admin", STRANGER, now + SECOND).allowed(), "never a lock: after the wait, a try");
    }

    @Test
    void aStrangerSlowsTheAdministratorsNameButNotTheAddressTheyLoggedInFrom() {
        throttle.succeeded("admin", ADMIN_DESK, 0);
        for (int i = 0; i < 5; i++) {
            throttle.failed("admin", STRANGER, SECOND);
        }
        assertFalse(throttle.check("admin", "198.51.100.1", SECOND).allowed(), "an unknown address waits");
        assertTrue(throttle.check("admin", ADMIN_DESK, SECOND).allowed(), "the administrator's desk does not");
        assertTrue(throttle.check("admin", ADMIN_DESK, 200 * SECOND).allowed(),
                "and once the stranger's failures are forgotten, nobody waits");
        throttle.failed("admin", STRANGER, 201 * SECOND);
        assertTrue(throttle.check("admin", "198.51.100.1", 201 * SECOND).allowed(), "a fresh count after forgetting");
    }

    @Test
    void anAddressSprayingManyNamesWaitsWhateverNameItTries() {
        for (int i = 0; i < 7; i++) {
            throttle.failed("user" + i, STRANGER, 0);
        }
        LoginThrottle.Verdict verdict = throttle.check("someone-else", STRANGER, 0);
        assertFalse(verdict.allowed());
        assertEquals("address " + STRANGER, verdict.limit());
        assertTrue(throttle.check("someone-else", ADMIN_DESK, 0).allowed(), "other addresses are not slowed");
    }

    @Test
    void aSuccessForgetsTheUsersFailuresButNotTheAddresss() {
        for (int i = 0; i < 7; i++) {
            throttle.failed("bob", STRANGER, 0);
        }
        throttle.succeeded("bob", ADMIN_DESK, 0);
        assertTrue(throttle.check("bob", "198.51.100.1", 0).allowed(), "bob's failures are forgotten");
        assertFalse(throttle.check("mallory", STRANGER, 0).allowed(), "the guessing address still waits");
    }
}
