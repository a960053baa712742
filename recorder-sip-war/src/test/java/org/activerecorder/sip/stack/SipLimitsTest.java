package org.activerecorder.sip.stack;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipLimitsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        assertEquals(SipLimits.DEFAULTS, SipLimits.from(Map.<String, String>of()::get));
        assertEquals(64 * 1024, SipLimits.DEFAULTS.maxMessageBytes());
    }

    @Test
    void eachLimitIsRead() {
        SipLimits limits = SipLimits.from(Map.of(SipLimits.MAX_SESSIONS, "10", SipLimits.MAX_SESSIONS_PER_PEER, " 3 ",
                SipLimits.MAX_PENDING_WORK, "5", SipLimits.MAX_MESSAGE_BYTES, "8192",
                SipLimits.COUNTERS_LOG_SECONDS, "0")::get);
        assertEquals(new SipLimits(10, 3, 5, 8192, 0), limits);
    }

    @Test
    void badValuesNameTheProperty() {
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> SipLimits.from(Map.of(SipLimits.MAX_SESSIONS, "many")::get));
        assertTrue(notANumber.getMessage().contains(SipLimits.MAX_SESSIONS), notANumber.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> SipLimits.from(Map.of(SipLimits.MAX_PENDING_WORK, "0")::get));
        assertTrue(zero.getMessage().contains(SipLimits.MAX_PENDING_WORK), zero.getMessage());
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> SipLimits.from(Map.of(SipLimits.MAX_MESSAGE_BYTES, "1000")::get));
        assertTrue(tiny.getMessage().contains("4096"), tiny.getMessage());
    }

    @Test
    void theStackGetsTheLimitsAndTheParserGuard() {
        Properties properties = StackProperties.forStack("s", new SipLimits(3000, 10, 5, 20_000, 0));
        assertEquals("20000", properties.getProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE"));
        assertEquals("12000", properties.getProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS"));
        assertEquals(GuardedMessageParserFactory.class.getName(),
                properties.getProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY"));
        assertEquals("5000", StackProperties.forStack("s", new SipLimits(100, 10, 5, 20_000, 0))
                        .getProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS"),
                "never below JAIN-SIP's own default high-water mark");
    }
}
