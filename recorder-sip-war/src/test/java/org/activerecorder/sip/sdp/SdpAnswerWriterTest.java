package org.activerecorder.sip.sdp;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdpAnswerWriterTest {

    /** The version 1 answer to an offer with one audio line to record. */
    private static String answer(String offerText, String localAddress, int port, long sessionId) throws Exception {
        SdpOffer offer = SdpOffer.parse(offerText);
        return SdpAnswerWriter.write(offer, List.of(receiving(AudioSelector.select(offer).get(0), port)),
                InetAddress.getByName(localAddress), sessionId, 1);
    }

    private static AnsweredStream receiving(SelectedAudio audio, int port) {
        return new AnsweredStream(audio, port, false, MediaDirection.RECVONLY);
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
        String held = SdpAnswerWriter.write(offer, List.of(new AnsweredStream(AudioSelector.select(offer).get(0),
                20000, false, MediaDirection.INACTIVE)), InetAddress.getLoopbackAddress(), 99, 3);
        assertTrue(held.contains("o=- 99 3 IN IP4 127.0.0.1\r\n"), held);
        assertTrue(held.endsWith("a=inactive\r\n"), held);
        assertFalse(held.contains("recvonly"), held);
    }

    @Test
    void answersWidebandCodecsWithTheirRtpmapAndEventsAtTheirClock() throws Exception {
        String g722 = answer(Offers.audio("4000 RTP/AVP 0 9 101", "a=rtpmap:101 telephone-event/8000"),
                "10.0.0.5", 20000, 1);
        assertTrue(g722.contains("m=audio 20000 RTP/AVP 9 101\r\na=rtpmap:9 G722/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"), g722);

        String l16 = answer(Offers.audio("4000 RTP/AVP 0 98 99", "a=rtpmap:98 L16/16000",
                "a=rtpmap:99 telephone-event/16000", "a=fmtp:99 0-15"), "10.0.0.5", 20002, 1);
        assertTrue(l16.contains("m=audio 20002 RTP/AVP 98 99\r\na=rtpmap:98 L16/16000\r\n"
                + "a=rtpmap:99 telephone-event/16000\r\na=fmtp:99 0-15\r\n"), l16);
    }

    @Test
    void answersOpusWithItsRtpmapItsReceiveHintsAndEventsAt48000() throws Exception {
        String opus = answer(Offers.audio("4000 RTP/AVP 111 0 101", "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 useinbandfec=1", "a=rtpmap:101 telephone-event/48000", "a=fmtp:101 0-16"),
                "10.0.0.5", 20004, 1);
        assertTrue(opus.contains("m=audio 20004 RTP/AVP 111 101\r\na=rtpmap:111 opus/48000/2\r\n"
                + "a=fmtp:111 maxplaybackrate=16000;stereo=0\r\n"
                + "a=rtpmap:101 telephone-event/48000\r\na=fmtp:101 0-16\r\n"), opus);
    }

    @Test
    void acceptsRtcpMuxWhenOfferedAndOnlyThen() throws Exception {
        String muxed = answer(Offers.audio("4000 RTP/AVP 0", "a=rtcp-mux", "a=sendonly"), "127.0.0.1", 20000, 1);
        String separate = answer(Offers.audio("4000 RTP/AVP 0", "a=sendonly"), "127.0.0.1", 20000, 1);

        assertTrue(muxed.contains("\r\na=rtcp-mux\r\n"), muxed);
        assertFalse(separate.contains("rtcp-mux"), separate);
        assertTrue(SdpOffer.parse(Offers.audio("4000 RTP/AVP 0", "a=rtcp-mux")).media().get(0).rtcpMux());
        assertTrue(AudioSelector.select(SdpOffer.parse(Offers.audio("4000 RTP/AVP 0", "a=rtcp-mux"))).get(0).rtcpMux());
        assertFalse(SdpOffer.parse(Offers.audio("4000 RTP/AVP 0")).media().get(0).rtcpMux());
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
    void everySessionGetsAFreshSessionId() throws Exception {
        SdpOffer offer = SdpOffer.parse(Offers.GENESYS);
        SelectedAudio audio = AudioSelector.select(offer).get(0);
        InetAddress local = InetAddress.getLoopbackAddress();
        assertNotEquals(SessionAnswer.first(offer, audio, local, 20000).sessionId(),
                SessionAnswer.first(offer, audio, local, 20000).sessionId());
    }

    @Test
    void answersEveryOfferedLineInOrderEachRecordedOneOnItsOwnPortWithItsLabel() throws Exception {
        SdpOffer offer = SdpOffer.parse(AudioSelectorTest.TWO_PARTIES_AND_VIDEO);
        List<SelectedAudio> audio = AudioSelector.select(offer);
        String answer = SdpAnswerWriter.write(offer, List.of(receiving(audio.get(0), 20000), receiving(audio.get(1), 20002)),
                InetAddress.getLoopbackAddress(), 5, 1);
        assertEquals(Offers.crlf(
                "v=0",
                "o=- 5 1 IN IP4 127.0.0.1",
                "s=-",
                "c=IN IP4 127.0.0.1",
                "t=0 0",
                "m=audio 20000 RTP/AVP 0 101",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=label:a_leg",
                "a=recvonly",
                "m=video 0 RTP/AVP 31",
                "m=audio 20002 RTP/AVP 8",
                "a=rtpmap:8 PCMA/8000",
                "a=label:16777227",
                "a=recvonly"), answer);
    }

    @Test
    void aLabelIsEchoedOnARejectedLineAndAHeldLineIsInactive() throws Exception {
        SdpOffer offer = SdpOffer.parse(Offers.audio("4000 RTP/AVP 0", "a=label:1", "a=sendonly",
                "m=audio 0 RTP/AVP 0", "a=label:2", "m=audio 4004 RTP/AVP 0", "a=label:3", "a=inactive"));
        List<SelectedAudio> audio = AudioSelector.select(offer);
        String answer = SdpAnswerWriter.write(offer, List.of(receiving(audio.get(0), 20000),
                new AnsweredStream(audio.get(1), 20004, false, MediaDirection.INACTIVE)),
                InetAddress.getLoopbackAddress(), 5, 1);
        assertTrue(answer.endsWith(Offers.crlf(
                "m=audio 20000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=label:1", "a=recvonly",
                "m=audio 0 RTP/AVP 0", "a=label:2",
                "m=audio 20004 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=label:3", "a=inactive")), answer);
    }
}
