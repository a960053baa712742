package org.activerecorder.sip.sdp;

import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioSelectorTest {

    /** The one stream of an offer with one audio line to record. */
    private static SelectedAudio select(String sdp) throws RequestRejected {
        List<SelectedAudio> all = AudioSelector.select(SdpOffer.parse(sdp));
        assertEquals(1, all.size(), () -> "streams: " + all);
        return all.get(0);
    }

    private static Rejection refusal(String sdp) {
        return assertThrows(RequestRejected.class, () -> select(sdp)).rejection();
    }

    @Test
    void genesysOfferGivesPcmuAndTheSource() throws Exception {
        SelectedAudio audio = select(Offers.GENESYS);
        assertEquals(0, audio.mediaIndex());
        assertEquals(AudioCodec.PCMU, audio.codec());
        assertEquals(0, audio.payloadType());
        assertEquals(new InetSocketAddress("10.20.30.40", 31000), audio.source());
        assertEquals(101, audio.telephoneEventPayloadType());
    }

    @Test
    void telephoneEventsAreFoundByTheirRtpmapAtTheCodecsClockRate() throws Exception {
        assertEquals(96, select(Offers.audio("4000 RTP/AVP 8 96", "a=rtpmap:96 TELEPHONE-EVENT/8000"))
                .telephoneEventPayloadType(), "any dynamic payload type, any letter case");
        assertEquals(StreamSpec.NONE, select(Offers.audio("4000 RTP/AVP 0")).telephoneEventPayloadType());
        assertEquals(StreamSpec.NONE, select(Offers.audio("4000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/16000"))
                .telephoneEventPayloadType(), "events at another clock rate than the audio's cannot be placed");
        assertEquals(StreamSpec.NONE, select(Offers.audio("4000 RTP/AVP 0 101")).telephoneEventPayloadType(),
                "a dynamic payload type without rtpmap names nothing");
        assertEquals(97, select(Offers.audio("4000 RTP/AVP 0 97 101", "a=rtpmap:97 telephone-event/8000",
                "a=rtpmap:101 telephone-event/8000")).telephoneEventPayloadType(), "the offerer's first");
    }

    @Test
    void theCodecThatRecordsBestIsChosenWhateverTheOfferersOrder() throws Exception {
        SelectedAudio g722 = select(Offers.audio("4000 RTP/AVP 0 8 9 101", "a=rtpmap:101 telephone-event/8000"));
        assertEquals(AudioCodec.G722, g722.codec(), "static payload type 9 needs no rtpmap");
        assertEquals(9, g722.payloadType());
        assertEquals(101, g722.telephoneEventPayloadType(), "G.722's RTP clock is 8000: so are its events");

        SelectedAudio l16 = select(Offers.audio("4000 RTP/AVP 0 9 97 98 102", "a=rtpmap:97 L16/8000",
                "a=rtpmap:98 L16/16000", "a=rtpmap:102 telephone-event/16000"));
        assertEquals(AudioCodec.L16_16000, l16.codec());
        assertEquals(98, l16.payloadType());
        assertEquals(102, l16.telephoneEventPayloadType(), "events at 16000, the codec's clock");

        assertEquals(AudioCodec.L16_8000, select(Offers.audio("4000 RTP/AVP 8 0 97", "a=rtpmap:97 L16/8000/1"))
                .codec(), "lossless narrowband over G.711; an explicit channel count of 1 is mono");
    }

    @Test
    void opusIsTakenWithItsParametersAndItsEventsAt48000() throws Exception {
        SelectedAudio opus = select(Offers.audio("4000 RTP/AVP 0 111 101", "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1;stereo=0;sprop-stereo=0", "a=rtpmap:101 telephone-event/48000",
                "a=rtpmap:100 telephone-event/8000"));
        assertEquals(AudioCodec.OPUS, opus.codec());
        assertEquals(111, opus.payloadType());
        assertEquals(101, opus.telephoneEventPayloadType(), "events on Opus's 48000 clock");
        assertEquals(AudioCodec.OPUS, select(Offers.audio("4000 RTP/AVP 96", "a=rtpmap:96 OPUS/48000/2")).codec(),
                "any letter case");
    }

    @Test
    void opusRanksBelowTheLosslessAndG722AndAboveNarrowband() throws Exception {
        assertEquals(AudioCodec.G722, select(Offers.audio("4000 RTP/AVP 111 9", "a=rtpmap:111 opus/48000/2")).codec());
        assertEquals(AudioCodec.L16_16000, select(Offers.audio("4000 RTP/AVP 111 98", "a=rtpmap:111 opus/48000/2",
                "a=rtpmap:98 L16/16000")).codec());
        assertEquals(AudioCodec.OPUS, select(Offers.audio("4000 RTP/AVP 0 8 97 111", "a=rtpmap:97 L16/8000",
                "a=rtpmap:111 opus/48000/2")).codec(), "wideband over any narrowband, lossless L16/8000 too");
    }

    @Test
    void opusIsAlwaysNamedWithTwoChannels() {
        assertEquals(488, refusal(Offers.audio("4000 RTP/AVP 111", "a=rtpmap:111 opus/48000")).statusCode(),
                "RFC 7587: opus/48000/2, even for mono");
        assertEquals(488, refusal(Offers.audio("4000 RTP/AVP 111", "a=rtpmap:111 opus/16000/2")).statusCode());
    }

    @Test
    void stereoL16AndUnknownChannelCountsAreNotOurs() {
        assertEquals(488, refusal(Offers.audio("4000 RTP/AVP 97", "a=rtpmap:97 L16/16000/2")).statusCode());
        assertEquals(488, refusal(Offers.audio("4000 RTP/AVP 97", "a=rtpmap:97 G722/8000/x")).statusCode());
        assertEquals(488, refusal(Offers.audio("4000 RTP/AVP 97", "a=rtpmap:97 G722/16000")).statusCode(),
                "G.722's RTP clock is 8000 (RFC 3551), whatever its audio");
    }

    @Test
    void aRedefinedStaticPayloadTypeIsWhatItsRtpmapSays() throws Exception {
        assertEquals(AudioCodec.PCMU, select(Offers.audio("4000 RTP/AVP 9 0", "a=rtpmap:9 G729/8000")).codec());
    }

    @Test
    void theOfferersOrderDecidesBetweenEquals() throws Exception {
        SelectedAudio audio = select(Offers.audio("4000 RTP/AVP 101 8 0", "a=rtpmap:101 telephone-event/8000",
                "a=sendonly"));
        assertEquals(AudioCodec.PCMA, audio.codec());
        assertEquals(8, audio.payloadType());
    }

    @Test
    void staticPayloadTypesNeedNoRtpmap() throws Exception {
        assertEquals(AudioCodec.PCMA, select(Offers.audio("4000 RTP/AVP 18 8")).codec());
    }

    @Test
    void dynamicPayloadTypeNamedByRtpmap() throws Exception {
        SelectedAudio audio = select(Offers.audio("4000 RTP/AVP 18 96 101", "a=rtpmap:18 G729/8000",
                "a=rtpmap:96 pcma/8000", "a=rtpmap:101 telephone-event/8000"));
        assertEquals(AudioCodec.PCMA, audio.codec());
        assertEquals(96, audio.payloadType());
    }

    @Test
    void dynamicPayloadTypeWithoutRtpmapMeansNothing() {
        assertEquals(488, refusal(Offers.audio("4000 RTP/AVP 96 101")).statusCode());
    }

    @Test
    void wrongClockRateIsNotOurCodec() {
        assertEquals(488, refusal(Offers.audio("4000 RTP/AVP 96", "a=rtpmap:96 PCMU/16000")).statusCode());
    }

    @Test
    void noSupportedCodecIs488WithWarning305() {
        Rejection rejection = refusal(Offers.audio("4000 RTP/AVP 18 101", "a=rtpmap:18 G729/8000",
                "a=rtpmap:101 telephone-event/8000", "a=sendonly"));
        assertEquals(Rejection.noSupportedCodec(), rejection);
    }

    @Test
    void portZeroIsNothingToReceive() {
        Rejection rejection = refusal(Offers.audio("0 RTP/AVP 0", "a=sendonly"));
        assertEquals(488, rejection.statusCode());
        assertTrue(rejection.reasonPhrase().contains("port 0"), rejection.reasonPhrase());
    }

    @Test
    void recvonlyAndInactiveOffersSendNothingToRecord() {
        Rejection recvonly = refusal(Offers.audio("4000 RTP/AVP 0", "a=recvonly"));
        assertEquals(488, recvonly.statusCode());
        assertTrue(recvonly.reasonPhrase().contains("recvonly"), recvonly.reasonPhrase());
        Rejection inactive = refusal(Offers.audio("4000 RTP/AVP 0", "a=inactive"));
        assertTrue(inactive.reasonPhrase().contains("inactive"), inactive.reasonPhrase());
        assertEquals(488, refusal(Offers.RFC4566_EXAMPLE).statusCode(), "session-level recvonly");
    }

    @Test
    void sendrecvIsAcceptedToo() throws Exception {
        assertEquals(AudioCodec.PCMU, select(Offers.audio("4000 RTP/AVP 0")).codec());
    }

    @Test
    void srtpIsRefused() {
        Rejection rejection = refusal(Offers.audio("4000 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x"));
        assertEquals(488, rejection.statusCode());
        assertTrue(rejection.detail().contains("RTP/SAVP"), rejection.detail());
    }

    @Test
    void audioBesideVideoIsFound() throws Exception {
        SelectedAudio audio = select(Offers.RFC4566_EXAMPLE.replace("a=recvonly\r\n", ""));
        assertEquals(0, audio.mediaIndex());
        assertEquals(new InetSocketAddress("224.2.17.12", 49170), audio.source(), "the TTL is not part of the address");
    }

    @Test
    void hostNamesAreNotResolved() throws Exception {
        SelectedAudio audio = select(Offers.RFC3264_ALICE);
        assertEquals(AudioCodec.PCMU, audio.codec());
        assertNull(audio.source());
    }

    @Test
    void nullAddressMeansNoSource() throws Exception {
        assertNull(select(Offers.audio("4000 RTP/AVP 0").replace("192.0.2.10", "0.0.0.0")).source());
    }

    @Test
    void ipv6Source() throws Exception {
        SelectedAudio audio = select(Offers.audio("4000 RTP/AVP 8").replace("c=IN IP4 192.0.2.10", "c=IN IP6 2001:db8::7"));
        assertEquals(new InetSocketAddress("2001:db8::7", 4000), audio.source());
    }

    @Test
    void noAudioIs488WithWarning304() {
        Rejection rejection = refusal(Offers.crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1",
                "t=0 0", "m=video 5000 RTP/AVP 31"));
        assertEquals(Rejection.noAudioOffered(), rejection);
    }

    /** Two audio lines with labels around a video line, as a one-session Genesys or a SIPREC offer has them. */
    static final String TWO_PARTIES_AND_VIDEO = Offers.crlf(
            "v=0",
            "o=GVP 1 1 IN IP4 192.0.2.10",
            "s=-",
            "c=IN IP4 192.0.2.10",
            "t=0 0",
            "m=audio 4000 RTP/AVP 0 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=label:a_leg",
            "a=sendonly",
            "m=video 5000 RTP/AVP 31",
            "a=sendonly",
            "m=audio 4002 RTP/AVP 8 0",
            "c=IN IP4 192.0.2.11",
            "a=label:16777227",
            "a=sendonly");

    @Test
    void everyAudioLineWithAPortIsRecordedInOrderWithItsLabel() throws Exception {
        List<SelectedAudio> streams = AudioSelector.select(SdpOffer.parse(TWO_PARTIES_AND_VIDEO));
        assertEquals(2, streams.size());
        SelectedAudio first = streams.get(0);
        assertEquals(0, first.mediaIndex());
        assertEquals(AudioCodec.PCMU, first.codec());
        assertEquals(101, first.telephoneEventPayloadType());
        assertEquals(new InetSocketAddress("192.0.2.10", 4000), first.source());
        assertEquals("a_leg", first.label());
        SelectedAudio second = streams.get(1);
        assertEquals(2, second.mediaIndex(), "the video line keeps its place");
        assertEquals(AudioCodec.PCMA, second.codec());
        assertEquals(StreamSpec.NONE, second.telephoneEventPayloadType());
        assertEquals(new InetSocketAddress("192.0.2.11", 4002), second.source(), "its own c= line");
        assertEquals("16777227", second.label());
    }

    @Test
    void anAudioLineThatCannotBeReceivedRefusesTheWholeOffer() {
        assertEquals(Rejection.unsupportedTransport("RTP/SAVP"),
                refusal(TWO_PARTIES_AND_VIDEO.replace("m=audio 4002 RTP/AVP", "m=audio 4002 RTP/SAVP")),
                "recording one party and not the other would lose the other's audio unsaid");
        assertEquals(Rejection.noSupportedCodec(),
                refusal(TWO_PARTIES_AND_VIDEO.replace("m=audio 4002 RTP/AVP 8 0", "m=audio 4002 RTP/AVP 18")));
    }

    @Test
    void aLineHeldFromTheStartIsRecordedBesideOneThatSends() throws Exception {
        String secondHeld = TWO_PARTIES_AND_VIDEO.replace("a=label:16777227\r\na=sendonly", "a=label:16777227\r\na=inactive");
        assertEquals(List.of(0, 2), AudioSelector.select(SdpOffer.parse(secondHeld)).stream()
                .map(SelectedAudio::mediaIndex).toList(), "its audio is recorded from when a re-offer lets it send");
    }

    @Test
    void anOfferInWhichNoLineSendsRecordsNothingAndIsRefused() {
        String bothHeld = Offers.audio("4000 RTP/AVP 0", "a=inactive", "m=audio 4002 RTP/AVP 0", "a=recvonly");
        assertEquals(Rejection.nothingToReceive("audio is inactive"), refusal(bothHeld));
        String heldAndDisabled = Offers.audio("0 RTP/AVP 0", "m=audio 4002 RTP/AVP 0", "a=recvonly");
        assertEquals(Rejection.nothingToReceive("audio port 0, stream disabled"), refusal(heldAndDisabled),
                "the first line's reason, as the one the Media Server meant");
    }

    @Test
    void aDisabledSecondAudioStreamDoesNotCount() throws Exception {
        String two = Offers.audio("4000 RTP/AVP 0", "a=sendonly", "m=audio 0 RTP/AVP 0");
        assertEquals(0, select(two).mediaIndex());
    }
}
