package org.activerecorder.sip.stack;

import java.util.Properties;

/**
 * The JAIN-SIP properties the recorder runs its stack with. Kept in one place because each one is
 * there for a reason that is easy to lose:
 * <ul>
 *   <li>STACK_LOGGER / SERVER_LOGGER: our java.util.logging adapters, so no log4j is needed and SIP logs
 *       land in the server log;</li>
 *   <li>AUTOMATIC_DIALOG_SUPPORT on: JAIN-SIP keeps the dialogs, answers requests for unknown dialogs
 *       with 481, retransmits our 2xx until ACK and ends the dialog when none comes;</li>
 *   <li>THREAD_POOL_SIZE: a fixed number of threads parse incoming messages; without it JAIN-SIP starts a
 *       thread per UDP datagram;</li>
 *   <li>REENTRANT_LISTENER off (the default, stated): one event thread calls the listener, in order.</li>
 * </ul>
 */
public final class StackProperties {

    static final int MESSAGE_THREADS = 4;

    private StackProperties() {
    }

    /** The properties for a stack with this name (the name shows in thread names and logs). */
    public static Properties forStack(String stackName) {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", stackName);
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JulServerLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(MESSAGE_THREADS));
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
        return properties;
    }
}
