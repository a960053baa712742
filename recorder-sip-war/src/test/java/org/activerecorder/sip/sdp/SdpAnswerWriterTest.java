package org.activerecorder.sip.sdp;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdpAnswerWriterTest {

    private static String answer(String offerText, String localAddress, int port, long sessionId) throws Exception {
        SdpOffer offer = SdpOffer.parse(offerText);
        return SdpAnswerWriter.write(offer, AudioSelector.select(offer), InetAddress.getByName(localAddress), port,
                sessionId);
    }

    @Test
    void answersAGenesysOfferRecvonlyWithTheChosenCodecAndTelephoneEvents() throws Exception {
        assertEquals(Offers.crlf(
                "v=0",
                "o=- 4242 1 IN IP4 127.0.0.1",
                "s=-",
                "c=IN IP4 127.0.0.1",
                "t=0 0",
                "m=audio 20000 RTP/AVP 0 101",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-15",
                "a=recvonly"), answer(Offers.GENESYS, "127.0.0.1", 20000, 4242));
    }

    @Test
    void noTelephoneEventsAnsweredWhenNoneWereOffered() throws Exception {
        String answer = answer(Offers.audio("4000 RTP/AVP 8 0", "a=sendonly"), "127.0.0.1", 20000, 1);
        assertTrue(answer.contains("m=audio 20000 RTP/AVP 8\r\n"), answer);
        assertFalse(answer.contains("telephone-event"), answer);
    }

    @Test
    void telephoneEventsWithoutFmtpAreAnsweredWithoutFmtp() throws Exception {
        String answer = answer(Offers.audio("4000 RTP/AVP 0 96", "a=rtpmap:96 telephone-event/8000"),
                "127.0.0.1", 20000, 1);
        assertTrue(answer.contains("m=audio 20000 RTP/AVP 0 96\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:96 telephone-event/8000\r\na=recvonly\r\n"), answer);
    }

    @Test
    void versionAndDirectionAreWrittenAsAsked() throws Exception {
        SdpOffer offer = SdpOffer.parse(Offers.GENESYS);
        String held = SdpAnswerWriter.write(offer, AudioSelector.select(offer), InetAddress.getLoopbackAddress(),
                20000, 99, 3, MediaDirection.INACTIVE);
        assertTrue(held.contains("o=- 99 3 IN IP4 127.0.0.1\r\n"), held);
        assertTrue(held.endsWith("a=inactive\r\n"), held);
        assertFalse(held.contains("recvonly"), held);
    }

    @Test
    void keepsTheOfferersDynamicPayloadType() throws Exception {
        String answer = answer(Offers.audio("4000 RTP/AVP 96", "a=rtpmap:96 PCMA/8000"), "10.0.0.5", 20002, 1);
        assertTrue(answer.contains("m=audio 20002 RTP/AVP 96\r\n"), answer);
        assertTrue(answer.contains("a=rtpmap:96 PCMA/8000\r\n"), answer);
    }

    @Test
    void mirrorsOtherStreamsWithPortZero() throws Exception {
        String answer = answer(Offers.RFC3264_ALICE, "10.0.0.5", 20004, 1);
        SdpOffer reread = SdpOffer.parse(answer);
        assertEquals(2, reread.media().size());
        assertEquals(20004, reread.media().get(0).port());
        assertEquals(MediaDirection.RECVONLY, reread.media().get(0).direction());
        assertEquals("video", reread.media().get(1).mediaType());
        assertEquals(0, reread.media().get(1).port());
        assertTrue(answer.contains("m=video 0 RTP/AVP 31 32\r\n"), answer);
    }

    @Test
    void ipv6LocalAddress() throws Exception {
        String answer = answer(Offers.GENESYS, "::1", 20000, 7);
        assertTrue(answer.contains("c=IN IP6 0:0:0:0:0:0:0:1\r\n"), answer);
        assertTrue(answer.contains("o=- 7 1 IN IP6 0:0:0:0:0:0:0:1\r\n"), answer);
    }

    @Test
    void everyAnswerGetsAFreshSessionId() throws Exception {
        SdpOffer offer = SdpOffer.parse(Offers.GENESYS);
        SelectedAudio audio = AudioSelector.select(offer);
        InetAddress local = InetAddress.getLoopbackAddress();
        String first = SdpAnswerWriter.write(offer, audio, local, 20000);
        String second = SdpAnswerWriter.write(offer, audio, local, 20000);
        assertNotEquals(first.lines().filter(line -> line.startsWith("o=")).findFirst(),
                second.lines().filter(line -> line.startsWith("o=")).findFirst());
    }
}
