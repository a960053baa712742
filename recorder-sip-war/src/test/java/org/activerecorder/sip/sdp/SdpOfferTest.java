package org.activerecorder.sip.sdp;

import org.activerecorder.sip.status.RequestRejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SdpOfferTest {

    @Test
    void readsAGenesysOffer() throws Exception {
        SdpOffer offer = SdpOffer.parse(Offers.GENESYS);
        assertEquals(1, offer.media().size());
        OfferedMedia audio = offer.media().get(0);
        assertEquals("audio", audio.mediaType());
        assertEquals(31000, audio.port());
        assertEquals("RTP/AVP", audio.protocol());
        assertEquals(List.of("0", "8", "101"), audio.formats());
        assertEquals(Map.of(0, "PCMU/8000", 8, "PCMA/8000", 101, "telephone-event/8000"), audio.rtpMaps());
        assertEquals(Map.of(101, "0-15"), audio.formatParameters());
        assertEquals(MediaDirection.SENDONLY, audio.direction());
        assertEquals("10.20.30.40", audio.connectionAddress());
    }

    @Test
    void mediaInheritsSessionLevelDirectionAndConnection() throws Exception {
        SdpOffer offer = SdpOffer.parse(Offers.RFC4566_EXAMPLE);
        assertEquals(2, offer.media().size());
        assertEquals(MediaDirection.RECVONLY, offer.media().get(0).direction());
        assertEquals(MediaDirection.RECVONLY, offer.media().get(1).direction());
        assertEquals("224.2.17.12", offer.media().get(0).connectionAddress(), "the multicast TTL is not part of the address");
        assertEquals("video", offer.media().get(1).mediaType());
    }

    @Test
    void mediaLevelOverridesSessionLevel() throws Exception {
        SdpOffer offer = SdpOffer.parse(Offers.crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-",
                "c=IN IP4 192.0.2.1", "t=0 0", "a=inactive",
                "m=audio 4000 RTP/AVP 0", "c=IN IP4 192.0.2.2", "a=sendonly"));
        assertEquals(MediaDirection.SENDONLY, offer.media().get(0).direction());
        assertEquals("192.0.2.2", offer.media().get(0).connectionAddress());
    }

    @Test
    void directionDefaultsToSendrecvAndMissingConnectionIsNull() throws Exception {
        SdpOffer offer = SdpOffer.parse(Offers.crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0",
                "m=audio 4000 RTP/AVP 8"));
        assertEquals(MediaDirection.SENDRECV, offer.media().get(0).direction());
        assertNull(offer.media().get(0).connectionAddress());
    }

    @Test
    void eachLineCarriesItsOwnLabelAnyToken() throws Exception {
        SdpOffer offer = SdpOffer.parse(Offers.crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1",
                "t=0 0",
                "m=audio 4000 RTP/AVP 0", "a=label:0", "a=label:second-ignored",
                "m=video 4002 RTP/AVP 31",
                "m=audio 4004 RTP/AVP 0", "a=sendonly", "a=LABEL: a_leg ",
                "m=audio 4006 RTP/AVP 0"));
        assertEquals(List.of("0", "", "a_leg", ""), offer.media().stream().map(OfferedMedia::label).toList(),
                "the first a=label of each line, trimmed; \"\" for none");
    }

    @Test
    void acceptsBareLineFeeds() throws Exception {
        SdpOffer offer = SdpOffer.parse(Offers.GENESYS.replace("\r\n", "\n"));
        assertEquals(List.of("0", "8", "101"), offer.media().get(0).formats());
    }

    @Test
    void emptyBodyIsAMissingOffer() {
        RequestRejected rejected = assertThrows(RequestRejected.class, () -> SdpOffer.parse("  "));
        assertEquals(400, rejected.rejection().statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello world", "v=0\r\nm=audio x RTP/AVP 0\r\n", "v=0\r\nq=what\r\n",
            "v=0\r\nc=IN IP4\r\n", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n",
            "m=audio 4000 RTP/AVP 0\r\n"})
    void garbageIsABadRequest(String text) {
        RequestRejected rejected = assertThrows(RequestRejected.class, () -> SdpOffer.parse(text));
        assertEquals(400, rejected.rejection().statusCode(), rejected.rejection().reasonPhrase());
    }

    /** The NIST field parsers print a stack trace before failing on these: they must be refused first. */
    @ParameterizedTest
    @ValueSource(strings = {"m=audio abc RTP/AVP 0", "m=audio", "m=audio 99999999999 RTP/AVP 0", "b=AS",
            "o=- x 1 IN IP4 127.0.0.1", "no equals sign here"})
    void linesThatMakeTheParserPrintAStackTraceAreRefusedQuietly(String line) throws Exception {
        String text = Offers.GENESYS.replace("a=sendonly\r\n", "a=sendonly\r\n" + line + "\r\n");
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(printed, true, "UTF-8"));
        RequestRejected rejected;
        try {
            rejected = assertThrows(RequestRejected.class, () -> SdpOffer.parse(text));
        } finally {
            System.setErr(stderr);
        }
        assertEquals(400, rejected.rejection().statusCode());
        assertEquals("", printed.toString("UTF-8"), "nothing printed to standard error");
        assertEquals("Bad Request: unparseable SDP offer", rejected.rejection().reasonPhrase());
        org.junit.jupiter.api.Assertions.assertTrue(rejected.rejection().detail().contains("malformed line"),
                rejected.rejection().detail());
    }
}
