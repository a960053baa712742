package org.activerecorder.sip.admission;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What the SIP side refused or dropped since it started, in one place: the numbers an operator needs to tell a
 * misconfigured Media Server (refused peers), an overloaded recorder (overload and limit answers) and a hostile or
 * broken sender (oversized and malformed messages) apart. Thread-safe and cheap: each count is a {@link LongAdder}
 * bumped from JAIN-SIP's threads.
 *
 * <p>Seen by a person through the server log: {@link #logIfChanged()} writes one line with every count, and the
 * summaries of the other SIP counters joined to these ({@link #alongside}, e.g. the SIPREC intake's), when any
 * moved since the last line, called at a fixed interval by the application (recorder.sip.counters-log-seconds),
 * and once more when SIP stops. RTP's counters reach a person the same way (the log) or per recording.
 */
public final class SipCounters {

    private static final Logger LOG = Logger.getLogger(SipCounters.class.getName());

    private final LongAdder forbiddenPeers = new LongAdder();
    private final LongAdder overloaded = new LongAdder();
    private final LongAdder sessionLimit = new LongAdder();
    private final LongAdder peerSessionLimit = new LongAdder();
    private final LongAdder oversized = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder forbiddenPeersDropped = new LongAdder();
    private final LongAdder udpSendFailures = new LongAdder();
    private final LongAdder udpSendQueueFull = new LongAdder();
    private final List<Supplier<String>> others = new CopyOnWriteArrayList<>();
    private String logged = "";

    /**
     * The counts at one moment.
     *
     * @param forbiddenPeers   requests from addresses not in recorder.sip.allowed-peers (403)
     * @param overloaded       INVITEs refused because the work queue was full or the executor refused (503)
     * @param sessionLimit     INVITEs refused at recorder.sip.max-sessions (503)
     * @param peerSessionLimit INVITEs refused at recorder.sip.max-sessions-per-peer (503)
     * @param oversized        messages over recorder.sip.max-message-bytes, dropped
     * @param malformed        messages that could not be parsed (dropped) or lacked a required header (400)
     * @param forbiddenPeersDropped of the refused peers' requests, those that came over a connection (TCP) and got
     *                         no 403: never a connection out to a stranger
     * @param udpSendFailures  SIP datagrams the kernel refused to send (logged as they happen)
     * @param udpSendQueueFull sends that waited for room because the UDP send queue was full
     */
    public record Snapshot(long forbiddenPeers, long overloaded, long sessionLimit, long peerSessionLimit,
                           long oversized, long malformed, long forbiddenPeersDropped, long udpSendFailures,
                           long udpSendQueueFull) {

        @Override
        public String toString() {
            return "refused peers " + forbiddenPeers + " (403, or dropped over TCP " + forbiddenPeersDropped
                    + "), overloaded (503) " + overloaded
                    + ", session limit (503) " + sessionLimit + ", per-peer session limit (503) " + peerSessionLimit
                    + ", oversized dropped " + oversized + ", malformed " + malformed
                    + "; datagrams not sent " + udpSendFailures + ", sends that waited for a full queue "
                    + udpSendQueueFull;
        }
    }

    public void forbiddenPeer() {
        forbiddenPeers.increment();
    }

    /** A refused peer's request came over a connection and was dropped unanswered (also counted as refused). */
    public void forbiddenPeerDropped() {
        forbiddenPeersDropped.increment();
    }

    public void overloaded() {
        overloaded.increment();
    }

    public void sessionLimit() {
        sessionLimit.increment();
    }

    public void peerSessionLimit() {
        peerSessionLimit.increment();
    }

    public void oversized() {
        oversized.increment();
    }

    public void malformed() {
        malformed.increment();
    }

    /** A SIP datagram could not be sent: the kernel refused it (see {@code QueuedSendSocket}). */
    public void udpSendFailed() {
        udpSendFailures.increment();
    }

    /** A send waited for room in a full UDP send queue (the thread sending them stuck). */
    public void udpSendQueueFull() {
        udpSendQueueFull.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(forbiddenPeers.sum(), overloaded.sum(), sessionLimit.sum(), peerSessionLimit.sum(),
                oversized.sum(), malformed.sum(), forbiddenPeersDropped.sum(), udpSendFailures.sum(),
                udpSendQueueFull.sum());
    }

    /**
     * Logs the counts if any changed since the last line: a quiet server writes nothing.
     *
     * @return true when a line was written
     */
    public synchronized boolean logIfChanged() {
        String now = line();
        if (now.equals(logged)) {
            return false;
        }
        logged = now;
        LOG.info(now);
        return true;
    }

    /**
     * Joins another part of the SIP side's counters to the log line, so that one line tells a person everything the
     * SIP side refused.
     *
     * @param summary the other counters, in one line of their own words
     */
    public void alongside(Supplier<String> summary) {
        others.add(summary);
    }

    /** The log line: these counts, then each joined summary. */
    public String line() {
        StringBuilder line = new StringBuilder("SIP refusals since start: ").append(snapshot());
        others.forEach(other -> line.append("; ").append(other.get()));
        return line.toString();
    }
}
