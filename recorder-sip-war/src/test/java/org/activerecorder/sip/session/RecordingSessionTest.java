package org.activerecorder.sip.session;

import org.activerecorder.sip.sdp.AudioSelector;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.sdp.SessionAnswer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingSessionTest {

    private final RecordingSession session = new RecordingSession(new SessionKey("call-1", "ms-tag"), "our-tag", 1, null);

    /** The answer to a one-line PCMU offer. */
    static SessionAnswer answer() {
        try {
            SdpOffer offer = SdpOffer.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 4000 RTP/AVP 0\r\na=sendonly\r\n");
            return SessionAnswer.first(offer, AudioSelector.select(offer).get(0), InetAddress.getLoopbackAddress(), 20000);
        } catch (org.activerecorder.sip.status.RequestRejected impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Test
    void establishedThenEndedGivesTheStreamOnce() {
        assertTrue(session.establish(List.of("s1"), answer()));
        assertEquals(RecordingSession.State.ESTABLISHED, session.state());
        assertFalse(session.abandon(), "an answered INVITE cannot be cancelled");
        assertEquals(List.of("s1"), session.end());
        assertEquals(List.of(), session.end(), "the stream is ended once");
        assertEquals(RecordingSession.State.ENDED, session.state());
    }

    @Test
    void aReInviteReplacesTheAnswerOfAnEstablishedSessionOnly() {
        assertThrows(IllegalStateException.class, () -> session.reanswered(answer()), "not established yet");
        SessionAnswer first = answer();
        session.establish(List.of("s1"), first);
        SessionAnswer second = answer();
        assertSame(first, session.reanswered(second));
        assertSame(second, session.answer());
    }

    @Test
    void cancelWinsOverALateStream() {
        assertTrue(session.abandon());
        assertFalse(session.establish(List.of("s1"), answer()), "the opener must end the stream and send nothing");
        assertEquals(List.of(), session.end());
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

    @Test
    void onlyTheFirstAckOfItsOwnInviteAcknowledgesAnEstablishedSession() {
        assertFalse(session.acknowledge(1), "not answered yet: an ACK cannot be for our 2xx");
        session.establish(List.of("s1"), answer());
        assertFalse(session.acknowledge(2), "a re-INVITE's ACK");
        assertFalse(session.acknowledged());
        assertTrue(session.acknowledge(1));
        assertFalse(session.acknowledge(1), "a retransmitted ACK starts nothing again");
        assertTrue(session.acknowledged());
    }

    @Test
    void aSenderMovesWhenAnOfferNamesAnotherAddressThanTheLastOne() {
        session.establish(List.of("s1"), answer());
        java.net.InetSocketAddress first = new java.net.InetSocketAddress("127.0.0.1", 4000);
        java.net.InetSocketAddress moved = new java.net.InetSocketAddress("127.0.0.2", 4100);
        assertFalse(session.senderNamed(0, first), "the first offer's address");
        assertFalse(session.senderNamed(0, null), "an offer that names none (port 0, 0.0.0.0) moves nothing");
        assertTrue(session.senderNamed(0, moved));
        assertFalse(session.senderNamed(0, moved), "named again: no move");
        assertTrue(session.senderNamed(0, first), "and back");
        assertFalse(session.senderNamed(1, moved), "no such stream");
    }

    @Test
    void theSessionTimerIsKeptUntilTheNextNegotiation() {
        SessionTimer timer = new SessionTimer(1800, SessionTimer.Refresher.RECORDER, true);
        assertEquals(java.util.Optional.empty(), session.timer());
        session.timer(java.util.Optional.of(timer));
        assertEquals(java.util.Optional.of(timer), session.timer());
        session.timer(java.util.Optional.empty());
        assertEquals(java.util.Optional.empty(), session.timer(), "a refresh without timer turns it off");
    }
    /** A one-line SIPREC state; each call a new one, told apart by identity. */
    private static org.activerecorder.sip.siprec.SiprecState siprecState() {
        List<org.activerecorder.sip.siprec.AudioLine> lines = List.of(new org.activerecorder.sip.siprec.AudioLine(0, "1"));
        return new org.activerecorder.sip.siprec.SiprecState(java.util.Optional.empty(), lines,
                new org.activerecorder.sip.siprec.ChannelRules(new org.activerecorder.sip.siprec.RecordedDns(List.of()))
                        .assign(java.util.Optional.empty(), lines));
    }

    /** Each correction run, as "what the streams carried -> the update it carries to them". */
    private final List<String> corrections = new java.util.ArrayList<>();

    private RecordingSession.StreamsCorrection correctionTo(String name, java.util.Map<Object, String> names) {
        return (carried, streamIds) -> corrections.add(names.get(carried) + " -> " + name + " on " + streamIds);
    }

    @Test
    void anUpdateWhileTheStreamsOpenIsCarriedToThemOnceTheyAreOpenWithTheLatestState() {
        java.util.Map<Object, String> names = new java.util.IdentityHashMap<>();
        org.activerecorder.sip.siprec.SiprecState invite = siprecState();
        org.activerecorder.sip.siprec.SiprecState first = siprecState();
        org.activerecorder.sip.siprec.SiprecState second = siprecState();
        names.put(invite, "invite");
        names.put(first, "first");
        names.put(second, "second");
        session.siprec(invite);

        session.siprecUpdated(first, correctionTo("first", names));
        session.siprecUpdated(second, correctionTo("second", names));
        assertEquals(List.of(), corrections, "no streams to tell yet");
        assertSame(second, session.siprec().orElseThrow(), "the latest is known at once");

        assertTrue(session.establish(List.of("s1"), answer()));
        assertTrue(session.streamsOpened());
        assertEquals(List.of("invite -> second on [s1]"), corrections, "the latest only, once");
        assertFalse(session.streamsOpened(), "told once");

        org.activerecorder.sip.siprec.SiprecState third = siprecState();
        names.put(third, "third");
        session.siprecUpdated(third, correctionTo("third", names));
        assertEquals(List.of("invite -> second on [s1]", "second -> third on [s1]"), corrections,
                "an update of open streams is told at once, from what they carry");
    }

    @Test
    void anUpdateBetweenTheStreamsOpeningAndTheirHandoverIsToldOnceByTheUpdate() {
        java.util.Map<Object, String> names = new java.util.IdentityHashMap<>();
        org.activerecorder.sip.siprec.SiprecState invite = siprecState();
        org.activerecorder.sip.siprec.SiprecState first = siprecState();
        names.put(invite, "invite");
        names.put(first, "first");
        session.siprec(invite);
        session.siprecUpdated(siprecState(), correctionTo("early", names));

        session.establish(List.of("s1"), answer());
        session.siprecUpdated(first, correctionTo("first", names));
        assertFalse(session.streamsOpened(), "the update came second and told the streams: nothing left to tell");
        assertEquals(List.of("invite -> first on [s1]"), corrections);
    }

    @Test
    void withoutAnUpdateTheOpenedStreamsAreToldNothing() {
        session.siprec(siprecState());
        session.establish(List.of("s1"), answer());
        assertFalse(session.streamsOpened());
        assertEquals(List.of(), corrections);
    }

    @Test
    void anUpdateOfASessionCancelledWhileItsStreamsOpenedTellsNoStreams() {
        session.siprec(siprecState());
        session.siprecUpdated(siprecState(), (carried, streamIds) -> corrections.add("told " + streamIds));
        assertTrue(session.abandon());
        assertFalse(session.establish(List.of("s1"), answer()));
        assertFalse(session.streamsOpened());
        session.siprecUpdated(siprecState(), (carried, streamIds) -> corrections.add("told " + streamIds));
        assertEquals(List.of(), corrections);
    }
}
