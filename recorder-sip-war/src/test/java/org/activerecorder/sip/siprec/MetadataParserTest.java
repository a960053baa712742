package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.activerecorder.sip.siprec.Fixtures.parsed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every metadata dialect field SRCs send, one fixture each (see the comment at the top of each file for where its
 * shape comes from), read into the same model. "Who sends which label" is the fact the channels hang on, so each
 * test states it in full.
 */
class MetadataParserTest {

    /** Label to the AoRs (or ids, for participants without one) of the participants sending that label's stream. */
    static Map<String, List<String>> sendersByLabel(RecordingMetadata metadata) {
        Map<String, List<String>> senders = new LinkedHashMap<>();
        for (MediaStream stream : metadata.streams()) {
            senders.put(stream.label(), metadata.sendersOf(stream.id()).stream()
                    .map(participant -> participant.aor().isEmpty() ? participant.id() : participant.aor()).toList());
        }
        return senders;
    }

    @Test
    void rfc7865CompleteExample() {
        RecordingMetadata metadata = parsed("rfc7865-complete.xml");
        assertEquals(DataMode.COMPLETE, metadata.dataMode());
        assertEquals(List.of("7+OTCyoxTmqmqyA/1weDAg=="), metadata.groupIds());
        CommunicationSession session = metadata.sessions().get(0);
        assertEquals("hVpd7YQgRW2nD22h7q60JQ==", session.id());
        assertEquals(List.of("ab30317f1a784dc48ff824d0d3715d86; remote=47755a9de7794ba387653f2099600ef2"),
                session.sipSessionIds(), "the RFC folds it over two lines; white space collapses");
        assertEquals("7+OTCyoxTmqmqyA/1weDAg==", session.groupId());
        assertEquals(List.of("srfBElmCRp2QB23b7Mpk0w==", "zSfPoSvdSDCmU3A3TRDxAw=="),
                metadata.participants().stream().map(Participant::id).toList());
        Participant alice = metadata.participants().get(0);
        assertEquals(List.of("sip:alice@atlanta.com"), alice.aors());
        assertEquals(List.of("Alice"), alice.names());
        assertEquals(Map.of("structure", "FOO!", "whatever", "bar"), alice.extensionData());
        assertEquals(Map.of("96", List.of("sip:alice@atlanta.com"), "97", List.of("sip:alice@atlanta.com"),
                "98", List.of("sip:bob@biloxy.com"), "99", List.of("sip:bob@biloxy.com")), sendersByLabel(metadata));
        assertEquals(List.of("8zc6e0lYTlWIINA6GR+3ag==", "EiXGlc+4TruqqoDaNE76ag=="),
                metadata.association("srfBElmCRp2QB23b7Mpk0w==").orElseThrow().receives());
        assertEquals("sip:alice@atlanta.com", metadata.extensionData().get("supervisor"),
                "the group's standardized extension is kept as vendor data");
    }

    @Test
    void rfc7865PartialUpdatesCarryOnlyAssociations() {
        RecordingMetadata hold = parsed("rfc7865-partial-hold.xml");
        assertEquals(DataMode.PARTIAL, hold.dataMode());
        assertEquals(List.of(), hold.association("srfBElmCRp2QB23b7Mpk0w==").orElseThrow().sends());
        assertEquals(List.of("srfBElmCRp2QB23b7Mpk0w==", "zSfPoSvdSDCmU3A3TRDxAw=="),
                hold.participants().stream().map(Participant::id).toList(),
                "participants named only by associations are known by id");
        assertTrue(hold.streams().isEmpty());
    }

    @Test
    void rfc8068BasicCall() {
        RecordingMetadata metadata = parsed("rfc8068-basic-call.xml");
        assertEquals("kD2fJ3JqRmqpU0O7r2V6nQ==", metadata.sessionId().orElseThrow());
        assertEquals(Map.of("96", List.of("sip:+15550100001@carrier.example.com"),
                "97", List.of("sip:4711@pbx.example.com")), sendersByLabel(metadata));
        assertEquals(List.of("Agent 4711"), metadata.participants().get(1).names());
    }

