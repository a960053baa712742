package org.activerecorder.domain.model.recording;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final StreamStatistics STATS = new StreamStatistics(250, 0, 0, 0, 0, 0, 40000);

    private final Recording recording = new Recording(new Call(new CallUuid("CALL1"), T0),
            new RecordingRequestId("rec-1"), new Dn("1001"), Map.of("tenant", "Environment"), T0);

    @Test
    void theRecordedDnsStreamIsTheRecordedPartyAndTheOtherIsNot() {
        RecordingStream agent = recording.addStream("s1", new Dn("1001"), "call-a", "PCMU", 0, null, "a.wav", T0);
        RecordingStream customer = recording.addStream("s2", new Dn("5551234"), "call-b", "PCMA", 8, null, "b.wav", T0);

        assertEquals(StreamSide.RECORDED_PARTY, agent.side());
        assertEquals(StreamSide.OTHER_PARTY, customer.side());
    }

    @Test
    void completesOnlyWhenEveryStreamHasEnded() {
        recording.addStream("s1", new Dn("1001"), "call-a", "PCMU", 0, null, "a.wav", T0);
        recording.addStream("s2", new Dn("2002"), "call-b", "PCMU", 0, null, "b.wav", T0);

        assertFalse(recording.streamEnded("s1", T0, STATS, "REQUESTED", T0.plusSeconds(5)));
        assertThrows(IllegalRecordingStateException.class,
                () -> recording.complete("r.wav", Duration.ofSeconds(5), "00", T0.plusSeconds(5)));
        assertTrue(recording.streamEnded("s2", T0, STATS, "REQUESTED", T0.plusSeconds(5)));

        recording.complete("r.wav", Duration.ofSeconds(5), "abc", T0.plusSeconds(6));
        assertEquals(RecordingState.COMPLETED, recording.state());
        assertEquals(5000, recording.duration().orElseThrow().toMillis());
    }

    @Test
    void aFinishedRecordingTakesNoMoreStreamsAndCannotFinishTwice() {
        recording.addStream("s1", new Dn("1001"), "call-a", "PCMU", 0, null, "a.wav", T0);
        recording.streamEnded("s1", T0, STATS, "REQUESTED", T0);
        recording.complete("r.wav", Duration.ofSeconds(1), "abc", T0);

        assertThrows(IllegalRecordingStateException.class,
                () -> recording.addStream("s3", new Dn("1001"), "call-c", "PCMU", 0, null, "c.wav", T0));
        assertThrows(IllegalRecordingStateException.class, () -> recording.fail("late", T0));
        assertFalse(recording.streamEnded("s1", T0, STATS, "REQUESTED", T0), "a finished recording is not finished again");
    }

    @Test
    void theFirstReportOfTheFirstPacketWinsAndAStreamEndsOnce() {
        RecordingStream stream = recording.addStream("s1", new Dn("1001"), "c", "PCMU", 0, null, "a.wav", T0);
        stream.firstPacketArrived(T0.plusMillis(20));
        recording.streamEnded("s1", T0.plusMillis(40), STATS, "REQUESTED", T0.plusSeconds(1));
        recording.streamEnded("s1", T0.plusMillis(60), StreamStatistics.NONE, "ADAPTER_STOPPED", T0.plusSeconds(2));

        assertEquals(T0.plusMillis(20), stream.firstPacketAt());
        assertEquals(STATS, stream.statistics());
        assertEquals("REQUESTED", stream.endReason());
    }

    @Test
    void anUnknownStreamCannotEnd() {
        assertThrows(IllegalArgumentException.class,
                () -> recording.streamEnded("nope", T0, STATS, "REQUESTED", T0));
    }
}
