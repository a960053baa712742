package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.activerecorder.sip.siprec.Fixtures.parsed;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who is who: the recorded party on the left, every offered audio m-line on the side its sender belongs to. */
class ChannelRulesTest {

    private static final ChannelRules NO_DNS = new ChannelRules(RecordedDns.none());

    private static List<AudioLine> lines(String... labels) {
        List<AudioLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            lines.add(new AudioLine(i, labels[i]));
        }
        return lines;
    }

    private static List<Channel> channels(ChannelMap map) {
        return map.streams().stream().map(StreamChannel::channel).toList();
    }

    private static List<ChannelRule> rules(ChannelMap map) {
        return map.streams().stream().map(StreamChannel::rule).toList();
    }

    @Test
    void theConfiguredDnIsLeftWhereverItsStreamStands() {
        ChannelMap map = new ChannelRules(new RecordedDns(List.of("4711")))
                .assign(Optional.of(parsed("rfc8068-basic-call.xml")), lines("96", "97"));
        assertEquals(PartyRule.CONFIGURED_DN, map.partyRule());
        assertEquals("4711", map.matchedDn());
        assertEquals("sip:4711@pbx.example.com", map.recordedParty().orElseThrow().aor());
        assertEquals(List.of(Channel.RIGHT, Channel.LEFT), channels(map), "the agent sends 97, the second m-line");
        assertEquals(List.of(ChannelRule.METADATA, ChannelRule.METADATA), rules(map));
        assertEquals("sip:+15550100001@carrier.example.com",
                map.streams().get(0).sender().orElseThrow().aor());
    }

    @Test
    void withoutADnMatchTheFirstParticipantIsLeft() {
        ChannelMap map = NO_DNS.assign(Optional.of(parsed("rfc8068-basic-call.xml")), lines("96", "97"));
        assertEquals(PartyRule.FIRST_PARTICIPANT, map.partyRule());
        assertEquals(List.of(Channel.LEFT, Channel.RIGHT), channels(map));
    }

    @Test
    void channelsFollowTheMetadataNotTheMlineOrder() {
        ChannelMap map = NO_DNS.assign(Optional.of(parsed("cisco-style.xml")), lines("1", "2"));
        assertEquals("sip:12345@198.51.100.71", map.recordedParty().orElseThrow().aor(), "listed first");
        assertEquals(List.of(Channel.RIGHT, Channel.LEFT), channels(map),
                "the first participant sends label 2, the second m-line");
        ChannelMap swapped = NO_DNS.assign(Optional.of(parsed("cisco-style.xml")), lines("2", "1"));
        assertEquals(List.of(Channel.LEFT, Channel.RIGHT), channels(swapped));
    }

    @Test
    void withoutMetadataTheFirstAudioMlineIsLeftAndTheRecordingSaysSo() {
        ChannelMap map = new ChannelRules(new RecordedDns(List.of("4711"))).assign(Optional.empty(), lines("7", "", "9"));
        assertEquals(PartyRule.FIRST_MLINE, map.partyRule());
        assertEquals(Optional.empty(), map.recordedParty());
        assertEquals(List.of(Channel.LEFT, Channel.RIGHT, Channel.RIGHT), channels(map));
        assertEquals(List.of(ChannelRule.MLINE_ORDER, ChannelRule.MLINE_ORDER, ChannelRule.MLINE_ORDER), rules(map));
        assertEquals("recorded party unknown: no metadata names the participants; the first audio m-line\n"
                + "m-line 0 (label 7) -> left: no metadata about it; m-line order (first left, others right)\n"
                + "m-line 1 (no label) -> right: no metadata about it; m-line order (first left, others right)\n"
                + "m-line 2 (label 9) -> right: no metadata about it; m-line order (first left, others right)",
                map.explanation());
    }

    @Test
    void aLineTheMetadataDoesNotDescribeTakesTheFreeChannel() {
        ChannelMap map = NO_DNS.assign(Optional.of(parsed("join-initial.xml")), lines("", "10"));
        assertEquals(List.of(Channel.RIGHT, Channel.LEFT), channels(map));
        assertEquals(List.of(ChannelRule.ELIMINATION, ChannelRule.METADATA), rules(map));
    }

    @Test
    void severalUndescribedLinesFallBackToMlineOrder() {
        ChannelMap map = NO_DNS.assign(Optional.of(parsed("join-initial.xml")), lines("x", "10", "y"));
        assertEquals(List.of(Channel.LEFT, Channel.LEFT, Channel.RIGHT), channels(map));
        assertEquals(List.of(ChannelRule.MLINE_ORDER, ChannelRule.METADATA, ChannelRule.MLINE_ORDER), rules(map));
    }

    @Test
    void aMixedStreamIsLeftWhenTheRecordedPartyIsInIt() {
        ChannelMap map = new ChannelRules(new RecordedDns(List.of("07700900123")))
                .assign(Optional.of(parsed("legacy-broadworks.xml")), lines("5"));
        assertEquals(PartyRule.CONFIGURED_DN, map.partyRule());
        assertEquals(List.of(Channel.LEFT), channels(map));
        assertEquals(List.of(ChannelRule.MIXED_STREAM), rules(map));
        assertEquals("sip:07700900123@provider.example.com;user=phone", map.streams().get(0).sender().orElseThrow().aor());
    }

    @Test
    void anyLabelTokenWorks() {
        assertEquals(List.of(Channel.RIGHT, Channel.LEFT), channels(new ChannelRules(new RecordedDns(List.of("2001")))
                .assign(Optional.of(parsed("prefixed-root.xml")), lines("b_leg", "a_leg"))));
        assertEquals(List.of(Channel.LEFT, Channel.RIGHT), channels(NO_DNS.assign(Optional.of(parsed("no-namespace.xml")),
                lines("0", "1"))));
        assertEquals(List.of(Channel.RIGHT, Channel.LEFT), channels(NO_DNS.assign(
                Optional.of(parsed("prerfc-oracle-nameid.xml")), lines("16777228", "16777227"))));
    }

    @Test
    void aParticipantWhoseStreamIsNotOfferedYetIsStillTheRecordedParty() {
        ChannelMap map = NO_DNS.assign(Optional.of(parsed("rfc8068-basic-call.xml")), lines("97"));
        assertEquals("sip:+15550100001@carrier.example.com", map.recordedParty().orElseThrow().aor());
        assertEquals(List.of(Channel.RIGHT), channels(map));
    }

    @Test
    void theCalleeJoiningLaterAsAConfiguredDnBecomesTheRecordedParty() {
        ChannelRules rules = new ChannelRules(new RecordedDns(List.of("4711")));
        RecordingMetadata initial = parsed("join-initial.xml");
        ChannelMap first = rules.assign(Optional.of(initial), lines("10", "11"));
        assertEquals(PartyRule.FIRST_PARTICIPANT, first.partyRule(), "the agent is not there yet");
        assertEquals(List.of(Channel.LEFT, Channel.RIGHT), channels(first));
        RecordingMetadata joined = MetadataUpdate.apply(initial, parsed("join-update.xml"));
        ChannelMap after = rules.reassign(first, Optional.of(joined), lines("10", "11"));
        assertEquals("sip:4711@pbx.example.com", after.recordedParty().orElseThrow().aor(),
                "the first participant was a default; the configured DN is the rule");
        assertEquals(PartyRule.CONFIGURED_DN, after.partyRule());
        assertEquals("4711", after.matchedDn());
        assertEquals(List.of(Channel.RIGHT, Channel.LEFT), channels(after));
        assertEquals(List.of(ChannelRule.METADATA, ChannelRule.METADATA), rules(after));
    }

    @Test
    void aRecordedPartyChosenByAConfiguredDnStaysWhenAnotherJoins() {
        ChannelRules rules = new ChannelRules(new RecordedDns(List.of("+15550100003", "4711")));
        RecordingMetadata initial = parsed("join-initial.xml");
        ChannelMap first = rules.assign(Optional.of(initial), lines("10", "11"));
        assertEquals(PartyRule.CONFIGURED_DN, first.partyRule());
        ChannelMap after = rules.reassign(first, Optional.of(MetadataUpdate.apply(initial, parsed("join-update.xml"))),
                lines("10", "11"));
        assertEquals("tel:+15550100003", after.recordedParty().orElseThrow().aor());
        assertEquals(List.of(Channel.LEFT, Channel.RIGHT), channels(after));
    }

    @Test
    void theFirstParticipantStaysWhenACompleteDocumentListsAnotherFirst() {
        ChannelMap first = NO_DNS.assign(Optional.of(parsed("rfc8068-basic-call.xml")), lines("96", "97"));
        String reordered = Fixtures.utf8(Fixtures.metadata("rfc8068-basic-call.xml"));
        int caller = reordered.indexOf("<participant ");
        int callee = reordered.indexOf("<participant ", caller + 1);
        int end = reordered.indexOf("</participant>", callee) + "</participant>".length();
        reordered = reordered.substring(0, caller) + reordered.substring(callee, end)
                + reordered.substring(caller, callee) + reordered.substring(end);
        RecordingMetadata swapped = new MetadataParser(SiprecLimits.DEFAULT)
                .parse(reordered.getBytes(java.nio.charset.StandardCharsets.UTF_8)).value();
        assertEquals("sip:4711@pbx.example.com", swapped.participants().get(0).aor(), "the callee listed first now");

        ChannelMap after = NO_DNS.reassign(first, Optional.of(swapped), lines("96", "97"));
        assertEquals(first.recordedParty(), after.recordedParty());
        assertEquals(List.of(Channel.LEFT, Channel.RIGHT), channels(after));
    }

    @Test
    void aLineGuessedByMlineOrderFollowsTheAssociationWhenItArrives() {
        RecordingMetadata callerOnly = new MetadataParser(SiprecLimits.DEFAULT).parse("""
                <recording xmlns="urn:ietf:params:xml:ns:recording:1"><datamode>complete</datamode>
                <participant participant_id="caller"><nameID aor="tel:+15550100003"/></participant></recording>"""
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).value();
        ChannelMap first = NO_DNS.assign(Optional.of(callerOnly), lines("11", "10"));
        assertEquals(List.of(ChannelRule.MLINE_ORDER, ChannelRule.MLINE_ORDER), rules(first));
        assertEquals(List.of(Channel.LEFT, Channel.RIGHT), channels(first));

        ChannelMap after = NO_DNS.reassign(first,
                Optional.of(MetadataUpdate.apply(callerOnly, parsed("join-initial.xml"))), lines("11", "10"));
        assertEquals(List.of(Channel.RIGHT, Channel.LEFT), channels(after), "the caller sends label 10, the second line");
        assertEquals(List.of(ChannelRule.ELIMINATION, ChannelRule.METADATA), rules(after));
    }

    @Test
    void aStreamReassociatedByATransferKeepsItsChannelAndFirstSender() {
        ChannelRules rules = new ChannelRules(new RecordedDns(List.of("4711")));
        RecordingMetadata call = parsed("rfc8068-basic-call.xml");
        ChannelMap before = rules.assign(Optional.of(call), lines("96", "97"));
        RecordingMetadata transferred = MetadataUpdate.apply(call, parsed("rfc8068-transfer-partial.xml"));
        assertEquals("sip:4712@pbx.example.com", transferred.sendersOf(transferred.streamLabelled("97").orElseThrow()
                .id()).get(0).aor(), "the metadata says the second agent sends label 97 now");

        ChannelMap after = rules.reassign(before, Optional.of(transferred), lines("96", "97"));

        assertEquals("sip:4711@pbx.example.com", after.recordedParty().orElseThrow().aor(), "still the party recorded");
        assertEquals(List.of(Channel.RIGHT, Channel.LEFT), channels(after),
                "label 97 carried the recorded party so far: one stream, one channel");
        assertEquals(ChannelRule.KEPT, after.streams().get(1).rule());
        assertEquals("sip:4711@pbx.example.com", after.streams().get(1).sender().orElseThrow().aor());
        assertEquals(after, rules.reassign(after, Optional.of(transferred), lines("96", "97")), "and stays so");
    }

    @Test
    void aSessionDecidedByMlineOrderIsDecidedAfreshOnceMetadataArrives() {
        ChannelMap first = NO_DNS.assign(Optional.empty(), lines("96", "97"));
        ChannelMap after = new ChannelRules(new RecordedDns(List.of("4711")))
                .reassign(first, Optional.of(parsed("rfc8068-basic-call.xml")), lines("96", "97"));
        assertEquals(PartyRule.CONFIGURED_DN, after.partyRule());
        assertEquals(Optional.of(Channel.LEFT), after.channelOf(1));
        assertEquals(Optional.empty(), after.channelOf(5));
    }
}
