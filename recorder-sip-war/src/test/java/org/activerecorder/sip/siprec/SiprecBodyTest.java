package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.activerecorder.sip.siprec.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiprecBodyTest {

    private static Verdict<SiprecBody> read(String contentType, String body) {
        return SiprecBody.read(contentType, body.getBytes(StandardCharsets.UTF_8), SiprecLimits.DEFAULT);
    }

    private static SiprecBody accepted(String contentType, byte[] body) {
        Verdict<SiprecBody> verdict = SiprecBody.read(contentType, body, SiprecLimits.DEFAULT);
        assertTrue(verdict.isAccepted(), verdict::toString);
        return verdict.value();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void splitsTheRfcOrderWithCrlfOrBareLf(boolean crlf) {
        SiprecBody body = accepted("multipart/mixed;boundary=foobar", Fixtures.body("rfc-order.txt",
                "rfc8068-basic-call.xml", crlf));
        String sdp = body.sdp().orElseThrow().text();
        assertTrue(sdp.startsWith("v=0" + (crlf ? "\r\n" : "\n")), sdp);
        assertTrue(sdp.endsWith("a=sendonly" + (crlf ? "\r\n" : "\n")),
                "the SDP keeps its last line end; the line break before the delimiter is the delimiter's: " + sdp);
        String metadata = utf8(body.metadata().orElseThrow().content());
        assertTrue(metadata.startsWith("<?xml"), metadata);
        assertTrue(metadata.endsWith("</recording>"), "nothing of the delimiter line in the part: " + metadata);
        assertEquals("recording-session", body.metadata().orElseThrow().disposition());
        assertEquals(0, body.ignoredParts());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void takesTheMetadataBeforeTheSdpWithHeadersWrittenWithoutSpaces(boolean crlf) {
        SiprecBody body = accepted("multipart/mixed;boundary=uniqueBoundary",
                Fixtures.body("metadata-first-no-space.txt", "legacy-broadworks.xml", crlf));
        assertEquals("application/sdp", body.sdp().orElseThrow().contentType().mediaType());
        assertTrue(body.sdp().orElseThrow().text().contains("a=label:5"));
        assertTrue(utf8(body.metadata().orElseThrow().content()).contains("<recording_metadata"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void ignoresPreambleEpilogueAndExtraPartsAndTakesMetadataWithoutTheXmlSuffix(boolean crlf) {
        SiprecBody body = accepted("multipart/mixed; boundary=\"----=_Part_15296_823292916.1768489452115\"",
                Fixtures.body("lf-quoted-boundary-extra-part.txt", "prefixed-root.xml", crlf));
        assertEquals("application/rs-metadata", body.metadata().orElseThrow().contentType().mediaType());
        assertTrue(body.sdp().orElseThrow().text().contains("a=label:b_leg"));
        assertFalse(body.sdp().orElseThrow().text().contains("epilogue"));
        assertEquals(1, body.ignoredParts(), "the PIDF part");
    }

    @Test
    void headersThatRunIntoTheContentEndAtTheFirstLineThatIsNotAHeader() {
        SiprecBody body = accepted("multipart/mixed;boundary=boundary1",
                Fixtures.body("headers-run-into-content.txt", "prerfc-acme-packet.xml", true));
        assertTrue(body.sdp().orElseThrow().text().startsWith("v=0\r\n"));
        assertTrue(utf8(body.metadata().orElseThrow().content()).startsWith("<?xml"));
    }

    @Test
    void unfoldsFoldedPartHeaders() {
        SiprecBody body = accepted("multipart/mixed;boundary=b", ("--b\r\nContent-Type:\r\n application/sdp\r\n\r\n"
                + "v=0\r\n--b--").getBytes(StandardCharsets.US_ASCII));
        assertEquals("v=0", body.sdp().orElseThrow().text());
    }

    @Test
    void aMissingCloseDelimiterEndsTheLastPartAtTheEndOfTheBody() {
        SiprecBody body = accepted("multipart/mixed;boundary=b",
                "--b\nContent-Type: application/sdp\n\nv=0\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("v=0\n", body.sdp().orElseThrow().text());
    }

    @Test
    void aLineThatOnlyStartsWithTheBoundaryIsContentAndTransportPaddingIsAllowed() {
        SiprecBody body = accepted("multipart/mixed;boundary=b", ("--b \t\nContent-Type: application/sdp\n\nv=0\n"
                + "--bx\n--b--\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals("v=0\n--bx", body.sdp().orElseThrow().text());
    }

    @Test
    void findsTheMetadataPartByDispositionWhenItsTypeIsGeneric() {
        SiprecBody body = accepted("multipart/mixed;boundary=b", ("--b\nContent-Type: application/sdp\n\nv=0\n--b\n"
                + "Content-Type: application/xml\nContent-Disposition: recording-session;handling=required\n\n<recording/>\n"
                + "--b--").getBytes(StandardCharsets.US_ASCII));
        assertEquals("<recording/>", utf8(body.metadata().orElseThrow().content()));
    }

    @Test
    void splitsOtherMultipartTypesTheSameWay() {
        SiprecBody body = accepted("multipart/related;type=\"application/sdp\";boundary=b",
                "--b\nContent-Type: application/sdp\n\nv=0\n--b--".getBytes(StandardCharsets.US_ASCII));
        assertEquals("v=0", body.sdp().orElseThrow().text());
    }

    @Test
    void takesABareSdpOrABareMetadataBodyAsItIs() {
        SiprecBody sdp = accepted("application/sdp", "v=0\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("v=0\r\n", sdp.sdp().orElseThrow().text());
        assertTrue(sdp.metadata().isEmpty());
        SiprecBody metadata = accepted("application/rs-metadata+xml", Fixtures.metadata("rfc7865-partial-hold.xml"));
        assertTrue(metadata.sdp().isEmpty());
        assertArrayEquals(Fixtures.metadata("rfc7865-partial-hold.xml"), metadata.metadata().orElseThrow().content());
    }

    @Test
    void noBodyIsEmptyNotRefused() {
        assertEquals(SiprecBody.EMPTY, accepted(null, null));
        assertEquals(SiprecBody.EMPTY, accepted("application/sdp", new byte[0]));
    }

    @Test
    void refusesABodyOverTheSizeLimit() {
        byte[] big = new byte[SiprecLimits.DEFAULT.maxBodyBytes() + 1];
        Verdict<SiprecBody> verdict = SiprecBody.read("multipart/mixed;boundary=b", big, SiprecLimits.DEFAULT);
        assertEquals(Refusal.Reason.TOO_LARGE, verdict.refusal().reason());
        assertEquals("body of 65537 bytes, the limit is 65536", verdict.refusal().detail());
    }

    @Test
    void refusesMorePartsThanTheLimit() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= SiprecLimits.DEFAULT.maxParts(); i++) {
            body.append("--b\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        Verdict<SiprecBody> verdict = read("multipart/mixed;boundary=b", body.append("--b--").toString());
        assertEquals(Refusal.Reason.TOO_LARGE, verdict.refusal().reason());
        assertEquals("body has more than 8 parts", verdict.refusal().detail());
    }

    @Test
    void refusesMultipartWithoutBoundaryOrWithoutDelimiter() {
        assertEquals(List.of(Refusal.Reason.MALFORMED_BODY, "multipart/mixed without a boundary parameter"),
                reasonAndDetail(read("multipart/mixed", "--b\n\nx\n--b--")));
        assertEquals(List.of(Refusal.Reason.MALFORMED_BODY, "no delimiter line --other in the body"),
                reasonAndDetail(read("multipart/mixed;boundary=other", "--b\n\nx\n--b--")));
        assertEquals(Refusal.Reason.MALFORMED_BODY,
                read("multipart/mixed;boundary=\"a\rb\"", "--a\n").refusal().reason(), "no control characters");
    }

    @Test
    void refusesOtherBodiesAndBodiesWithoutContentType() {
        assertEquals(List.of(Refusal.Reason.UNSUPPORTED_BODY,
                        "body is text/html, expected application/sdp or multipart/mixed with SDP and rs-metadata"),
                reasonAndDetail(read("text/html", "<html/>")));
        assertEquals(List.of(Refusal.Reason.MALFORMED_BODY, "body without Content-Type"),
                reasonAndDetail(read(null, "v=0")));
    }

    private static List<Object> reasonAndDetail(Verdict<?> verdict) {
        return List.of(verdict.refusal().reason(), verdict.refusal().detail());
    }
}
