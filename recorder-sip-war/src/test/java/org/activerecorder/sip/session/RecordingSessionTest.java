package org.activerecorder.sip.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingSessionTest {

    private final RecordingSession session = new RecordingSession(new SessionKey("call-1", "ms-tag"), "our-tag", 1, null);

    @Test
    void establishedThenEndedGivesTheStreamOnce() {
        assertTrue(session.establish("s1", "v=0"));
        assertEquals(RecordingSession.State.ESTABLISHED, session.state());
        assertFalse(session.abandon(), "an answered INVITE cannot be cancelled");
        assertEquals("s1", session.end());
        assertNull(session.end(), "the stream is ended once");
        assertEquals(RecordingSession.State.ENDED, session.state());
    }

    @Test
    void cancelWinsOverALateStream() {
        assertTrue(session.abandon());
        assertFalse(session.establish("s1", "v=0"), "the opener must end the stream and send nothing");
        assertNull(session.end());
    }

    @Test
    void abandonAnswersOnlyOnce() {
        assertTrue(session.abandon());
        assertFalse(session.abandon());
    }

    @Test
    void registryRefusesASecondSessionWithTheSameKey() {
        RecordingSessions sessions = new RecordingSessions();
        assertTrue(sessions.add(session));
        assertFalse(sessions.add(new RecordingSession(session.key(), "other", 2, null)));
        sessions.remove(new RecordingSession(session.key(), "other", 2, null));
        assertEquals(1, sessions.size(), "removing another session with the same key leaves this one");
        sessions.remove(session);
        assertEquals(0, sessions.size());
    }

    @Test
    void keyTreatsAMissingTagAsEmpty() {
        assertEquals(new SessionKey("c", ""), new SessionKey("c", null));
    }
}
