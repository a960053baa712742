package org.activerecorder.sip.stack;

import gov.nist.core.LogLevels;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JulStackLoggerTest {

    @Test
    void jainSipLevelsMapToJulLevels() {
        assertEquals(Level.SEVERE, JulStackLogger.level(LogLevels.TRACE_FATAL));
        assertEquals(Level.SEVERE, JulStackLogger.level(LogLevels.TRACE_ERROR));
        assertEquals(Level.WARNING, JulStackLogger.level(LogLevels.TRACE_WARN));
        assertEquals(Level.FINE, JulStackLogger.level(LogLevels.TRACE_INFO), "JAIN-SIP's info is internal chatter");
        assertEquals(Level.FINE, JulStackLogger.level(LogLevels.TRACE_DEBUG));
        assertEquals(Level.FINEST, JulStackLogger.level(LogLevels.TRACE_TRACE));
        assertEquals(Level.OFF, JulStackLogger.level(LogLevels.TRACE_NONE));
    }

    @Test
    void unusedTlsWarningsAreRecognised() {
        assertTrue(JulStackLogger.aboutUnusedTls("using default tls security policy"));
        assertTrue(JulStackLogger.aboutUnusedTls("Using default keystore type pkcs12"));
        assertFalse(JulStackLogger.aboutUnusedTls("Dropping out of sequence BYE"));
    }

    @Test
    void theReparsingOfAReleasedRequestIsRecognised() {
        assertTrue(JulStackLogger.aboutReleasedRequest("reparsing original request [B@69f310fd since it was eagerly"
                + " cleaned up, but beware this is not efficient with the aggressive flag set !"));
        assertFalse(JulStackLogger.aboutReleasedRequest("Dropping out of sequence BYE"));
        assertFalse(JulStackLogger.aboutReleasedRequest(null));
    }

    @Test
    void disablingStopsEverything() {
        JulStackLogger logger = new JulStackLogger();
        assertTrue(logger.isLoggingEnabled());
        logger.disableLogging();
        assertFalse(logger.isLoggingEnabled());
        assertFalse(logger.isLoggingEnabled(LogLevels.TRACE_ERROR));
    }
}
