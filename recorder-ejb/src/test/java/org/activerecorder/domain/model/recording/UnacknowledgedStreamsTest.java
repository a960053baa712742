package org.activerecorder.domain.model.recording;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.activerecorder.domain.model.recording.RecordingFixture.AGENT;
import static org.activerecorder.domain.model.recording.RecordingFixture.CUSTOMER;
import static org.activerecorder.domain.model.recording.RecordingFixture.T0;
import static org.activerecorder.domain.model.recording.RecordingFixture.add;
import static org.activerecorder.domain.model.recording.RecordingFixture.end;
import static org.activerecorder.domain.model.recording.RecordingFixture.requested;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions answered but never acknowledged: only their streams that surely received nothing are dropped. */
class UnacknowledgedStreamsTest {

    private static StreamEnd nothing() {
        return end(null, StreamStatistics.NONE, StreamEndReason.REQUESTED);
    }

    @Test
    void anUnacknowledgedStreamThatReceivedNothingIsDroppedAndLeavesNoStream() {
        Recording recording = RecordingFixture.recording();
        RecordingStream stream = add(recording, "s1", AGENT, "sip-1", T0);
        stream.sessionUnacknowledged();
        assertEquals(List.of(), recording.dropUnacknowledgedSilentStreams(), "not while it is open");
        recording.streamEnded("s1", nothing(), T0.plusSeconds(32));

        assertEquals(List.of(stream), recording.dropUnacknowledgedSilentStreams());
        assertTrue(recording.hasNoStreams());
        assertFalse(recording.allStreamsEnded(), "nothing left to assemble");
    }

    @Test
    void anUnacknowledgedStreamThatReceivedMediaIsKept() {
        Recording recording = RecordingFixture.recording();
        add(recording, "s1", AGENT, "sip-1", T0).sessionUnacknowledged();
        recording.streamEnded("s1", requested(T0.plusMillis(40), 5), T0.plusSeconds(32));
        assertEquals(List.of(), recording.dropUnacknowledgedSilentStreams(), "a lost ACK must not lose speech");
        assertFalse(recording.hasNoStreams());
    }

    @Test
    void anyPacketOrAFirstPacketReportCountsAsMedia() {
        Recording recording = RecordingFixture.recording();
        RecordingStream reported = add(recording, "s1", AGENT, "sip-1", T0);
        reported.sessionUnacknowledged();
        reported.firstPacketArrived(T0.plusMillis(20));
        recording.streamEnded("s1", nothing(), T0.plusSeconds(32));
        RecordingStream comfortNoise = add(recording, "s2", CUSTOMER, "sip-2", T0);
        comfortNoise.sessionUnacknowledged();
        recording.streamEnded("s2", end(null, new StreamStatistics(0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0),
                StreamEndReason.REQUESTED), T0.plusSeconds(32));
        assertEquals(List.of(), recording.dropUnacknowledgedSilentStreams());
    }

    @Test
    void anAcknowledgedSilentStreamIsKeptAndSoIsTheOtherPartysRecording() {
        Recording recording = RecordingFixture.recording();
        add(recording, "agent", AGENT, "sip-1", T0);
        RecordingStream lost = add(recording, "customer", CUSTOMER, "sip-2", T0);
        lost.sessionUnacknowledged();
        recording.streamEnded("agent", nothing(), T0.plusSeconds(10));
        recording.streamEnded("customer", nothing(), T0.plusSeconds(32));

        assertEquals(List.of(lost), recording.dropUnacknowledgedSilentStreams(), "only the unacknowledged one");
        assertFalse(recording.hasNoStreams(), "the acknowledged session's stream stays, silent or not");
        assertEquals(List.of("agent"), recording.streams().stream().map(RecordingStream::id).toList());
    }
}
