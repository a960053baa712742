package org.activerecorder.domain.model.recording;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.activerecorder.domain.model.recording.RecordingFixture.AGENT;
import static org.activerecorder.domain.model.recording.RecordingFixture.CUSTOMER;
import static org.activerecorder.domain.model.recording.RecordingFixture.T0;
import static org.activerecorder.domain.model.recording.RecordingFixture.add;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelLayoutTest {

    private final Recording recording = RecordingFixture.recording();

    private static List<String> ids(List<RecordingStream> streams) {
        return streams.stream().map(RecordingStream::id).toList();
    }

    @Test
    void theRecordedPartyIsLeftAndTheOtherRight() {
        add(recording, "customer", CUSTOMER, "call-b", T0);
        add(recording, "agent", AGENT, "call-a", T0.plusMillis(5));

        ChannelLayout layout = recording.channelLayout();

        assertEquals(List.of("agent"), ids(layout.left()));
        assertEquals(List.of("customer"), ids(layout.right()));
        assertFalse(layout.oneSided());
    }

    @Test
    void everyStreamOfAPartyGoesToItsChannelInOrderOfOpening() {
        add(recording, "agent-2", AGENT, "call-a", T0.plusSeconds(30));
        add(recording, "agent-1", AGENT, "call-a", T0);
        add(recording, "customer-1", CUSTOMER, "call-b", T0);
        add(recording, "customer-2", CUSTOMER, "call-c", T0.plusSeconds(40));

        ChannelLayout layout = recording.channelLayout();

        assertEquals(List.of("agent-1", "agent-2"), ids(layout.left()));
        assertEquals(List.of("customer-1", "customer-2"), ids(layout.right()));
    }

    @Test
    void aSecondStreamOfTheSameSessionIsTheSamePartyNotThePartner() {
        add(recording, "agent-1", AGENT, "call-a", T0);
        add(recording, "agent-2", AGENT, "call-a", T0.plusSeconds(30));

        ChannelLayout layout = recording.channelLayout();

        assertEquals(List.of("agent-1", "agent-2"), ids(layout.left()));
        assertTrue(layout.oneSided());
        assertEquals(layout.left(), layout.presentSide());
    }

    @Test
    void twoSessionsThatBothClaimTheRecordedDnAreSplitBySession() {
        add(recording, "first", AGENT, "call-a", T0);
        add(recording, "second", AGENT, "call-b", T0.plusMillis(10));
        add(recording, "first-again", AGENT, "call-a", T0.plusSeconds(20));

        ChannelLayout layout = recording.channelLayout();

        assertEquals(List.of("first", "first-again"), ids(layout.left()));
        assertEquals(List.of("second"), ids(layout.right()));
        assertFalse(layout.oneSided());
    }

    @Test
    void twoSessionsOfOtherPartiesOnlyAreSplitTheOtherWayRound() {
        add(recording, "first", CUSTOMER, "call-a", T0);
        add(recording, "second", new org.activerecorder.domain.model.Dn("2002"), "call-b", T0.plusMillis(10));

        ChannelLayout layout = recording.channelLayout();

        assertEquals(List.of("second"), ids(layout.left()));
        assertEquals(List.of("first"), ids(layout.right()));
    }
}
