package org.activerecorder.testsupport.sip;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checker the hostile-input tests trust: it must refuse what JAIN-SIP's automatic 400 looked like. */
class WireResponsesTest {

    private static final String GOOD = "SIP/2.0 404 Not Found: not a recording request\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-1;received=127.0.0.1;rport=40000\r\n"
            + "To: <sip:r@example.com>;tag=a\r\nFrom: <sip:m@example.com>;tag=b\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n"
            + "Content-Length: 0\r\n\r\n";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aWellFormedResponseIsRead() {
        assertEquals("SIP/2.0 404 Not Found: not a recording request", WireResponses.datagram(bytes(GOOD)));
        String withBody = GOOD.replace("Content-Length: 0", "Content-Length: 4") + "v=0\n";
        String quotedPairs = GOOD.replace("To: <sip:r@example.com>", "To: \"BEL:\\\u0007 NUL:\\\u0000\" <sip:r@example.com>");
        assertEquals("SIP/2.0 404 Not Found: not a recording request", WireResponses.datagram(bytes(quotedPairs)),
                "a quoted-pair may escape a control character");
        assertEquals(List.of("SIP/2.0 404 Not Found: not a recording request",
                "SIP/2.0 404 Not Found: not a recording request"), WireResponses.stream(bytes(withBody + GOOD)));
    }

    /** What jain-sip-ri 1.3.0-91 sent for Content-Length: -5 (issue 12), and its other faults one by one. */
    @Test
    void jainSipsMalformed400AndEachFaultAreRefused() {
        String jainSip400 = "SIP/2.0 400 Bad Request (Invalid content length -5\n)\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-1\r\nCSeq: 1 INVITE\r\nCall-ID: x\r\n"
                + "From: <sip:m@example.com>;tag=b\r\nTo: <sip:r@example.com>;tag=badreq\r\n"
                + "Content-Type: message/sipfrag\r\n\r\nContent-Length: 12\r\n\r\nINVITE x\r\n\r\n";
        assertThrows(AssertionError.class, () -> WireResponses.datagram(bytes(jainSip400)));
        for (String broken : List.of(
                GOOD.replace("Call-ID: x\r\n", "Call-ID: x\n"),
                GOOD.replace("Call-ID: x\r\n", "Call-ID: x\r\n\r\n"),
                GOOD.replace("Content-Length: 0\r\n", ""),
                GOOD.replace("Content-Length: 0", "Content-Length: 9"),
                GOOD + "trailing",
                GOOD.replace("Not Found", "Not\u0001Found"),
                GOOD.replace("To: <sip:r", "To: \"\u0007\" <sip:r"),
                GOOD.replace("SIP/2.0 404", "SIP/2.0 4044"),
                GOOD.substring(0, GOOD.length() - 2))) {
            assertThrows(AssertionError.class, () -> WireResponses.datagram(bytes(broken)),
                    WireResponses.printable(broken));
        }
    }
}
