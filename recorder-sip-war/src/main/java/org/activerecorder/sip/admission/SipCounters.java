package org.activerecorder.sip.admission;

import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * What the SIP side refused or dropped since it started, in one place: the numbers an operator needs to tell a
 * misconfigured Media Server (refused peers), an overloaded recorder (overload and limit answers) and a hostile or
 * broken sender (oversized and malformed messages) apart. Thread-safe and cheap: each count is a {@link LongAdder}
 * bumped from JAIN-SIP's threads.
 *
 * <p>Seen by a person through the server log: {@link #logIfChanged()} writes one line with every count when any
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
    private Snapshot logged = new Snapshot(0, 0, 0, 0, 0, 0, 0);

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
     */
    public record Snapshot(long forbiddenPeers, long overloaded, long sessionLimit, long peerSessionLimit,
                           long oversized, long malformed, long forbiddenPeersDropped) {

        @Override
        public String toString() {
            return "refused peers " + forbiddenPeers + " (403, or dropped over TCP " + forbiddenPeersDropped
                    + "), overloaded (503) " + overloaded
                    + ", session limit (503) " + sessionLimit + ", per-peer session limit (503) " + peerSessionLimit
                    + ", oversized dropped " + oversized + ", malformed " + malformed;
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

    public Snapshot snapshot() {
        return new Snapshot(forbiddenPeers.sum(), overloaded.sum(), sessionLimit.sum(), peerSessionLimit.sum(),
                oversized.sum(), malformed.sum(), forbiddenPeersDropped.sum());
    }

    /**
     * Logs the counts if any changed since the last line: a quiet server writes nothing.
     *
     * @return true when a line was written
     */
    public synchronized boolean logIfChanged() {
        Snapshot now = snapshot();
        if (now.equals(logged)) {
            return false;
        }
        logged = now;
        LOG.info(() -> "SIP refusals since start: " + now);
        return true;
    }
}