    @Test
    void rfc8068PersistentRecordingWithTwoSessionsInAGroup() {
        RecordingMetadata metadata = parsed("rfc8068-persistent-two-sessions.xml");
        assertEquals(List.of("Gr0uP1dAAAAAAAAAAAAAAA=="), metadata.groupIds());
        assertEquals(List.of("U2Vzc2lvbk9uZUFBQUFBQQ==", "U2Vzc2lvblR3b0FBQUFBQQ=="),
                metadata.sessions().stream().map(CommunicationSession::id).toList());
        assertEquals("U2Vzc2lvblR3b0FBQUFBQQ==", metadata.streams().get(2).sessionId());
        assertEquals(Map.of("1", List.of("tel:+15550100002"), "2", List.of("sip:4711@pbx.example.com"),
                "3", List.of("sip:4800@pbx.example.com")), sendersByLabel(metadata));
    }

    @Test
    void preRfcAcmePacketDialect() {
        RecordingMetadata metadata = parsed("prerfc-acme-packet.xml");
        assertEquals("urn:uuid:7a1c2f30-4b5d-4e6f-8a9b-0c1d2e3f4a5b", metadata.sessionId().orElseThrow());
        assertEquals(List.of("caller"), metadata.participants().get(0).names(), "trailing space trimmed");
        assertEquals(Map.of("1", List.of("sip:+15550100001@192.0.2.40"), "2", List.of("sip:4711@192.0.2.60")),
                sendersByLabel(metadata));
        assertEquals("00FA080019001A2B3C4D5E;encoding=hex", metadata.extensionData().get("ucid"));
    }

    @Test
    void preRfcOracleDialectWithNameIdAndParticipantExtensionData() {
        RecordingMetadata metadata = parsed("prerfc-oracle-nameid.xml");
        assertEquals(Map.of("16777227", List.of("sip:alice@192.0.2.10"), "16777228", List.of("sip:service@192.0.2.13")),
                sendersByLabel(metadata));
        assertEquals(Map.of("callingParty", "true", "request-uri", "sip:service@192.0.2.13:5060", "in-realm", "net192"),
                metadata.participants().get(0).extensionData());
        assertEquals(DataMode.COMPLETE, metadata.dataMode());
    }

    @Test
    void legacyRecordingMetadataSchemaOfBroadWorks() {
        RecordingMetadata metadata = parsed("legacy-broadworks.xml");
        assertEquals("urn:uuid:2d3e4f50-6172-4839-a041-5c6d7e8f90a1", metadata.sessionId().orElseThrow());
        assertEquals("urn:uuid:1c2d3e4f-5061-4728-9930-4b5c6d7e8f90", metadata.sessions().get(0).groupId(),
                "the legacy group= attribute");
        assertEquals(List.of("urn:uuid:1c2d3e4f-5061-4728-9930-4b5c6d7e8f90"), metadata.groupIds());
        assertEquals(Map.of("5", List.of("sip:02075550101", "sip:07700900123@provider.example.com;user=phone")),
                sendersByLabel(metadata), "one mixed stream sent by both parties, ids wrapped in <id>");
        assertEquals("callhalf-1234567890:0", metadata.extensionData().get("callID"));
        assertEquals("1234567:1", metadata.extensionData().get("extTrackingID"));
    }

    @Test
    void prefixedElementsNoNamespaceAndUndeclaredPrefixesReadAlike() {
        assertEquals(Map.of("a_leg", List.of("sip:2001@example.com"), "b_leg", List.of("sip:2002@example.com")),
                sendersByLabel(parsed("prefixed-root.xml")));
        assertEquals(List.of("Caller"), parsed("prefixed-root.xml").participants().get(0).names());
        assertEquals(Map.of("0", List.of("sip:alice@example.com"), "1", List.of("sip:bob@example.com")),
                sendersByLabel(parsed("no-namespace.xml")));
        RecordingMetadata undeclared = parsed("undeclared-prefix.xml");
        assertEquals("C0934BE72BF711D6800285D16359919A", undeclared.extensionData().get("ucid"));
        assertEquals(Map.of("1", List.of("sip:100@example.com")), sendersByLabel(undeclared));
    }

