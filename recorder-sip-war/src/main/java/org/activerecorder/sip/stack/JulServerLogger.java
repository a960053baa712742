package org.activerecorder.sip.stack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;

import javax.sip.SipStack;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every SIP message the stack sends or receives, at FINE in category {@value #CATEGORY}: turn that
 * category to DEBUG in WildFly to see the wire. Named by {@code gov.nist.javax.sip.SERVER_LOGGER};
 * JAIN-SIP's default writes to a file of its own.
 */
public final class JulServerLogger implements ServerLogger {

    /** The category of the message trace. */
    public static final String CATEGORY = "org.activerecorder.sip.messages";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    /** JAIN-SIP instantiates its logger by reflection, with this constructor. */
    public JulServerLogger() {
        // no state to set up
    }

    static boolean messagesLogged() {
        return LOG.isLoggable(Level.FINE);
    }

    @Override
    public void closeLogFile() {
        // nothing to close: java.util.logging owns the handlers
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, null, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, status, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, status, sender);
    }

    private static void log(SIPMessage message, String from, String to, String status, boolean sender) {
        if (!LOG.isLoggable(Level.FINE)) {
            return;
        }
        LOG.fine((sender ? "sent " : "received ") + from + " -> " + to
                + (status == null ? "" : " (" + status + ")") + "\n" + message.encode());
    }

    @Override
    public void logException(Exception exception) {
        LOG.log(Level.WARNING, String.valueOf(exception.getMessage()), exception);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // levels come from the logging configuration
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // the stack is not needed to log a message
    }
}
