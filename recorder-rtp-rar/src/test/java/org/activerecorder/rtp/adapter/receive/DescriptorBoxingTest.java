package org.activerecorder.rtp.adapter.receive;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check that the JVM runs with the Integer cache the receive loop needs (the tests do, as the server must). */
class DescriptorBoxingTest {

    @Test
    void theTestJvmRunsWithTheOptionSoNoWarningIsLogged() {
        assertTrue(DescriptorBoxing.cached(DescriptorBoxing.HIGHEST_DESCRIPTOR), "surefire's argLine sets "
                + DescriptorBoxing.JVM_OPTION);
        assertEquals(java.util.Optional.empty(), DescriptorBoxing.warning());
    }

    @Test
    void numbersBeyondTheCacheAreNotCached() {
        assertFalse(DescriptorBoxing.cached(DescriptorBoxing.HIGHEST_DESCRIPTOR + 1_000_000));
    }
}
