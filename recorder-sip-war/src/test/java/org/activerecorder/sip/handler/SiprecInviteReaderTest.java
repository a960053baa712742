package org.activerecorder.sip.handler;

import org.activerecorder.application.StreamRequest;
import org.activerecorder.sip.siprec.DomainIds;
import org.activerecorder.sip.siprec.SiprecSettings;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIPREC INVITEs as field SRCs send them (the fixtures under {@code siprec/}), read into the stream requests the
 * intake gets: the recorded party's stream is the left one by the metadata, whatever its m-line; ids fit the domain;
 * the original values and the deciding rules are attributes. And every body the SIPREC readers refuse gets its fixed
 * answer.
 */
class SiprecInviteReaderTest {

    static final String SRS_URI = "sip:srs@127.0.0.1:15060";
    static final String SRC_HEADERS = "Require: siprec\r\n";
    static final String CALL_ID = "call-id-1@127.0.0.1";

    private static final SiprecInviteReader NO_DNS = new SiprecInviteReader(SiprecSettings.DEFAULT);

    private static SiprecInviteReader recording(String... dns) {
        return new SiprecInviteReader(new SiprecSettings(Optional.empty(), List.of(dns)));
    }

    /** A multipart body fixture with a metadata fixture in it, CRLF line ends unless {@code bareLf}. */
    static String body(String bodyFixture, String metadataFixture, boolean bareLf) {
        String text = resource("/siprec/bodies/" + bodyFixture)
                .replace("@METADATA@", resource("/siprec/metadata/" + metadataFixture).strip());
        return bareLf ? text : text.replace("\n", "\r\n");
    }

    static String resource(String name) {
        try (InputStream in = SiprecInviteReaderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException missing) {
            throw new IllegalArgumentException("no fixture " + name, missing);
        }
    }

    private static Request siprecInvite(String contentType, String body) throws Exception {
        return InviteReaderTest.invite(SRS_URI, SRC_HEADERS, contentType, body);
    }

    private static List<StreamRequest> requests(SiprecInviteReader reader, Request invite) throws Exception {
        return reader.read(invite).offer().toStreamRequests(CALL_ID);
    }

    @Test
    void theRecordedPartyIsLeftByTheMetadataEvenOnTheSecondMline() throws Exception {
        Request invite = siprecInvite("multipart/mixed;boundary=foobar",
                body("rfc-order.txt", "rfc8068-basic-call.xml", false));

        List<StreamRequest> requests = requests(recording("4711"), invite);

        assertEquals(2, requests.size());
        assertEquals("+15550100001", requests.get(0).dn().value(), "m-line 1 carries the caller");
        assertFalse(requests.get(0).isRecordedParty());
        assertEquals("4711", requests.get(1).dn().value(), "m-line 2 carries the configured DN");
        assertTrue(requests.get(1).isRecordedParty());
        assertEquals("4711", requests.get(1).recordDn().value());
        // session id kD2fJ3JqRmqpU0O7r2V6nQ== is a UUID in base64
        assertEquals("903d9f27-726a-466a-a953-43bbaf657a9d", requests.get(0).callUuid().value());
        assertEquals(DomainIds.requestId(CALL_ID), requests.get(0).requestId().value());
        var attributes = requests.get(0).attributes();
        assertEquals("kD2fJ3JqRmqpU0O7r2V6nQ==", attributes.get("siprec.sessionId"));
        assertEquals("kD2fJ3JqRmqpU0O7r2V6nQ==", attributes.get("siprec.callId"));
        assertEquals("SIPREC_SESSION_ID", attributes.get("siprec.identityRule"));
        assertEquals("CONFIGURED_DN", attributes.get("siprec.channelRule"));
        assertEquals("4711", attributes.get("siprec.recordedDn"));
        assertEquals("sip:4711@pbx.example.com", attributes.get("siprec.recordedParty"));
        assertEquals("sip:+15550100001@carrier.example.com", attributes.get("siprec.participant.1.aor"));
        assertEquals("Agent 4711", attributes.get("siprec.participant.2.name"));
        assertTrue(attributes.get("siprec.line.2").contains("-> left"), attributes.toString());
    }

