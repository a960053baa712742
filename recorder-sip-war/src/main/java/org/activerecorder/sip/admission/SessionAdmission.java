package org.activerecorder.sip.admission;

import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.stack.SipLimits;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
 * <p>Sessions per peer are counted as they are let in and as the registry tells that they left it
 * ({@link RecordingSessions#onRemoval}): the registry forgets a session wherever it ends (BYE, CANCEL, refusal,
 * dialog end, shutdown), so one hook keeps the count right without one in each of those places. Each admission
 * costs the same however many sessions are up: it used to check every session of the peer against the registry,
 * 2,000 lookups an INVITE at 1,000 calls from one Media Server, under this lock (series BK).
 */
public final class SessionAdmission {

    private static final Logger LOG = Logger.getLogger(SessionAdmission.class.getName());

    private final SipLimits limits;
    private final RecordingSessions sessions;
    private final WorkGate gate;
    private final SipCounters counters;
    /** Each session let in and not yet gone from the registry, with its peer (null when unknown). */
    private final Map<RecordingSession, InetAddress> admitted = new IdentityHashMap<>();
    /** How many of {@link #admitted} each peer has (the null key for an unknown peer); a peer with none is absent. */
    private final Map<InetAddress, Integer> perPeer = new HashMap<>();
    private boolean refusing;

    public SessionAdmission(SipLimits limits, RecordingSessions sessions, Executor executor, SipCounters counters) {
        this.limits = limits;
        this.sessions = sessions;
        this.gate = new WorkGate(executor, limits.maxPendingWork());
        this.counters = counters;
        sessions.onRemoval(this::forget);
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
        if (perPeer.getOrDefault(peer, 0) >= limits.maxSessionsPerPeer()) {
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
        admitted.put(session, peer);
        perPeer.merge(peer, 1, Integer::sum);
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

    /**
     * No longer counts {@code session} against its peer: it left the registry, or it was let in but never entered
     * it. Nothing for a session not let in here, or already forgotten.
     */
    public synchronized void forget(RecordingSession session) {
        if (!admitted.containsKey(session)) {
            return;
        }
        InetAddress peer = admitted.remove(session);
        perPeer.computeIfPresent(peer, (any, count) -> count > 1 ? count - 1 : null);
    }

    /** Session openings running or queued now. */
    public int pendingWork() {
        return gate.pending();
    }

    public SipCounters counters() {
        return counters;
    }
}
