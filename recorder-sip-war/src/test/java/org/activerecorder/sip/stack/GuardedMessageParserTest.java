package org.activerecorder.sip.stack;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import org.activerecorder.sip.admission.SipCounters;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The parser guard, fed bytes: what it passes, what it drops and counts. */
class GuardedMessageParserTest {

    private static final String OPTIONS = "OPTIONS sip:recorder@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\n"
            + "From: <sip:ms@192.0.2.2>;tag=a\r\nTo: <sip:recorder@127.0.0.1>\r\nCall-ID: guard-1\r\n"
            + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    /** A channel as JAIN-SIP's are: it rejects a broken required header by throwing. */
    private static final ParseExceptionListener CHANNEL = (failure, message, header, text, whole) -> {
        throw failure;
    };

    private final SipCounters counters = new SipCounters();
    private final GuardedMessageParserFactory.Guard guard =
            new GuardedMessageParserFactory.Guard(new StringMsgParser(), counters, 4096, 8192);

    private SIPMessage parse(String text) throws ParseException {
        return guard.parseSIPMessage(text.getBytes(StandardCharsets.ISO_8859_1), true, false, CHANNEL);
    }

    @Test
    void aWellFormedMessagePasses() throws ParseException {
        assertNotNull(parse(OPTIONS));
        assertEquals(new SipCounters().snapshot(), counters.snapshot());
    }

    @Test
    void whatCannotBeParsedIsDroppedAndCountedNotThrown() throws ParseException {
        assertNull(parse(OPTIONS.replace("Content-Length: 0", "Content-Length: -5")));
        assertNull(parse(OPTIONS.replace("From: <sip:ms@192.0.2.2>;tag=a", "From: \"unterminated <sip:ms@192.0.2.2>")));
        assertNull(parse("\u0001\u0002 not SIP at all\r\n\r\n"));
        assertEquals(3, counters.snapshot().malformed());
    }

    @Test
    void aMessageWithoutARequiredHeaderIsDroppedAndCounted() throws ParseException {
        for (String header : new String[]{"CSeq: 1 OPTIONS\r\n", "Call-ID: guard-1\r\n", "Via: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-1\r\n"}) {
            assertNull(parse(OPTIONS.replace(header, "")), "without " + header);
        }
        assertEquals(3, counters.snapshot().malformed());
    }

    @Test
    void aDatagramThatFilledTheReadBufferIsDroppedAsCutOff() throws ParseException {
        String big = OPTIONS.replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nSubject: " + "x".repeat(4096) + "\r\n");
        assertNull(parse(big));
        assertEquals(1, counters.snapshot().oversized());
        assertEquals(0, counters.snapshot().malformed());
    }

    @Test
    void aStreamMessageAnnouncingALargerBodyIsCountedAndLeftToJainSipToRefuse() throws ParseException {
        String headers = OPTIONS.replace("Content-Length: 0", "Content-Length: 9000");
        SIPMessage parsed = guard.parseSIPMessage(headers.getBytes(StandardCharsets.ISO_8859_1), false, false, CHANNEL);
        assertNotNull(parsed, "JAIN-SIP's pipeline sees the Content-Length and closes the connection");
        assertEquals(1, counters.snapshot().oversized());
        assertNotNull(guard.parseSIPMessage(OPTIONS.replace("Content-Length: 0", "Content-Length: 8192")
                .getBytes(StandardCharsets.ISO_8859_1), false, false, CHANNEL));
        assertEquals(1, counters.snapshot().oversized(), "up to the limit is fine");
    }

    @Test
    void jainSipsOwnReparsingIsNotGuarded() {
        assertThrows(ParseException.class, () -> guard.parseSIPMessage(
                "INVITE\r\nnot SIP at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), true, false, null));
        assertEquals(0, counters.snapshot().malformed());
    }
}