    @Test
    void withoutAConfiguredDnTheFirstParticipantIsRecorded() throws Exception {
        Request invite = siprecInvite("multipart/mixed;boundary=foobar",
                body("rfc-order.txt", "rfc8068-basic-call.xml", false));

        List<StreamRequest> requests = requests(NO_DNS, invite);

        assertTrue(requests.get(0).isRecordedParty(), "the caller, listed first");
        assertEquals("+15550100001", requests.get(0).recordDn().value());
        assertEquals("4711", requests.get(1).dn().value());
        assertEquals("FIRST_PARTICIPANT", requests.get(0).attributes().get("siprec.channelRule"));
    }

    /** A multipart body of an offer with one PCMU line per label and the metadata fixture. */
    private static String offerWithLabels(String metadataFixture, String... labels) {
        StringBuilder sdp = new StringBuilder("v=0\r\no=SRC 1 1 IN IP4 198.51.100.1\r\ns=-\r\nt=0 0\r\n");
        int port = 49170;
        for (String label : labels) {
            sdp.append("m=audio ").append(port).append(" RTP/AVP 0\r\nc=IN IP4 198.51.100.1\r\na=label:")
                    .append(label).append("\r\na=sendonly\r\n");
            port += 2;
        }
        return "--b\r\nContent-Type: application/sdp\r\n\r\n" + sdp + "\r\n--b\r\n"
                + "Content-Type: application/rs-metadata+xml\r\n\r\n"
                + resource("/siprec/metadata/" + metadataFixture) + "\r\n--b--\r\n";
    }

    @Test
    void rfc7865sCompleteExampleWithTwoStreamsPerParticipant() throws Exception {
        Request invite = siprecInvite("multipart/mixed;boundary=b",
                offerWithLabels("rfc7865-complete.xml", "96", "97", "98", "99"));

        List<StreamRequest> requests = requests(recording("bob"), invite);

        assertEquals(List.of("alice", "alice", "bob", "bob"), requests.stream().map(r -> r.dn().value()).toList());
        assertEquals(List.of(false, false, true, true), requests.stream().map(StreamRequest::isRecordedParty).toList(),
                "bob's streams 98 and 99 are the recorded party's");
        assertEquals("855a5ded-8420-456d-a70f-6da1eeaeb425", requests.get(0).callUuid().value());
    }

    @Test
    void aCiscoStyleDocumentWhoseLabelsRunAgainstTheParticipantOrder() throws Exception {
        Request invite = siprecInvite("multipart/mixed;boundary=b", offerWithLabels("cisco-style.xml", "1", "2"));

        List<StreamRequest> requests = requests(recording("98765"), invite);

        assertEquals(List.of("98765", "12345"), requests.stream().map(r -> r.dn().value()).toList());
        assertEquals(List.of(true, false), requests.stream().map(StreamRequest::isRecordedParty).toList());
        assertEquals(List.of(false, true), requests(NO_DNS, invite).stream().map(StreamRequest::isRecordedParty)
                .toList(), "without a DN the first participant, 12345, who sends label 2");
    }

    @Test
    void theConfiguredHeaderNamesTheCall() throws Exception {
        SiprecInviteReader reader = new SiprecInviteReader(new SiprecSettings(Optional.of("X-Call-ID"), List.of()));
        Request invite = InviteReaderTest.invite(SRS_URI, SRC_HEADERS + "X-Call-ID: pbx:42/7\r\n",
                "multipart/mixed;boundary=foobar", body("rfc-order.txt", "rfc8068-basic-call.xml", false));

        StreamRequest request = requests(reader, invite).get(0);

        assertEquals(DomainIds.callUuid("pbx:42/7"), request.callUuid().value());
        assertEquals("pbx:42/7", request.attributes().get("siprec.callId"));
        assertEquals("CONFIGURED_HEADER", request.attributes().get("siprec.identityRule"));
        assertEquals("X-Call-ID", request.attributes().get("siprec.identitySource"));
    }

