package org.activerecorder.sip.stack;

import gov.nist.core.StackLogger;

import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAIN-SIP's internal logging, sent to java.util.logging category {@value #CATEGORY} (in WildFly: the
 * server log, tuned like any other category). Named by {@code gov.nist.javax.sip.STACK_LOGGER}; without
 * it JAIN-SIP needs log4j 1.x on the class path.
 *
 * <p>Levels: JAIN-SIP's fatal/error → SEVERE, warn and exceptions → WARNING, and its info, which is
 * internal chatter, → FINE with debug; trace → FINEST. Message traces go through
 * {@link JulServerLogger}; JAIN-SIP asks this logger whether "messages" level is on before it builds one,
 * so that question is answered yes when either category is at FINE.
 *
 * <p>JAIN-SIP keeps this instance in a static field ({@code CommonLogger.legacyLogger}); that is harmless
 * here because JAIN-SIP lives in this WAR's own class loader.
 */
public final class JulStackLogger implements StackLogger {

    /** The category of JAIN-SIP's internal logging. */
    public static final String CATEGORY = "gov.nist.javax.sip";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private volatile boolean enabled = true;

    /** JAIN-SIP instantiates its logger by reflection, with this constructor. */
    public JulStackLogger() {
        // no state to set up
    }

    @Override
    public boolean isLoggingEnabled() {
        return enabled;
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (!enabled) {
            return false;
        }
        if (logLevel == TRACE_MESSAGES && JulServerLogger.messagesLogged()) {
            return true;
        }
        return LOG.isLoggable(level(logLevel));
    }

    static Level level(int logLevel) {
        if (logLevel <= TRACE_ERROR) {
            return logLevel == TRACE_NONE ? Level.OFF : Level.SEVERE;
        }
        if (logLevel <= TRACE_WARN) {
            return Level.WARNING;
        }
        if (logLevel <= TRACE_DEBUG) {
            return Level.FINE;
        }
        return Level.FINEST;
    }

    private void log(Level level, String message, Throwable thrown) {
        if (enabled && LOG.isLoggable(level)) {
            LOG.log(level, message, thrown);
        }
    }

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int traceLevel) {
        log(level(traceLevel), "stack trace", new Throwable("stack trace requested by JAIN-SIP"));
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable exception) {
        log(Level.WARNING, String.valueOf(exception.getMessage()), exception);
    }

    @Override
    public void logDebug(String message) {
        log(Level.FINE, message, null);
    }

    @Override
    public void logDebug(String message, Exception exception) {
        log(Level.FINE, message, exception);
    }

    @Override
    public void logTrace(String message) {
        log(Level.FINEST, message, null);
    }

    @Override
    public void logFatalError(String message) {
        log(Level.SEVERE, message, null);
    }

    @Override
    public void logError(String message) {
        log(Level.SEVERE, message, null);
    }

    /**
     * An interrupted JAIN-SIP thread is debug, not an error: the only interrupts in this application come
     * from {@link SipEndpoint#stop()} ending the threads JAIN-SIP's own stop leaves blocked.
     */
    @Override
    public void logError(String message, Exception exception) {
        log(exception instanceof InterruptedException ? Level.FINE : Level.SEVERE, message, exception);
    }

    /**
     * JAIN-SIP warns at every start that TLS keys and policies are not configured; the recorder opens no
     * TLS listening point, so those lines are debug, not warnings an operator should act on. It also warns each time
     * a request it released after its transaction ended (kept as bytes, {@code RELEASE_REFERENCES_STRATEGY=Normal},
     * see {@link StackProperties}) is read again and so parsed again: the recorder does that by design (the INVITE of
     * an established session, read at a session refresh), so those lines are debug too.
     */
    @Override
    public void logWarning(String message) {
        log(aboutUnusedTls(message) || aboutReleasedRequest(message) ? Level.FINE : Level.WARNING, message, null);
    }

    static boolean aboutReleasedRequest(String message) {
        return message != null && message.startsWith("reparsing original request");
    }

    static boolean aboutUnusedTls(String message) {
        String text = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        return text.contains("tls") || text.contains("keystore") || text.contains("truststore");
    }

    @Override
    public void logInfo(String message) {
        log(Level.FINE, message, null);
    }

    @Override
    public void disableLogging() {
        enabled = false;
    }

    @Override
    public void enableLogging() {
        enabled = true;
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.fine(() -> "JAIN-SIP build " + buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // levels come from the logging configuration, not from JAIN-SIP's TRACE_LEVEL property
    }

    @Override
    public String getLoggerName() {
        return CATEGORY;
    }
}
