package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiprecStateTest {
    private static final ChannelRules RULES = new ChannelRules(new RecordedDns(List.of("4711")));
    private static final List<AudioLine> LINES = List.of(new AudioLine(0, "10"), new AudioLine(1, "11"));

    private static SiprecState initial() {
        Optional<RecordingMetadata> metadata = Optional.of(Fixtures.parsed("join-initial.xml"));
        return new SiprecState(metadata, LINES, RULES.assign(metadata, LINES));
    }

    @Test
    void theCalleeJoiningLaterAsTheConfiguredDnIsLoggedAndSwapsTheChannels() {
        SiprecState state = initial();
        assertEquals(List.of(Channel.LEFT, Channel.RIGHT), channels(state.channels()));

        SiprecState.Change change = state.updatedBy(Fixtures.parsed("join-update.xml"), RULES);

        assertEquals(2, change.state().metadata().orElseThrow().participants().size(), "merged, not replaced");
        assertEquals(List.of(Channel.RIGHT, Channel.LEFT), channels(change.state().channels()),
                "the callee is the configured DN: the recorded party now");
        assertEquals("participant sip:4711@pbx.example.com joined", change.changes().get(0));
        assertTrue(change.changes().get(1).startsWith("now m-line 0 (label 10) from tel:+15550100003 -> right"),
                change.changes().toString());
        assertTrue(change.changes().get(1).endsWith("(was left; the recording follows)"), change.changes().toString());
        assertTrue(change.changes().get(2).startsWith("now m-line 1 (label 11) from sip:4711@pbx.example.com -> left"),
                change.changes().toString());
    }

    @Test
    void anUpdateThatChangesNothingSaysSo() {
        SiprecState state = initial();
        SiprecState.Change change = state.updatedBy(Fixtures.parsed("join-initial.xml"), RULES);
        assertEquals(List.of("no change of participants or channels"), change.changes());
    }

    private static List<Channel> channels(ChannelMap map) {
        return map.streams().stream().map(StreamChannel::channel).toList();
    }
}
