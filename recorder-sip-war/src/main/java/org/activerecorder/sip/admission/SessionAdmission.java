package org.activerecorder.sip.admission;

import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.stack.SipLimits;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Whether a new recording session may start now: under the total and per-peer session limits, with a free place
 * in the {@link WorkGate}. Asked on the SIP event thread for every initial INVITE that passed validation, before
 * its 100 Trying, so a refusal is a 503 with Retry-After sent at once, never a wait. Each refusal is counted in
 * {@link SipCounters} and logged once per kind until the recorder has room again, so a flood does not flood the
 * log.
 *
 * <p>Sessions per peer are counted from the sessions this admission let in that are still in the registry: the
 * registry forgets a session wherever it ends (BYE, CANCEL, refusal, dialog end, shutdown), and checking against
 * it keeps the count right without a hook in each of those places.
 */
public final class SessionAdmission {

    private static final Logger LOG = Logger.getLogger(SessionAdmission.class.getName());

    private final SipLimits limits;
    private final RecordingSessions sessions;
    private final WorkGate gate;
    private final SipCounters counters;
    private final Map<InetAddress, List<RecordingSession>> byPeer = new HashMap<>();
    private boolean refusing;

    public SessionAdmission(SipLimits limits, RecordingSessions sessions, Executor executor, SipCounters counters) {
        this.limits = limits;
        this.sessions = sessions;
        this.gate = new WorkGate(executor, limits.maxPendingWork());
        this.counters = counters;
    }

    /**
     * Admits the session or says why not.
     *
     * @param peer    the INVITE's source address (null when unknown: counted under no peer)
     * @param session the session the INVITE would open, not yet registered
     * @return the place in the work gate its opening must run with
     * @throws RequestRejected with a 503 when a limit is reached or the work queue is full
     */
    public synchronized WorkGate.Place admit(InetAddress peer, RecordingSession session) throws RequestRejected {
        if (sessions.size() >= limits.maxSessions()) {
            counters.sessionLimit();
            throw refused(Rejection.sessionLimit(), SipLimits.MAX_SESSIONS + " (" + limits.maxSessions() + ")");
        }
        List<RecordingSession> fromPeer = byPeer.computeIfAbsent(peer, any -> new ArrayList<>());
        fromPeer.removeIf(known -> sessions.find(known.key()).orElse(null) != known);
        if (fromPeer.size() >= limits.maxSessionsPerPeer()) {
            counters.peerSessionLimit();
            throw refused(Rejection.peerSessionLimit(), SipLimits.MAX_SESSIONS_PER_PEER + " ("
                    + limits.maxSessionsPerPeer() + ") for " + (peer == null ? "an unknown peer" : peer.getHostAddress()));
        }
        WorkGate.Place place = gate.tryEnter();
        if (place == null) {
            counters.overloaded();
            throw refused(Rejection.overloaded(), SipLimits.MAX_PENDING_WORK + " (" + gate.capacity()
                    + " session openings waiting for the stream intake)");
        }
        fromPeer.add(session);
        if (refusing) {
            refusing = false;
            LOG.info("SIP admission: new recording sessions are accepted again");
        }
        return place;
    }

    private RequestRejected refused(Rejection rejection, String limit) {
        if (!refusing) {
            refusing = true;
            LOG.warning(() -> "SIP admission: refusing new recording sessions with " + rejection.statusCode()
                    + " at " + limit + "; further refusals are counted, not logged, until one is accepted");
        }
        return new RequestRejected(rejection);
    }

    /** Session openings running or queued now. */
    public int pendingWork() {
        return gate.pending();
    }

    public SipCounters counters() {
        return counters;
    }
}