    @Test
    void preRfcAcmePacketBodyWithHeadersRunningIntoTheContent() throws Exception {
        Request invite = siprecInvite("multipart/mixed;boundary=boundary1",
                body("headers-run-into-content.txt", "prerfc-acme-packet.xml", false));

        List<StreamRequest> requests = requests(recording("4711"), invite);

        assertFalse(requests.get(0).isRecordedParty());
        assertTrue(requests.get(1).isRecordedParty());
        assertEquals("EXTENSION_DATA", requests.get(0).attributes().get("siprec.identityRule"));
        assertEquals("ucid", requests.get(0).attributes().get("siprec.identitySource"));
        assertEquals(DomainIds.callUuid("00FA080019001A2B3C4D5E;encoding=hex"), requests.get(0).callUuid().value());
    }

    @Test
    void broadWorksMetadataFirstWithOneMixedStream() throws Exception {
        Request invite = siprecInvite("multipart/mixed;boundary=uniqueBoundary",
                body("metadata-first-no-space.txt", "legacy-broadworks.xml", false));

        List<StreamRequest> requests = requests(NO_DNS, invite);

        assertEquals(1, requests.size());
        assertTrue(requests.get(0).isRecordedParty(), "the recorded party sends the mixed stream");
        assertEquals("02075550101", requests.get(0).dn().value());
        assertEquals("callhalf-1234567890:0", requests.get(0).attributes().get("siprec.callId"));
        assertEquals(DomainIds.callUuid("callhalf-1234567890:0"), requests.get(0).callUuid().value());
    }

    @Test
    void bareLfBodyWithAnExtraPartAndPrefixedMetadata() throws Exception {
        Request invite = siprecInvite("multipart/mixed;boundary=\"----=_Part_15296_823292916.1768489452115\"",
                body("lf-quoted-boundary-extra-part.txt", "prefixed-root.xml", true));

        List<StreamRequest> requests = requests(recording("2002"), invite);

        assertEquals(List.of("2001", "2002"), requests.stream().map(request -> request.dn().value()).toList());
        assertEquals(List.of(false, true), requests.stream().map(StreamRequest::isRecordedParty).toList());
    }

    @Test
    void withoutMetadataTheMlineOrderDecidesAndEveryLineMayBeOnHold() throws Exception {
        String sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\na=label:1\r\na=inactive\r\nm=audio 4002 RTP/AVP 0\r\na=label:2\r\n"
                + "a=inactive\r\n";

        List<StreamRequest> requests = requests(recording("4711"), siprecInvite("application/sdp", sdp));

        assertEquals(List.of(SiprecParties.RECORDED_PARTY, SiprecParties.OTHER_PARTY),
                requests.stream().map(request -> request.dn().value()).toList());
        assertTrue(requests.get(0).isRecordedParty());
        assertEquals("FIRST_MLINE", requests.get(0).attributes().get("siprec.channelRule"));
        assertEquals("RECORDING_DIALOG", requests.get(0).attributes().get("siprec.identityRule"));
        assertEquals(DomainIds.callUuid(CALL_ID), requests.get(0).callUuid().value());
    }

