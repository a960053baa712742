package org.activerecorder.sip.uri;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sip.address.URI;
import java.text.ParseException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingRequestUriTest {

    private static URI uri(String text) throws ParseException {
        return new AddressFactoryImpl().createURI(text);
    }

    private static Rejection rejection(String text) throws ParseException {
        return assertThrows(RequestRejected.class, () -> RecordingRequestUri.parse(uri(text))).rejection();
    }

    @Test
    void readsAGenesysRecordingRequest() throws Exception {
        RecordingRequestUri request = RecordingRequestUri.parse(uri(
                "sip:record=00FA0B4C-1@10.0.0.9:5060;calluuid=01AB23CD45EF;dn=7001;recordDN=7001"));
        assertEquals("00FA0B4C-1", request.requestId().value());
        assertEquals("01AB23CD45EF", request.callUuid().value());
        assertEquals("7001", request.dn().value());
        assertEquals("7001", request.recordDn().value());
        assertEquals(Map.of(), request.attributes());
    }

    @Test
    void parameterNamesCompareCaseInsensitively() throws Exception {
        RecordingRequestUri request = RecordingRequestUri.parse(uri(
                "sip:RECORD=r1@rec;CallUUID=C1;DN=7001;RECORDDN=7002"));
        assertEquals("r1", request.requestId().value());
        assertEquals("C1", request.callUuid().value());
        assertEquals("7001", request.dn().value());
        assertEquals("7002", request.recordDn().value());
    }

    @Test
    void otherParametersBecomeAttributesButRoutingParametersDoNot() throws Exception {
        RecordingRequestUri request = RecordingRequestUri.parse(uri(
                "sip:record=r1@rec;calluuid=C1;dn=7001;recordDN=7001;otherDN=7002;Site=Paris;flag"
                        + ";transport=udp;lr;maddr=10.0.0.1;ttl=5;user=phone;method=INVITE"));
        assertEquals(Map.of("otherdn", "7002", "site", "Paris", "flag", ""), request.attributes());
    }

    @Test
    void escapedCharactersAreDecoded() throws Exception {
        RecordingRequestUri request = RecordingRequestUri.parse(uri(
                "sip:record%3Dr1@rec;calluuid=C1;dn=%2A7001%23;recordDN=+331234;note=a%20b"));
        assertEquals("r1", request.requestId().value());
        assertEquals("*7001#", request.dn().value());
        assertEquals("+331234", request.recordDn().value(), "a '+' is a DN character, not a space");
        assertEquals("a b", request.attributes().get("note"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:rec.example.com;calluuid=C1;dn=1;recordDN=1", "sip:agent7001@rec;calluuid=C1",
            "sip:recorder=r1@rec;calluuid=C1;dn=1;recordDN=1", "tel:+331234", "sip:record@rec"})
    void aUriThatIsNotRecordIsNotFound(String text) throws Exception {
        Rejection rejection = rejection(text);
        assertEquals(404, rejection.statusCode());
        assertTrue(rejection.reasonPhrase().startsWith("Not Found: not a recording request"), rejection.reasonPhrase());
    }

    @Test
    void missingIdentityParametersAreBadRequestsNamingTheParameter() throws Exception {
        assertBadRequest("sip:record=r1@rec;dn=7001;recordDN=7001", "calluuid");
        assertBadRequest("sip:record=r1@rec;calluuid=C1;recordDN=7001", "dn parameter");
        assertBadRequest("sip:record=r1@rec;calluuid=C1;dn=7001", "recordDN");
        assertBadRequest("sip:record=r1@rec;calluuid=;dn=7001;recordDN=7001", "calluuid");
        assertBadRequest("sip:record=@rec;calluuid=C1;dn=7001;recordDN=7001", "recording id");
    }

    @Test
    void invalidIdentityValuesAreBadRequestsNamingTheParameter() throws Exception {
        assertBadRequest("sip:record=r1@rec;calluuid=C1%20C2;dn=7001;recordDN=7001", "calluuid");
        assertBadRequest("sip:record=r1@rec;calluuid=C1;dn=70%2001;recordDN=7001", "dn parameter");
        assertBadRequest("sip:record=r1@rec;calluuid=C1;dn=7001;recordDN=" + "9".repeat(65), "recordDN");
        assertBadRequest("sip:record=r%2F1@rec;calluuid=C1;dn=7001;recordDN=7001", "recording id");
    }

    @Test
    void brokenEscapesAreBadRequests() {
        // JAIN-SIP's own URI parser stops at a broken escape, so this is checked on the decoder itself
        RequestRejected rejected = assertThrows(RequestRejected.class,
                () -> RecordingRequestUri.decode("70%2", "dn parameter"));
        assertEquals(400, rejected.rejection().statusCode());
        assertTrue(rejected.rejection().detail().contains("dn parameter"));
        assertThrows(RequestRejected.class, () -> RecordingRequestUri.decode("70%zz", "dn parameter"));
    }

    private static void assertBadRequest(String text, String named) throws Exception {
        Rejection rejection = rejection(text);
        assertEquals(400, rejection.statusCode(), text);
        assertTrue(rejection.reasonPhrase().contains(named) || rejection.detail().contains(named), rejection.forLog());
    }

    @Test
    void oneSessionForBothPartiesNamesDnForTheFirstAudioLineAndOtherDnForTheSecond() throws Exception {
        RecordingRequestUri request = RecordingRequestUri.parse(uri(
                "sip:record=r1@rec;calluuid=C1;dn=7001;OtherDN=5551234;recordDN=7001"));
        assertEquals("5551234", request.otherDn().value());
        assertEquals(2, request.parties());
        assertEquals("7001", request.partyOfAudioLine(0).orElseThrow().value());
        assertEquals("5551234", request.partyOfAudioLine(1).orElseThrow().value());
        assertTrue(request.partyOfAudioLine(2).isEmpty());
        assertEquals(Map.of("otherdn", "5551234"), request.attributes(), "kept as an attribute as well");

        RecordingRequestUri perParty = RecordingRequestUri.parse(uri("sip:record=r1@rec;calluuid=C1;dn=7001;recordDN=7001"));
        assertEquals(1, perParty.parties());
        assertTrue(perParty.partyOfAudioLine(1).isEmpty());
    }

    @Test
    void anInvalidOtherDnIsABadRequestNamingIt() throws Exception {
        assertBadRequest("sip:record=r1@rec;calluuid=C1;dn=7001;otherDN=55%2012;recordDN=7001", "otherDN parameter");
        assertBadRequest("sip:record=r1@rec;calluuid=C1;dn=7001;otherDN=;recordDN=7001", "otherDN parameter");
    }

    @Test
    void parametersLongerThanTheDatabaseKeepsAreBadRequestsNamingThem() throws Exception {
        String base = "sip:record=r1@rec;calluuid=C1;dn=7001;recordDN=7001";
        String longest = "v".repeat(RecordingRequestUri.MAX_ATTRIBUTE_VALUE);
        assertEquals(longest, RecordingRequestUri.parse(uri(base + ";note=" + longest)).attributes().get("note"));
        Rejection value = rejection(base + ";note=" + longest + "v");
        assertEquals(400, value.statusCode());
        assertTrue(value.detail().contains("note parameter") && value.detail().contains("512"),
                value.detail());

        String name = "n".repeat(RecordingRequestUri.MAX_ATTRIBUTE_NAME);
        assertEquals("1", RecordingRequestUri.parse(uri(base + ";" + name + "=1")).attributes().get(name));
        Rejection longName = rejection(base + ";" + name + "n=1");
        assertEquals(400, longName.statusCode());
        assertTrue(longName.detail().contains("nnnnnnnn...") && longName.detail().contains("64"),
                longName.detail());
        assertBadRequest(base + ";note=" + "%41".repeat(RecordingRequestUri.MAX_ATTRIBUTE_VALUE + 1), "note parameter");
    }

    @Test
    void attributesPastTheBoundAreLeftOutAndNamed() throws Exception {
        StringBuilder text = new StringBuilder("sip:record=r1@rec;calluuid=C1;dn=7001;recordDN=7001;transport=udp");
        for (int i = 1; i <= RecordingRequestUri.MAX_ATTRIBUTES + 2; i++) {
            text.append(";p").append(i).append('=').append(i);
        }
        RecordingRequestUri request = RecordingRequestUri.parse(uri(text.toString()));
        assertEquals(RecordingRequestUri.MAX_ATTRIBUTES, request.attributes().size());
        assertEquals("1", request.attributes().get("p1"));
        assertEquals("32", request.attributes().get("p32"), "the first ones, in URI order");
        assertEquals(java.util.List.of("p33", "p34"), request.omittedAttributes());
    }
}
