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
 *   <li>REENTRANT_LISTENER off (the default, stated): one event thread calls the listener, in order;</li>
 *   <li>MESSAGE_PARSER_FACTORY: {@link GuardedMessageParserFactory}, so that what JAIN-SIP cannot parse is
 *       dropped and counted instead of answered with its malformed automatic 400, and oversized datagrams are
 *       dropped and counted;</li>
 *   <li>NETWORK_LAYER: {@link QueuedSendNetworkLayer}, so that no thread waits for another's send on a UDP listening
 *       point ({@link QueuedSendSocket});</li>
 *   <li>MAX_MESSAGE_SIZE (recorder.sip.max-message-bytes): the UDP read buffer, and over TCP the largest message
 *       (headers before Content-Length at most half of it) before JAIN-SIP closes the connection;</li>
 *   <li>MAX_SERVER_TRANSACTIONS: JAIN-SIP's transaction table, unbounded without it; past 80 % JAIN-SIP starts
 *       dropping new requests. Sized well above what the session limit can produce (an INVITE and a BYE or
 *       re-INVITE per session, and OPTIONS), so admission answers 503 long before the table drops anything;</li>
 *   <li>MAX_CONNECTIONS: TCP connections at once (Media Servers hold a few each);</li>
 *   <li>READ_TIMEOUT: once a TCP message has started, each further read must come within this time, or the
 *       connection is closed: a sender trickling a message byte by byte cannot hold a thread for ever;</li>
 *   <li>RELEASE_REFERENCES_STRATEGY Normal: a dialog drops its parsed INVITE and transactions once the ACK came, and
 *       an ended transaction keeps its request and last response only as bytes, parsed again if read (the default,
 *       None, keeps every INVITE and 200 OK parsed for the call's life: thousands of header objects per call). What
 *       the recorder does later still works: requests in the dialog (re-INVITE, UPDATE, BYE, our refreshes and
 *       BYEs) are built from the dialog's own state, the 200 OK is retransmitted from its bytes until the ACK comes
 *       ({@code UnacknowledgedAnswers}), and the session's INVITE, read at a refresh, is parsed again (see
 *       {@link JulStackLogger#logWarning}). Not Aggressive, which drops the bytes too, so that read would fail.</li>
 * </ul>
 * Deliberately not set: MAX_TX_LIFETIME_INVITE, whose timeout would remove an INVITE transaction the stream intake
 * is still answering (JAIN-SIP's early-dialog timeout already ends those, see
 * {@code RecordingSipServlet#dialogTerminated}); CACHE_SERVER_CONNECTIONS stays on, so a Media Server keeps one
 * TCP connection for all its sessions.
 */
public final class StackProperties {

    static final int MESSAGE_THREADS = 4;
    static final int MAX_TCP_CONNECTIONS = 256;
    static final int TCP_READ_TIMEOUT_MILLIS = 10_000;
    static final int MIN_SERVER_TRANSACTIONS = 5000;

    private StackProperties() {
    }

    /** The properties for a stack with this name (the name shows in thread names and logs), default limits. */
    public static Properties forStack(String stackName) {
        return forStack(stackName, SipLimits.DEFAULTS);
    }

    /** The properties for a stack with this name and these limits. */
    public static Properties forStack(String stackName, SipLimits limits) {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", stackName);
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JulServerLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(MESSAGE_THREADS));
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
        properties.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", GuardedMessageParserFactory.class.getName());
        properties.setProperty("gov.nist.javax.sip.NETWORK_LAYER", QueuedSendNetworkLayer.class.getName());
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(limits.maxMessageBytes()));
        properties.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS",
                Integer.toString(Math.max(MIN_SERVER_TRANSACTIONS, 4 * limits.maxSessions())));
        properties.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", Integer.toString(MAX_TCP_CONNECTIONS));
        properties.setProperty("gov.nist.javax.sip.READ_TIMEOUT", Integer.toString(TCP_READ_TIMEOUT_MILLIS));
        properties.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        return properties;
    }
}
