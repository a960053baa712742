package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.activerecorder.sip.siprec.Fixtures.parsed;
import static org.activerecorder.sip.siprec.MetadataParserTest.sendersByLabel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class MetadataUpdateTest {

    @Test
    void holdThenResumeAsRfc7865ShowsThem() {
        RecordingMetadata call = parsed("rfc7865-complete.xml");
        RecordingMetadata held = MetadataUpdate.apply(call, parsed("rfc7865-partial-hold.xml"));
        assertEquals(Map.of("96", List.of(), "97", List.of(),
                "98", List.of("sip:bob@biloxy.com"), "99", List.of("sip:bob@biloxy.com")), sendersByLabel(held),
                "Alice's association is replaced whole: she sends nothing while on hold");
        assertEquals(List.of("Alice"), held.participants().get(0).names(), "what the update does not say is kept");
        assertEquals(DataMode.COMPLETE, held.dataMode(), "the merged state is still the whole state");
        RecordingMetadata resumed = MetadataUpdate.apply(held, parsed("rfc7865-partial-resume.xml"));
        assertEquals(sendersByLabel(call), sendersByLabel(resumed));
    }

    @Test
    void aCalleeAddedLaterComesAfterTheCaller() {
        RecordingMetadata joined = MetadataUpdate.apply(parsed("join-initial.xml"), parsed("join-update.xml"));
        assertEquals(List.of("caller", "callee"), joined.participants().stream().map(Participant::id).toList());
        assertEquals(Map.of("10", List.of("tel:+15550100003"), "11", List.of("sip:4711@pbx.example.com")),
                sendersByLabel(joined));
        assertEquals("am9pbkxhdGVyU2Vzc2lvbg==", joined.sessionId().orElseThrow());
    }

    @Test
    void aTransferReassociatesTheStream() {
        RecordingMetadata transferred = MetadataUpdate.apply(parsed("rfc8068-basic-call.xml"),
                parsed("rfc8068-transfer-partial.xml"));
        assertEquals(Map.of("96", List.of("sip:+15550100001@carrier.example.com"),
                "97", List.of("sip:4712@pbx.example.com")), sendersByLabel(transferred));
        assertEquals(3, transferred.participants().size(), "the agent who left is still known, sending nothing");
    }

    @Test
    void aStreamUpdateKeepsWhatItDoesNotSay() {
        RecordingMetadata before = parsed("rfc8068-basic-call.xml");
        RecordingMetadata update = new RecordingMetadata(DataMode.PARTIAL, List.of(), List.of(), List.of(),
                List.of(new MediaStream("Vn0gR7x2QWi3kS5yB8c1Ew==", "", "97b")), List.of(), Map.of("ucid", "late"));
        RecordingMetadata after = MetadataUpdate.apply(before, update);
        MediaStream stream = after.stream("Vn0gR7x2QWi3kS5yB8c1Ew==").orElseThrow();
        assertEquals("97b", stream.label());
        assertEquals("kD2fJ3JqRmqpU0O7r2V6nQ==", stream.sessionId());
        assertEquals(Map.of("ucid", "late"), after.extensionData());
    }

    @Test
    void aCompleteDocumentReplacesTheState() {
        RecordingMetadata replacement = parsed("cisco-style.xml");
        assertSame(replacement, MetadataUpdate.apply(parsed("rfc7865-complete.xml"), replacement));
    }
}
