package org.activerecorder.domain.model.recording;

import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.activerecorder.domain.model.recording.RecordingFixture.T0;
import static org.activerecorder.domain.model.recording.RecordingFixture.add;
import static org.activerecorder.domain.model.recording.RecordingFixture.audio;
import static org.activerecorder.domain.model.recording.RecordingFixture.requested;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SIPREC session opened by m-line order learns later who is who: the recording's streams take their new party and
 * side (and so their channel at assembly), once; an assembled recording keeps its channels.
 */
class CorrectedPartiesTest {

    private static final Dn STAND_IN_RECORDED = new Dn("recorded-party");
    private static final Dn STAND_IN_OTHER = new Dn("other-party");
    private static final Dn AGENT = new Dn("4711");
    private static final Dn CUSTOMER = new Dn("5551234");

    /** Opened without metadata: the first m-line taken for the recorded party. */
    private final Recording recording = new Recording(RecordingFixture.recording().call(),
            new RecordingRequestId("rec-1"), STAND_IN_RECORDED,
            Map.of("siprec.channelRule", "FIRST_MLINE", "siprec.line.1", "m-line order"), T0);

    {
        add(recording, "line-1", STAND_IN_RECORDED, "sip-1", T0);
        add(recording, "line-2", STAND_IN_OTHER, "sip-1", T0);
    }

    private List<String> swap() {
        return recording.describeStreams(AGENT, List.of(
                        new StreamParty("line-1", CUSTOMER, StreamSide.OTHER_PARTY),
                        new StreamParty("line-2", AGENT, StreamSide.RECORDED_PARTY)),
                Map.of("siprec.channelRule", "CONFIGURED_DN", "siprec.recordedDn", "4711", "siprec.line.1", ""));
    }

    @Test
    void theStreamsTakeTheirNewPartiesAndTheLayoutFollows() {
        assertEquals(List.of("line-1"), ids(recording.channelLayout().left()));

        List<String> changes = swap();

        assertEquals(List.of("recorded DN recorded-party -> 4711",
                "stream line-1 recorded-party/RECORDED_PARTY -> 5551234/OTHER_PARTY",
                "stream line-2 other-party/OTHER_PARTY -> 4711/RECORDED_PARTY",
                "3 attribute(s) updated"), changes);
        assertEquals(AGENT, recording.recordDn());
        assertEquals(List.of("line-2"), ids(recording.channelLayout().left()), "the agent's line is left now");
        assertEquals(List.of("line-1"), ids(recording.channelLayout().right()));
        assertEquals(CUSTOMER, recording.stream("line-1").orElseThrow().dn());
        assertEquals(Map.of("siprec.channelRule", "CONFIGURED_DN", "siprec.recordedDn", "4711"),
                recording.attributes(), "set, and the emptied one removed");
    }

    @Test
    void theSameDescriptionAgainChangesNothing() {
        swap();
        assertEquals(List.of(), swap());
        assertEquals(List.of("line-2"), ids(recording.channelLayout().left()));
    }

    @Test
    void aStreamThatEndedBeforeTheCorrectionStillFollowsItAtAssembly() {
        recording.streamEnded("line-1", requested(T0, 5), T0.plusSeconds(5));
        swap();
        assertEquals(StreamSide.OTHER_PARTY, recording.stream("line-1").orElseThrow().side());
    }

    @Test
    void anAssembledRecordingKeepsItsChannelsButHearsTheSameDescriptionQuietly() {
        recording.streamEnded("line-1", requested(T0, 5), T0.plusSeconds(5));
        recording.streamEnded("line-2", requested(T0, 5), T0.plusSeconds(5));
        recording.complete(audio(T0, Duration.ofSeconds(5)), Set.of(), CompletenessPolicy.defaults(),
                T0.plusSeconds(6));

        IllegalRecordingStateException refused = assertThrows(IllegalRecordingStateException.class, this::swap);
        assertTrue(refused.getMessage().contains("keeps its channels"), refused.getMessage());
        assertEquals(StreamSide.RECORDED_PARTY, recording.stream("line-1").orElseThrow().side());
        assertEquals(STAND_IN_RECORDED, recording.recordDn());
        assertFalse(recording.attributes().containsKey("siprec.recordedDn"));

        assertEquals(List.of(), recording.describeStreams(STAND_IN_RECORDED, List.of(
                new StreamParty("line-1", STAND_IN_RECORDED, StreamSide.RECORDED_PARTY)), Map.of()),
                "nothing to change is no error");
    }

    @Test
    void aStreamOfAnotherRecordingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> recording.describeStreams(AGENT,
                List.of(new StreamParty("elsewhere", AGENT, StreamSide.RECORDED_PARTY)), Map.of()));
        assertEquals(STAND_IN_RECORDED, recording.recordDn(), "nothing changed");
    }

    private static List<String> ids(List<RecordingStream> streams) {
        return streams.stream().map(RecordingStream::id).toList();
    }
}