    @Test
    void ciscoStyleWithStreamsBetweenParticipants() {
        RecordingMetadata metadata = parsed("cisco-style.xml");
        assertEquals(Map.of("1", List.of("sip:98765@198.51.100.71"), "2", List.of("sip:12345@198.51.100.71")),
                sendersByLabel(metadata));
        assertEquals("sip:12345@198.51.100.71", metadata.participants().get(0).aor(), "document order kept");
    }

    @Test
    void capitalisedDataModeAndAnyLabelTokenAreRead() {
        RecordingMetadata metadata = parse("<recording><dataMode>Partial</dataMode>"
                + "<stream stream_id='x'><label> 16777227 </label></stream>"
                + "<stream stream_id='y'><label>a_leg</label></stream><stream stream_id='z'><label>0</label></stream>"
                + "</recording>");
        assertEquals(DataMode.PARTIAL, metadata.dataMode());
        assertEquals(List.of("16777227", "a_leg", "0"), metadata.streams().stream().map(MediaStream::label).toList());
        assertEquals("x", metadata.streamLabelled("16777227").orElseThrow().id());
    }

    @Test
    void elementsWithoutIdsGetPositionalOnesAndUnnamedSessionsAreSkipped() {
        RecordingMetadata metadata = parse("<recording><session/><participant><aor>sip:a@x</aor><send>s</send>"
                + "</participant><stream id='s'><label>1</label></stream><stream><label>2</label></stream></recording>");
        assertTrue(metadata.sessions().isEmpty());
        assertEquals("participant-1", metadata.participants().get(0).id());
        assertEquals("stream-2", metadata.streams().get(1).id());
        assertEquals(Map.of("1", List.of("sip:a@x"), "2", List.of()), sendersByLabel(metadata));
    }

    @Test
    void aParticipantDeclaredTwiceIsOneParticipantWithEverythingSaid() {
        RecordingMetadata metadata = parse("<recording><participant participant_id='p'><nameID aor='sip:a@x'/></participant>"
                + "<participant participant_id='p'><nameID><name>A</name></nameID></participant>"
                + "<participantstreamassoc participant_id='p'><send>s1</send></participantstreamassoc>"
                + "<participantstreamassoc participant_id='p'><send>s2</send></participantstreamassoc></recording>");
        assertEquals(1, metadata.participants().size());
        assertEquals(List.of("sip:a@x"), metadata.participants().get(0).aors());
        assertEquals(List.of("A"), metadata.participants().get(0).names());
        assertEquals(List.of("s1", "s2"), metadata.association("p").orElseThrow().sends());
    }

    @Test
    void vendorValuesAreBoundedAndTheFirstOfANameWins() {
        StringBuilder xml = new StringBuilder("<recording><extensiondata>");
        for (int i = 0; i < 100; i++) {
            xml.append("<v").append(i).append(">x</v").append(i).append('>');
        }
        xml.append("<v0>second</v0><long>").append("y".repeat(1000)).append("</long></extensiondata></recording>");
        RecordingMetadata metadata = parse(xml.toString());
        assertEquals(SiprecLimits.DEFAULT.maxExtensionValues(), metadata.extensionData().size());
        assertEquals("x", metadata.extensionData().get("v0"));
    }

    private static RecordingMetadata parse(String xml) {
        Verdict<RecordingMetadata> verdict = new MetadataParser(SiprecLimits.DEFAULT)
                .parse(xml.getBytes(StandardCharsets.UTF_8));
        assertTrue(verdict.isAccepted(), verdict::toString);
        return verdict.value();
    }
}
