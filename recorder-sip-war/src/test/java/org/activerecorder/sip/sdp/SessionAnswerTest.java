package org.activerecorder.sip.sdp;

import org.activerecorder.sip.status.RequestRejected;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-offers of one session (RFC 3264 §8): hold, resume, nothing new, and what cannot be followed. */
class SessionAnswerTest {

    private final SessionAnswer first = first(Offers.GENESYS);

    private static SessionAnswer first(String offerText) {
        try {
            SdpOffer offer = SdpOffer.parse(offerText);
            return SessionAnswer.first(offer, AudioSelector.select(offer), InetAddress.getLoopbackAddress(), 20000);
        } catch (RequestRejected impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static SdpOffer reoffer(String direction) throws RequestRejected {
        return SdpOffer.parse(Offers.GENESYS.replace("a=sendonly", "a=" + direction));
    }

    private static String origin(SessionAnswer answer) {
        return answer.text().lines().filter(line -> line.startsWith("o=")).findFirst().orElseThrow();
    }

    @Test
    void theFirstAnswerReceivesAtVersionOne() {
        assertTrue(first.receives());
        assertEquals(1, first.version());
        assertEquals(MediaDirection.RECVONLY, first.direction());
        assertTrue(origin(first).startsWith("o=- " + first.sessionId() + " 1 "), origin(first));
        assertTrue(first.text().contains("m=audio 20000 RTP/AVP 0 101\r\n"), first.text());
    }

    @Test
    void theSameOfferAgainGetsTheSameAnswerAndVersion() throws Exception {
        assertSame(first, first.to(reoffer("sendonly")));
        assertSame(first, first.to(SdpOffer.parse(Offers.GENESYS.replace("o=GVP 1732615200 1732615200",
                "o=GVP 1732615200 1732615201"))), "a new offer version with the same content changes nothing here");
    }

    @Test
    void sendrecvIsAsGoodAsSendonly() throws Exception {
        assertSame(first, first.to(reoffer("sendrecv")));
    }

    @Test
    void anInactiveReofferIsAHoldAnsweredInactiveAtTheNextVersion() throws Exception {
        SessionAnswer held = first.to(reoffer("inactive"));
        assertFalse(held.receives());
        assertEquals(MediaDirection.INACTIVE, held.direction());
        assertEquals(2, held.version());
        assertEquals(first.sessionId(), held.sessionId());
        assertTrue(held.text().contains("a=inactive\r\n") && !held.text().contains("recvonly"), held.text());
        assertTrue(held.text().contains("m=audio 20000 RTP/AVP 0 101\r\n"), "same port and formats: " + held.text());
        assertTrue(origin(held).startsWith("o=- " + first.sessionId() + " 2 "), origin(held));
    }

    @Test
    void recvonlyMeansTheMediaServerSendsNothingEither() throws Exception {
        assertFalse(first.to(reoffer("recvonly")).receives());
    }

    @Test
    void holdThenResumeCountsEachChange() throws Exception {
        SessionAnswer held = first.to(reoffer("inactive"));
        assertSame(held, held.to(reoffer("inactive")), "a second hold changes nothing");
        SessionAnswer resumed = held.to(reoffer("sendonly"));
        assertTrue(resumed.receives());
        assertEquals(3, resumed.version());
        assertEquals(first.text().replace(" 1 IN IP4", " 3 IN IP4"), resumed.text(), "the first answer, version 3");
    }

    @Test
    void aDisabledStreamIsAnsweredWithPortZeroAndHeld() throws Exception {
        SessionAnswer disabled = first.to(SdpOffer.parse(Offers.GENESYS.replace("m=audio 31000", "m=audio 0")));
        assertFalse(disabled.receives());
        assertTrue(disabled.text().contains("m=audio 0 RTP/AVP 0 101\r\n"), disabled.text());
        assertEquals(20000, disabled.port(), "our port is kept for a later resume");
        assertTrue(disabled.to(reoffer("sendonly")).text().contains("m=audio 20000 "));
    }

    @Test
    void aReofferWithoutTheRecordedStreamIsRefusedWith488() {
        RequestRejected noAudio = assertThrows(RequestRejected.class, () -> first.to(SdpOffer.parse(
                Offers.GENESYS.replace("m=audio 31000 RTP/AVP 0 8 101", "m=video 31000 RTP/AVP 31"))));
        assertEquals(488, noAudio.rejection().statusCode());
        RequestRejected otherCodec = assertThrows(RequestRejected.class, () -> first.to(SdpOffer.parse(
                Offers.GENESYS.replace("RTP/AVP 0 8 101", "RTP/AVP 8 101"))));
        assertEquals(488, otherCodec.rejection().statusCode());
        assertTrue(otherCodec.rejection().reasonPhrase().contains("PCMU"), otherCodec.rejection().reasonPhrase());
    }

    @Test
    void telephoneEventsDroppedFromTheReofferAreDroppedFromTheAnswer() throws Exception {
        SessionAnswer answer = first.to(SdpOffer.parse(Offers.GENESYS.replace("RTP/AVP 0 8 101", "RTP/AVP 0 8")));
        assertEquals(2, answer.version());
        assertFalse(answer.text().contains("telephone-event"), answer.text());
    }
}