    @Test
    void aSiprecInviteIsRecognisedByItsMarkersUnlessItsUriIsAGenesysRecordingRequest() throws Exception {
        String sdp = InviteReaderTest.SDP;
        assertTrue(SiprecInviteReader.isSiprec(InviteReaderTest.invite(SRS_URI, SRC_HEADERS, "application/sdp", sdp)));
        assertTrue(SiprecInviteReader.isSiprec(withContact("<sip:src@127.0.0.1>;+sip.src", sdp)));
        assertTrue(SiprecInviteReader.isSiprec(withContact("<sip:src@127.0.0.1>;src", sdp)));
        assertTrue(SiprecInviteReader.isSiprec(InviteReaderTest.invite(SRS_URI, "",
                "multipart/mixed;boundary=foobar", body("rfc-order.txt", "rfc8068-basic-call.xml", false))));
        assertFalse(SiprecInviteReader.isSiprec(InviteReaderTest.invite(SRS_URI, "", "application/sdp", sdp)));
        assertFalse(SiprecInviteReader.isSiprec(InviteReaderTest.invite(InviteReaderTest.URI, SRC_HEADERS,
                "application/sdp", sdp)), "a Genesys recording request keeps its path");
    }

    private static Request withContact(String contact, String sdp) throws Exception {
        Request invite = InviteReaderTest.invite(SRS_URI, "", "application/sdp", sdp);
        invite.removeHeader("Contact");
        invite.addHeader(new gov.nist.javax.sip.header.HeaderFactoryImpl().createHeader("Contact", contact));
        return invite;
    }

    private static Rejection refusal(String contentType, String body) {
        return assertThrows(RequestRejected.class, () -> NO_DNS.read(siprecInvite(contentType, body))).rejection();
    }

    @Test
    void refusedBodiesGetTheirStatusWithAFixedReasonPhrase() {
        String sdpPart = "--b\r\nContent-Type: application/sdp\r\n\r\n" + InviteReaderTest.SDP;
        Rejection large = refusal("multipart/mixed;boundary=b", "x".repeat(70_000));
        assertEquals(413, large.statusCode());

        Rejection unsupported = refusal("text/plain", "hello");
        assertEquals(415, unsupported.statusCode());
        assertEquals(Rejection.ACCEPTED_SIPREC_BODIES, unsupported.headers().get("Accept"));

        Rejection notXml = refusal("multipart/mixed;boundary=b", sdpPart
                + "--b\r\nContent-Type: application/rs-metadata+xml\r\n\r\n<recording><secret-detail\r\n--b--\r\n");
        assertEquals(new Rejection(400, "Bad Request: recording metadata is not well-formed XML",
                java.util.Map.of()), notXml);

        Rejection otherRoot = refusal("multipart/mixed;boundary=b", sdpPart
                + "--b\r\nContent-Type: application/rs-metadata+xml\r\n\r\n<html/>\r\n--b--\r\n");
        assertEquals("Bad Request: recording metadata is not RFC 7865 metadata", otherRoot.reasonPhrase());

        Rejection noBoundary = refusal("multipart/mixed", sdpPart + "--b--\r\n");
        assertEquals("Bad Request: unreadable multipart body", noBoundary.reasonPhrase());

        Rejection noOffer = refusal("multipart/mixed;boundary=b", "--b\r\nContent-Type: application/rs-metadata+xml"
                + "\r\n\r\n" + resource("/siprec/metadata/rfc8068-basic-call.xml") + "\r\n--b--\r\n");
        assertEquals(400, noOffer.statusCode());
    }

    @Test
    void aReInvitesMetadataIsReadFromItsMultipartBody() throws Exception {
        Request reInvite = siprecInvite("multipart/mixed;boundary=b", "--b\r\nContent-Type: application/sdp\r\n\r\n"
                + InviteReaderTest.SDP + "\r\n--b\r\nContent-Type: application/rs-metadata+xml\r\n\r\n"
                + resource("/siprec/metadata/join-update.xml") + "\r\n--b--\r\n");

        assertEquals(2, NO_DNS.metadataUpdate(reInvite).orElseThrow().participants().size());
        assertEquals(1, InviteReader.reoffer(reInvite).orElseThrow().media().size(), "and its offer too");
        assertTrue(NO_DNS.metadataUpdate(siprecInvite("application/sdp", InviteReaderTest.SDP)).isEmpty());
    }
}
