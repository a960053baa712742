package org.activerecorder.sip.stack;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.message.SIPMessage;
import org.activerecorder.sip.admission.SipCounters;

import javax.sip.SipStack;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAIN-SIP's message parser with a guard in front, named by {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}.
 * Two things it stops from reaching the wire or the stack:
 * <ul>
 *   <li><b>Unparseable messages are dropped, counted, never answered by JAIN-SIP.</b> On a parse failure
 *       jain-sip-ri 1.3.0-91's UDP channel builds a 400 by string concatenation ({@code
 *       MessageChannel.createBadReqRes}): the parser's exception text, bare LF included, goes into the reason
 *       phrase and headers are copied line by line, so the answer to e.g. {@code Content-Length: -5} is itself
 *       malformed (issue 12). A parser that returns null instead of throwing makes the channel drop the datagram
 *       silently, which RFC 4475 allows for a request a server cannot parse; over TCP JAIN-SIP drops it
 *       anyway.</li>
 *   <li><b>Oversized datagrams are dropped, counted.</b> JAIN-SIP reads UDP into a buffer of
 *       {@code MAX_MESSAGE_SIZE} bytes (at most 64 KiB) and a longer datagram arrives cut off at that length; a
 *       datagram that fills the buffer is taken as cut off. We drop rather than answer 413: RFC 3261 §18.1.1
 *       puts messages too large for a datagram on a congestion-controlled transport (TCP), and §21.4.11's 413 is
 *       about a body the server will not process, which it cannot judge from a truncated request whose headers
 *       may be cut too. Over TCP, JAIN-SIP's own {@code MAX_MESSAGE_SIZE} check closes the connection when the
 *       headers announce a larger body; the guard, which sees those headers first, counts it.</li>
 * </ul>
 * A message without Via, From, To, Call-ID or CSeq is dropped and counted here too (JAIN-SIP would drop it, after
 * flooding its log, see {@link Guard#lacksRequiredHeader}).
 * Messages JAIN-SIP reparses internally (its own, with no channel to answer on) go through unguarded.
 *
 * <p>JAIN-SIP instantiates this class by name, so the counters of each stack are found by the stack's name:
 * {@link #register} before the stack is created, {@link #unregister} when it stops.
 */
public final class GuardedMessageParserFactory implements MessageParserFactory {

    private static final Logger LOG = Logger.getLogger(GuardedMessageParserFactory.class.getName());
    private static final int LARGEST_DATAGRAM = 64 * 1024;
    private static final Map<String, SipCounters> COUNTERS = new ConcurrentHashMap<>();

    private final StringMsgParser parser = new StringMsgParser();

    /** JAIN-SIP instantiates the factory by reflection, with this constructor. */
    public GuardedMessageParserFactory() {
        // no state to set up
    }

    /** Where the stack of this name counts what the guard drops. */
    static void register(String stackName, SipCounters counters) {
        COUNTERS.put(stackName, counters);
    }

    static void unregister(String stackName) {
        COUNTERS.remove(stackName);
    }

    /** The counters registered for the stack of this name, or fresh ones that nobody reads. */
    static SipCounters countersOf(String stackName) {
        SipCounters counters = stackName == null ? null : COUNTERS.get(stackName);
        return counters == null ? new SipCounters() : counters;
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        SipCounters counters = countersOf(stack instanceof SipStack named ? named.getStackName() : null);
        int max = stack.getMaxMessageSize() > 0 ? stack.getMaxMessageSize() : Integer.MAX_VALUE;
        return new Guard(parser, counters, Math.min(max, LARGEST_DATAGRAM), max);
    }

    /** One channel's parser: JAIN-SIP's, behind the size check and the parse-failure drop. */
    static final class Guard implements MessageParser {
        private final StringMsgParser parser;
        private final SipCounters counters;
        private final int truncatedAt;
        private final int largestBody;

        /**
         * @param truncatedAt a datagram this long filled JAIN-SIP's read buffer and is taken as cut off
         * @param largestBody over a stream, a larger Content-Length makes JAIN-SIP close the connection
         */
        Guard(StringMsgParser parser, SipCounters counters, int truncatedAt, int largestBody) {
            this.parser = parser;
            this.counters = counters;
            this.truncatedAt = truncatedAt;
            this.largestBody = largestBody;
        }

        @Override
        public SIPMessage parseSIPMessage(byte[] message, boolean readBody, boolean strict,
                                          ParseExceptionListener channel) throws ParseException {
            if (channel == null) {
                return parser.parseSIPMessage(message, readBody, strict, null);
            }
            if (message.length >= truncatedAt) {
                counters.oversized();
                LOG.fine(() -> "Dropped a SIP datagram of " + message.length + " bytes or more: over "
                        + SipLimits.MAX_MESSAGE_BYTES + " or the largest datagram; use TCP for large messages");
                return null;
            }
            SIPMessage parsed;
            try {
                parsed = parser.parseSIPMessage(message, readBody, strict, channel);
            } catch (ParseException | RuntimeException unparseable) {
                counters.malformed();
                LOG.log(Level.FINE, "Dropped an unparseable SIP message of " + message.length + " bytes", unparseable);
                return null;
            }
            if (parsed != null && !readBody && parsed.getContentLength() != null
                    && parsed.getContentLength().getContentLength() > largestBody) {
                // a stream's headers, read before the body: JAIN-SIP closes the connection on this one itself
                counters.oversized();
                LOG.fine(() -> "A SIP message over TCP announces " + parsed.getContentLength().getContentLength()
                        + " bytes of body, over " + SipLimits.MAX_MESSAGE_BYTES + "; JAIN-SIP closes the connection");
                return parsed;
            }
            if (parsed != null && lacksRequiredHeader(parsed)) {
                counters.malformed();
                LOG.fine(() -> "Dropped a SIP message of " + message.length + " bytes without Via, From, To, Call-ID "
                        + "or CSeq");
                return null;
            }
            return parsed;
        }

        /**
         * JAIN-SIP drops a message without these itself, but only after its UDP channel has read the CSeq's method
         * of a request: without a CSeq that throws, and JAIN-SIP logs the whole 64 KiB receive buffer as a list of
         * numbers, some 300 KB of log per datagram.
         */
        private static boolean lacksRequiredHeader(SIPMessage message) {
            return message.getTopmostVia() == null || message.getFrom() == null || message.getTo() == null
                    || message.getCallId() == null || message.getCSeq() == null;
        }
    }
}
