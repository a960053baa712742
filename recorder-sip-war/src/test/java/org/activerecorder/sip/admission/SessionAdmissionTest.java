package org.activerecorder.sip.admission;

import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.session.SessionKey;
import org.activerecorder.sip.stack.SipLimits;
import org.activerecorder.sip.status.RequestRejected;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The per-peer session limit counts the sessions let in that are still in the registry, whichever way they leave
 * it, and nothing else.
 */
class SessionAdmissionTest {

    private static final InetAddress MEDIA_SERVER = InetAddress.getLoopbackAddress();
    private static final InetAddress OTHER_PEER = address("127.0.0.2");

    private final RecordingSessions sessions = new RecordingSessions();
    private final SipCounters counters = new SipCounters();
    /** Two sessions a peer, ten in all; work places to spare. */
    private final SessionAdmission admission = new SessionAdmission(
            new SipLimits(10, 2, 100, SipLimits.DEFAULTS.maxMessageBytes(), SipLimits.DEFAULTS.countersLogSeconds()),
            sessions, Runnable::run, counters);
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aPeerAtItsLimitIsRefusedWhileAnotherIsLetIn() throws RequestRejected {
        letIn(MEDIA_SERVER);
        letIn(MEDIA_SERVER);

        RequestRejected refused = assertThrows(RequestRejected.class, () -> letIn(MEDIA_SERVER));
        assertEquals(503, refused.rejection().statusCode());
        assertEquals(1, counters.snapshot().peerSessionLimit());
        letIn(OTHER_PEER);
        letIn(null);
        letIn(null);
        assertThrows(RequestRejected.class, () -> letIn(null), "an unknown peer has a limit of its own too");
    }

    @Test
    void eachWayOutOfTheRegistryGivesThePeerItsPlaceBack() throws RequestRejected {
        RecordingSession byBye = letIn(MEDIA_SERVER);
        RecordingSession byKey = letIn(MEDIA_SERVER);

        sessions.remove(byBye);
        RecordingSession third = letIn(MEDIA_SERVER);
        assertThrows(RequestRejected.class, () -> letIn(MEDIA_SERVER));

        sessions.remove(byKey.key());
        letIn(MEDIA_SERVER);
        assertThrows(RequestRejected.class, () -> letIn(MEDIA_SERVER));

        sessions.removeAll();
        letIn(MEDIA_SERVER);
        letIn(MEDIA_SERVER);
        assertThrows(RequestRejected.class, () -> letIn(MEDIA_SERVER), "third was counted once, and forgotten once");
        assertEquals(2, sessions.size());
        sessions.remove(third);
        assertThrows(RequestRejected.class, () -> letIn(MEDIA_SERVER), "a session gone already is not forgotten twice");
    }

    @Test
    void aSessionWhoseKeyANewerOneTookLeavesWithoutFreeingTheNewerOnesPlace() throws RequestRejected {
        RecordingSession old = letIn(MEDIA_SERVER);
        sessions.remove(old.key());
        RecordingSession newer = session(old.key());
        admission.admit(MEDIA_SERVER, newer);
        sessions.add(newer);
        letIn(MEDIA_SERVER);

        sessions.remove(old);
        assertThrows(RequestRejected.class, () -> letIn(MEDIA_SERVER), "the newer session still holds its place");
    }

    @Test
    void aSessionLetInButNeverRegisteredIsForgottenOnRequest() throws RequestRejected {
        RecordingSession unregistered = session(new SessionKey("never-registered@127.0.0.1", "ms"));
        admission.admit(MEDIA_SERVER, unregistered);
        letIn(MEDIA_SERVER);
        assertThrows(RequestRejected.class, () -> letIn(MEDIA_SERVER));

        admission.forget(unregistered);
        letIn(MEDIA_SERVER);
    }

    @Test
    void aRefusedSessionHoldsNoPlace() throws RequestRejected {
        letIn(MEDIA_SERVER);
        letIn(MEDIA_SERVER);
        for (int i = 0; i < 5; i++) {
            assertThrows(RequestRejected.class, () -> letIn(MEDIA_SERVER));
        }
        sessions.removeAll();
        letIn(MEDIA_SERVER);
        letIn(MEDIA_SERVER);
    }

    /** Admits a new session from {@code peer} and registers it, as the INVITE's handling does. */
    private RecordingSession letIn(InetAddress peer) throws RequestRejected {
        RecordingSession session = session(new SessionKey("call-" + calls.incrementAndGet() + "@127.0.0.1", "ms"));
        admission.admit(peer, session);
        sessions.add(session);
        return session;
    }

    private static RecordingSession session(SessionKey key) {
        return new RecordingSession(key, "ours", 1, null);
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
