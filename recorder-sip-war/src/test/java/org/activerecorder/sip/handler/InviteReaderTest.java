package org.activerecorder.sip.handler;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.sip.sdp.MediaDirection;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InviteReaderTest {

    static final String URI = "sip:record=rec-1@127.0.0.1:15060;calluuid=CALL1;dn=7001;recordDN=7001;site=paris";

    static final String SDP = String.join("\r\n",
            "v=0",
            "o=GVP 1 1 IN IP4 127.0.0.1",
            "s=-",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "m=audio 31000 RTP/AVP 8 0 101",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=sendonly") + "\r\n";

    static Request invite(String uri, String extraHeaders, String contentType, String body) throws Exception {
        StringBuilder text = new StringBuilder()
                .append("INVITE ").append(uri).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 127.0.0.1:15070;branch=z9hG4bK-1\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:ms@127.0.0.1:15070>;tag=ms1\r\n")
                .append("To: <").append(uri).append(">\r\n")
                .append("Call-ID: call-id-1@127.0.0.1\r\n")
                .append("CSeq: 1 INVITE\r\n")
                .append("Contact: <sip:ms@127.0.0.1:15070>\r\n")
                .append(extraHeaders);
        if (contentType != null) {
            text.append("Content-Type: ").append(contentType).append("\r\n");
        }
        text.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return new MessageFactoryImpl().createRequest(text.toString());
    }

    private static StreamRequest only(List<StreamRequest> requests) {
        assertEquals(1, requests.size(), () -> "requests: " + requests);
        return requests.get(0);
    }

    private static Rejection refusal(Request request) {
        return assertThrows(RequestRejected.class, () -> InviteReader.read(request)).rejection();
    }

    @Test
    void readsAShapeAInvite() throws Exception {
        RecordingOffer offer = InviteReader.read(invite(URI, "X-Genesys-CallUUID: CALL1\r\n", "application/sdp", SDP));
        StreamRequest request = only(offer.toStreamRequests("call-id-1@127.0.0.1"));
        assertEquals("rec-1", request.requestId().value());
        assertEquals("CALL1", request.callUuid().value());
        assertEquals("7001", request.dn().value());
        assertTrue(request.isRecordedParty());
        assertEquals(Map.of("site", "paris"), request.attributes());
        assertEquals(AudioCodec.PCMA, request.codec());
        assertEquals(8, request.payloadType());
        assertEquals(new InetSocketAddress("127.0.0.1", 31000), request.mediaSource());
        assertEquals("call-id-1@127.0.0.1", request.sipCallId());
        assertEquals(101, request.telephoneEventPayloadType(), "DTMF comes as RFC 4733 events on 101");
    }

    @Test
    void anOfferWithoutTelephoneEventsAsksForNone() throws Exception {
        String audioOnly = SDP.replace(" 101\r\n", "\r\n").replace("a=rtpmap:101 telephone-event/8000\r\n", "");
        StreamRequest request = InviteReader.read(invite(URI, "", "application/sdp", audioOnly))
                .toStreamRequests("call-id-1@127.0.0.1").get(0);
        assertEquals(StreamSpec.NONE, request.telephoneEventPayloadType());
    }

    @Test
    void anOfferWithRtcpMuxAsksForOneSocket() throws Exception {
        String muxed = SDP.replace("a=sendonly", "a=rtcp-mux\r\na=sendonly");
        assertTrue(muxed.contains("a=rtcp-mux"), "the fixture has a=sendonly");

        assertTrue(InviteReader.read(invite(URI, "", "application/sdp", muxed)).toStreamRequests("c@h").get(0)
                .rtcpMux());
        assertFalse(InviteReader.read(invite(URI, "", "application/sdp", SDP)).toStreamRequests("c@h").get(0)
                .rtcpMux());
    }

    @Test
    void aReInviteWithoutABodyHasNoOffer() throws Exception {
        assertTrue(InviteReader.reoffer(invite(URI, "", null, "")).isEmpty());
        assertEquals(MediaDirection.INACTIVE, InviteReader.reoffer(invite(URI, "", "application/sdp",
                SDP.replace("a=sendonly", "a=inactive"))).orElseThrow().media().get(0).direction());
        assertEquals(415, assertThrows(RequestRejected.class, () -> InviteReader.reoffer(
                invite(URI, "", "text/plain", "hello"))).rejection().statusCode());
    }

    @Test
    void genesysHeaderMayDifferInCaseOnly() throws Exception {
        InviteReader.read(invite(URI, "X-Genesys-CallUUID: call1\r\n", "application/sdp", SDP));
    }

    @Test
    void genesysHeaderThatDisagreesIsABadRequest() throws Exception {
        Rejection rejection = refusal(invite(URI, "X-Genesys-CallUUID: OTHER\r\n", "application/sdp", SDP));
        assertEquals(400, rejection.statusCode());
        assertTrue(rejection.detail().contains("X-Genesys-CallUUID OTHER"), rejection.detail());
        assertFalse(rejection.reasonPhrase().contains("OTHER"), "the peer's value is in the log only");
    }

    @Test
    void notARecordingRequestIsCheckedFirst() throws Exception {
        assertEquals(404, refusal(invite("sip:agent@127.0.0.1", "", null, "")).statusCode());
    }

    @Test
    void missingOfferIsABadRequest() throws Exception {
        assertEquals(Rejection.missingOffer(), refusal(invite(URI, "", null, "")));
    }

    @Test
    void otherBodiesAreUnsupportedMediaTypes() throws Exception {
        Rejection rejection = refusal(invite(URI, "", "multipart/mixed;boundary=foo", "--foo--\r\n"));
        assertEquals(415, rejection.statusCode());
        assertEquals("application/sdp", rejection.headers().get("Accept"));
    }

    @Test
    void contentTypeComparesCaseInsensitively() throws Exception {
        InviteReader.read(invite(URI, "", "Application/SDP", SDP));
    }

    @Test
    void unsupportedCodecIsNotAcceptableHere() throws Exception {
        String g729 = SDP.replace("RTP/AVP 8 0 101", "RTP/AVP 18").replace("a=rtpmap:8 PCMA/8000\r\n", "")
                .replace("a=rtpmap:0 PCMU/8000\r\n", "");
        assertEquals(Rejection.noSupportedCodec(), refusal(invite(URI, "", "application/sdp", g729)));
    }

    // ---- one session for both parties ----

    static final String BOTH_URI = "sip:record=rec-1@127.0.0.1:15060;calluuid=CALL1;dn=7001;otherDN=5551234"
            + ";recordDN=7001;site=paris";

    /** Two audio lines (the first party's, then the other's) with a video line between them. */
    static final String BOTH_SDP = String.join("\r\n",
            "v=0",
            "o=GVP 1 1 IN IP4 127.0.0.1",
            "s=-",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "m=audio 31000 RTP/AVP 0 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=sendonly",
            "m=video 31010 RTP/AVP 31",
            "m=audio 31002 RTP/AVP 8",
            "a=sendonly") + "\r\n";

    @Test
    void oneSessionForBothPartiesGivesAStreamPerPartyDnOnTheFirstAudioLineOtherDnOnTheSecond() throws Exception {
        RecordingOffer offer = InviteReader.read(invite(BOTH_URI, "X-Genesys-CallUUID: CALL1\r\n", "application/sdp",
                BOTH_SDP));
        List<StreamRequest> requests = offer.toStreamRequests("call-id-1@127.0.0.1");
        assertEquals(2, requests.size());
        StreamRequest first = requests.get(0);
        StreamRequest second = requests.get(1);
        assertEquals("7001", first.dn().value());
        assertTrue(first.isRecordedParty(), "dn == recordDN: the left channel");
        assertEquals(AudioCodec.PCMU, first.codec());
        assertEquals(new InetSocketAddress("127.0.0.1", 31000), first.mediaSource());
        assertEquals(101, first.telephoneEventPayloadType());
        assertEquals("5551234", second.dn().value(), "the second audio line, past the video line");
        assertFalse(second.isRecordedParty());
        assertEquals(AudioCodec.PCMA, second.codec());
        assertEquals(new InetSocketAddress("127.0.0.1", 31002), second.mediaSource());
        assertEquals(StreamSpec.NONE, second.telephoneEventPayloadType());
        for (StreamRequest request : requests) {
            assertEquals("CALL1", request.callUuid().value());
            assertEquals("rec-1", request.requestId().value());
            assertEquals("7001", request.recordDn().value());
            assertEquals("call-id-1@127.0.0.1", request.sipCallId());
            assertEquals(Map.of("site", "paris", "otherdn", "5551234"), request.attributes());
        }
    }

    @Test
    void theRecordedPartyMayBeOnTheSecondLine() throws Exception {
        List<StreamRequest> requests = InviteReader.read(invite(BOTH_URI.replace("recordDN=7001", "recordDN=5551234"),
                "", "application/sdp", BOTH_SDP)).toStreamRequests("c");
        assertFalse(requests.get(0).isRecordedParty());
        assertTrue(requests.get(1).isRecordedParty());
    }

    @Test
    void aDisabledFirstAudioLineStillMakesTheSecondOtherDns() throws Exception {
        StreamRequest request = only(InviteReader.read(invite(BOTH_URI, "", "application/sdp",
                BOTH_SDP.replace("m=audio 31000", "m=audio 0"))).toStreamRequests("c"));
        assertEquals("5551234", request.dn().value());
    }

    @Test
    void aSecondAudioLineWithoutOtherDnIsABadRequestNamingIt() throws Exception {
        Rejection rejection = refusal(invite(URI, "", "application/sdp", BOTH_SDP));
        assertEquals(400, rejection.statusCode());
        assertTrue(rejection.reasonPhrase().contains("missing otherDN parameter"), rejection.reasonPhrase());
        assertEquals("7001", only(InviteReader.read(invite(URI, "", "application/sdp",
                BOTH_SDP.replace("m=audio 31002", "m=audio 0"))).toStreamRequests("c")).dn().value(),
                "a disabled second line needs no party");
    }

    @Test
    void aThirdAudioLineIsNotAcceptableHere() throws Exception {
        Rejection rejection = refusal(invite(BOTH_URI, "", "application/sdp",
                BOTH_SDP + "m=audio 31004 RTP/AVP 0\r\na=sendonly\r\n"));
        assertEquals(Rejection.moreAudioStreamsThanParties(3, 2), rejection);
    }

    @Test
    void twoPartiesThatAreOneOrNeitherOfThemRecordedAreBadRequests() throws Exception {
        Rejection same = refusal(invite(BOTH_URI.replace("otherDN=5551234", "otherDN=7001"), "", "application/sdp",
                BOTH_SDP));
        assertEquals(400, same.statusCode());
        assertTrue(same.detail().contains("otherDN"), same.detail());
        Rejection neither = refusal(invite(BOTH_URI.replace("recordDN=7001", "recordDN=7002"), "", "application/sdp",
                BOTH_SDP));
        assertEquals(400, neither.statusCode());
        assertTrue(neither.detail().contains("recordDN"), neither.detail());
    }

    @Test
    void aCallIdLongerThanTheRecorderKeepsIsABadRequest() throws Exception {
        String tooLong = "c".repeat(InviteReader.MAX_CALL_ID + 1);
        Request request = invite(URI, "", "application/sdp", SDP);
        request.setHeader(new gov.nist.javax.sip.header.CallID(tooLong));
        Rejection rejection = refusal(request);
        assertEquals(400, rejection.statusCode());
        assertTrue(rejection.reasonPhrase().contains("Call-ID"), rejection.reasonPhrase());
        request.setHeader(new gov.nist.javax.sip.header.CallID(tooLong.substring(1)));
        InviteReader.read(request);
    }
}
