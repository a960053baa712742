package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metadata written to hurt: each is refused quickly, with a reason, without touching the file system or network,
 * and without a line on standard error (the JDK's default XML error handler prints one per fatal error).
 */
@ExtendWith(NothingOnStandardError.class)
class HostileMetadataTest {
    /** Far above what a refusal takes (milliseconds) and far below what an expansion or a 10 MB parse would. */
    private static final Duration QUICKLY = Duration.ofSeconds(2);

    private final MetadataParser parser = new MetadataParser(SiprecLimits.DEFAULT);

    private Refusal refused(String xml) {
        return refused(xml.getBytes(StandardCharsets.UTF_8));
    }

    private Refusal refused(byte[] xml) {
        Verdict<RecordingMetadata> verdict = assertTimeoutPreemptively(QUICKLY, () -> parser.parse(xml));
        assertFalse(verdict.isAccepted(), verdict::toString);
        return verdict.refusal();
    }

    @Test
    void billionLaughs() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE recording [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"");
            xml.append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">\n");
        }
        xml.append("]>\n<recording>&lol9;</recording>");
        Refusal refusal = refused(xml.toString());
        assertEquals(Refusal.Reason.MALFORMED_METADATA, refusal.reason());
        assertEquals("metadata has a DOCTYPE (DTDs and entity declarations are refused)", refusal.detail());
    }

    @Test
    void externalEntityAndExternalDtd() {
        assertEquals(Refusal.Reason.MALFORMED_METADATA, refused("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><recording><session session_id=\"&x;\"/></recording>").reason());
        assertEquals(Refusal.Reason.MALFORMED_METADATA, refused("<!DOCTYPE recording SYSTEM \"http://192.0.2.1/x.dtd\">"
                + "<recording/>").reason());
        assertEquals(Refusal.Reason.MALFORMED_METADATA, refused("<!DOCTYPE r [<!ENTITY % p SYSTEM "
                + "\"http://192.0.2.1/p\"> %p;]><recording/>").reason());
    }

    @Test
    void aDoctypeInAnotherEncodingIsStoppedByTheParserItself() {
        byte[] utf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE r [<!ENTITY x \"y\">]><recording>&x;</recording>"
                .getBytes(StandardCharsets.UTF_16);
        Refusal refusal = refused(utf16);
        assertEquals(Refusal.Reason.MALFORMED_METADATA, refusal.reason());
        assertTrue(refusal.detail().startsWith("metadata is not well-formed XML (line 1, column "), refusal.detail());
        assertTrue(refusal.diagnostic().contains("DOCTYPE"), refusal.diagnostic());
    }

    @Test
    void entityReferencesWithoutADtdAreNotWellFormed() {
        Refusal refusal = refused("<recording><session session_id=\"&x;\"/></recording>");
        assertEquals(Refusal.Reason.MALFORMED_METADATA, refusal.reason());
        assertEquals("metadata is not well-formed XML (line 1, column 36)", refusal.detail());
    }

    @Test
    void tenMegabytesOfNestingIsRefusedBeforeParsing() {
        byte[] deep = "<a>".repeat(10 * 1024 * 1024 / 3).getBytes(StandardCharsets.US_ASCII);
        Refusal refusal = refused(deep);
        assertEquals(Refusal.Reason.TOO_LARGE, refusal.reason());
        assertEquals("metadata of " + deep.length + " bytes, the limit is 65536", refusal.detail());
    }

    @Test
    void deepNestingWithinTheSizeLimitIsRefusedByDepth() {
        String xml = "<recording>" + "<a>".repeat(5_000) + "</a>".repeat(5_000) + "</recording>";
        Refusal refusal = refused(xml);
        assertEquals(Refusal.Reason.TOO_LARGE, refusal.reason());
        assertEquals("metadata nests elements deeper than 24", refusal.detail());
    }

    @Test
    void tooManyElementsWithinTheSizeLimit() {
        Refusal refusal = refused("<recording>" + "<a/>".repeat(10_000) + "</recording>");
        assertEquals(Refusal.Reason.TOO_LARGE, refusal.reason());
        assertEquals("metadata has more than 2000 XML elements", refusal.detail());
    }

    @Test
    void tooManyParticipantsOrStreams() {
        assertEquals("metadata has more than 64 participants",
                refused("<recording>" + "<participant/>".repeat(65) + "</recording>").detail());
        assertEquals("metadata has more than 64 streams",
                refused("<recording>" + "<stream/>".repeat(65) + "</recording>").detail());
    }

    @Test
    void anIdLongerThanAnyColumnIsRefusedNotCut() {
        Refusal refusal = refused("<recording><participant participant_id=\"" + "p".repeat(300) + "\"/></recording>");
        assertEquals(Refusal.Reason.NOT_RECORDING_METADATA, refusal.reason());
        assertEquals("metadata participant participant_id is longer than 256 characters", refusal.detail());
    }

    @Test
    void notXmlAtAll() {
        Refusal refusal = refused("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n");
        assertEquals(Refusal.Reason.MALFORMED_METADATA, refusal.reason());
        assertEquals("metadata is not well-formed XML (line 1, column 1)", refusal.detail());
        assertEquals(Refusal.Reason.MALFORMED_METADATA, refused(new byte[0]).reason());
        assertEquals(Refusal.Reason.MALFORMED_METADATA, refused("<recording>").reason());
    }

    @Test
    void theMisprintedRfcExampleIsRefusedWithWhereItBreaks() {
        Refusal refusal = refused(Fixtures.metadata("rfc7865-complete-misprinted.xml"));
        assertEquals(Refusal.Reason.MALFORMED_METADATA, refusal.reason());
        assertEquals("metadata is not well-formed XML (line 30, column 55)", refusal.detail());
    }

    @Test
    void anotherRootElementIsNotMetadata() {
        Refusal refusal = refused("<html><body>hello</body></html>");
        assertEquals(Refusal.Reason.NOT_RECORDING_METADATA, refusal.reason());
        assertEquals("metadata root element is <html>, expected <recording> (RFC 7865)", refusal.detail());
    }

    @Test
    void refusalDetailsAreFitForAStatusLine() {
        Refusal refusal = refused("<\u0007\r\n" + "\u00e9".repeat(500));
        assertTrue(refusal.detail().chars().allMatch(c -> c >= 0x20 && c < 0x7f), refusal.detail());
        assertTrue(refusal.detail().length() <= Refusal.MAX_DETAIL_LENGTH);
        assertTrue(refusal.diagnostic().chars().allMatch(c -> c >= 0x20 && c < 0x7f), refusal.diagnostic());
    }
}
