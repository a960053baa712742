package org.activerecorder.sip.sdp;

import org.activerecorder.sip.status.RequestRejected;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

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
            return SessionAnswer.first(offer, AudioSelector.select(offer).get(0), InetAddress.getLoopbackAddress(), 20000);
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
        assertTrue(first.receives(0));
        assertEquals(1, first.version());
        assertEquals(MediaDirection.RECVONLY, first.streams().get(0).direction());
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
        assertFalse(held.receives(0));
        assertEquals(MediaDirection.INACTIVE, held.streams().get(0).direction());
        assertEquals(2, held.version());
        assertEquals(first.sessionId(), held.sessionId());
        assertTrue(held.text().contains("a=inactive\r\n") && !held.text().contains("recvonly"), held.text());
        assertTrue(held.text().contains("m=audio 20000 RTP/AVP 0 101\r\n"), "same port and formats: " + held.text());
        assertTrue(origin(held).startsWith("o=- " + first.sessionId() + " 2 "), origin(held));
    }

    @Test
    void recvonlyMeansTheMediaServerSendsNothingEither() throws Exception {
        assertFalse(first.to(reoffer("recvonly")).receives(0));
    }

    @Test
    void holdThenResumeCountsEachChange() throws Exception {
        SessionAnswer held = first.to(reoffer("inactive"));
        assertSame(held, held.to(reoffer("inactive")), "a second hold changes nothing");
        SessionAnswer resumed = held.to(reoffer("sendonly"));
        assertTrue(resumed.receives(0));
        assertEquals(3, resumed.version());
        assertEquals(first.text().replace(" 1 IN IP4", " 3 IN IP4"), resumed.text(), "the first answer, version 3");
    }

    @Test
    void aDisabledStreamIsAnsweredWithPortZeroAndHeld() throws Exception {
        SessionAnswer disabled = first.to(SdpOffer.parse(Offers.GENESYS.replace("m=audio 31000", "m=audio 0")));
        assertFalse(disabled.receives(0));
        assertTrue(disabled.text().contains("m=audio 0 RTP/AVP 0 101\r\n"), disabled.text());
        assertEquals(20000, disabled.streams().get(0).port(), "our port is kept for a later resume");
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
        assertTrue(otherCodec.rejection().detail().contains("PCMU"), otherCodec.rejection().detail());
    }

    @Test
    void telephoneEventsDroppedFromTheReofferAreDroppedFromTheAnswer() throws Exception {
        SessionAnswer answer = first.to(SdpOffer.parse(Offers.GENESYS.replace("RTP/AVP 0 8 101", "RTP/AVP 0 8")));
        assertEquals(2, answer.version());
        assertFalse(answer.text().contains("telephone-event"), answer.text());
    }

    // ---- two recorded streams ----

    private static final String TWO = AudioSelectorTest.TWO_PARTIES_AND_VIDEO;

    private static SessionAnswer firstOfTwo(String offerText) throws RequestRejected {
        SdpOffer offer = SdpOffer.parse(offerText);
        return SessionAnswer.first(offer, AudioSelector.select(offer), InetAddress.getLoopbackAddress(),
                List.of(20000, 20002));
    }

    /** The offer of both parties with one line's direction changed: the first (a_leg) or the second (16777227). */
    private static SdpOffer twoWith(String label, String direction) throws RequestRejected {
        return SdpOffer.parse(TWO.replace("a=label:" + label + "\r\na=sendonly", "a=label:" + label + "\r\na=" + direction));
    }

    @Test
    void eachLineIsHeldAndResumedOnItsOwn() throws Exception {
        SessionAnswer both = firstOfTwo(TWO);
        assertTrue(both.receives(0) && both.receives(1));
        SessionAnswer secondHeld = both.to(twoWith("16777227", "inactive"));
        assertEquals(2, secondHeld.version());
        assertTrue(secondHeld.receives(0), "the other party's line goes on");
        assertFalse(secondHeld.receives(1));
        assertTrue(secondHeld.text().contains("m=audio 20002 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\na=label:16777227\r\n"
                + "a=inactive\r\n"), secondHeld.text());
        assertSame(secondHeld, secondHeld.to(twoWith("16777227", "recvonly")), "still held: nothing changes");
        SessionAnswer firstHeldToo = secondHeld.to(SdpOffer.parse(TWO.replace("a=sendonly", "a=inactive")));
        assertFalse(firstHeldToo.receives(0));
        assertEquals(3, firstHeldToo.version());
        SessionAnswer resumed = firstHeldToo.to(SdpOffer.parse(TWO));
        assertEquals(both.text().replace(" 1 IN IP4", " 4 IN IP4"), resumed.text(), "the first answer, version 4");
    }

    @Test
    void aLineHeldFromTheFirstOfferIsAnsweredInactiveOnItsPort() throws Exception {
        SessionAnswer answer = firstOfTwo(TWO.replace("a=label:16777227\r\na=sendonly", "a=label:16777227\r\na=inactive"));
        assertTrue(answer.receives(0));
        assertFalse(answer.receives(1));
        assertTrue(answer.text().endsWith("m=audio 20002 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\na=label:16777227\r\n"
                + "a=inactive\r\n"), answer.text());
        assertTrue(answer.to(SdpOffer.parse(TWO)).receives(1), "a re-offer that sends on it lets it through");
    }

    @Test
    void aReofferDroppingTheSecondStreamsCodecIsRefusedNamingItsLine() {
        RequestRejected refused = assertThrows(RequestRejected.class, () -> firstOfTwo(TWO).to(SdpOffer.parse(
                TWO.replace("m=audio 4002 RTP/AVP 8 0", "m=audio 4002 RTP/AVP 0"))));
        assertEquals(488, refused.rejection().statusCode());
        assertTrue(refused.rejection().detail().contains("PCMA") && refused.rejection().detail()
                .contains("m-line 3"), refused.rejection().detail());
    }

    @Test
    void aLineTheFirstOfferDisabledStaysUnrecordedWhenAReofferEnablesIt() throws Exception {
        String secondDisabled = TWO.replace("m=audio 4002", "m=audio 0");
        SdpOffer offer = SdpOffer.parse(secondDisabled);
        SessionAnswer first = SessionAnswer.first(offer, AudioSelector.select(offer), InetAddress.getLoopbackAddress(),
                List.of(20000));
        assertEquals(1, first.streams().size());
        SessionAnswer again = first.to(SdpOffer.parse(TWO));
        assertSame(first, again, "answered as before: the third line with port 0");
        assertTrue(again.text().contains("m=audio 0 RTP/AVP 8 0\r\na=label:16777227\r\n"), again.text());
    }
}
