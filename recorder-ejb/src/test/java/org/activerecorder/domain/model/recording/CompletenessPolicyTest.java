package org.activerecorder.domain.model.recording;

import org.activerecorder.domain.model.recording.CompletenessReason.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.activerecorder.domain.model.recording.RecordingFixture.AGENT;
import static org.activerecorder.domain.model.recording.RecordingFixture.CUSTOMER;
import static org.activerecorder.domain.model.recording.RecordingFixture.T0;
import static org.activerecorder.domain.model.recording.RecordingFixture.add;
import static org.activerecorder.domain.model.recording.RecordingFixture.clean;
import static org.activerecorder.domain.model.recording.RecordingFixture.end;
import static org.activerecorder.domain.model.recording.RecordingFixture.requested;
import static org.activerecorder.domain.model.recording.RecordingFixture.statistics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletenessPolicyTest {

    private final CompletenessPolicy policy = new CompletenessPolicy(1.0, Duration.ofSeconds(30));
    private final Recording recording = RecordingFixture.recording();

    private List<CompletenessReason> judge(StreamEnd agent, StreamEnd customer, Set<String> missing) {
        add(recording, "agent", AGENT, "call-a", T0);
        add(recording, "customer", CUSTOMER, "call-b", T0);
        recording.streamEnded("agent", agent, T0.plusSeconds(10));
        recording.streamEnded("customer", customer, T0.plusSeconds(10));
        return policy.reasons(recording, missing);
    }

    private static List<Code> codes(List<CompletenessReason> reasons) {
        return reasons.stream().map(CompletenessReason::code).toList();
    }

    @Test
    void everythingThereIsCompletedWithNothingToSay() {
        List<CompletenessReason> reasons = judge(requested(T0, 10), requested(T0, 10), Set.of());

        assertEquals(List.of(), reasons);
        assertEquals(RecordingState.COMPLETED, CompletenessPolicy.verdict(reasons));
    }

    @Test
    void aSenderThatWentQuietWithoutByeLosesNothingOfOurs() {
        List<CompletenessReason> reasons = judge(requested(T0, 10),
                end(T0, clean(4), StreamEndReason.NO_MEDIA), Set.of());

        assertEquals(RecordingState.COMPLETED, CompletenessPolicy.verdict(reasons));
    }

    @ParameterizedTest
    @CsvSource({
            "WRITE_FAILED, STREAM_WRITE_FAILED, recordings folder",
            "RECEIVE_FAILED, STREAM_RECEIVE_FAILED, socket",
            "ADAPTER_STOPPED, SERVER_STOPPED, stopped",
            "RECOVERED_AT_START, SERVER_CRASHED, stopped unexpectedly",
            "NOT_IN_MEDIA_PLANE, STREAM_LOST_BY_MEDIA_PLANE, RTP adapter"})
    void aStreamEndedByUsBeforeTheCallMakesItIncomplete(StreamEndReason reason, Code code, String hint) {
        List<CompletenessReason> reasons = judge(end(T0, clean(83), reason), requested(T0, 100), Set.of());

        assertEquals(List.of(code), codes(reasons));
        assertEquals(RecordingState.INCOMPLETE, CompletenessPolicy.verdict(reasons));
        String explanation = reasons.get(0).explanation();
        assertTrue(explanation.contains("DN 1001") && explanation.contains("1:23") && explanation.contains(hint),
                explanation);
    }

    @Test
    void packetsTheRecordersKernelDroppedAreOurLossNotTheNetworks() {
        // 100 of 1,000 packets missing, all dropped by the kernel on the recorder's socket: 2 s of overflow gaps
        StreamStatistics dropped = new StreamStatistics(900, 0, 0, 0, 100, 0, 80_000, 1000, 0, 0, 0, 0, 0, 0, 100);
        StreamEnd agent = new StreamEnd(T0, dropped, StreamEndReason.REQUESTED,
                RecordingFixture.gaps(new StreamGap(8_000, 16_000, GapCause.RECEIVER_OVERFLOW)));

        List<CompletenessReason> reasons = judge(agent, requested(T0, 10), Set.of());

        assertEquals(List.of(Code.RECEIVER_OVERFLOW), codes(reasons), "no network loss: the network lost nothing");
        assertEquals(RecordingState.INCOMPLETE, CompletenessPolicy.verdict(reasons));
        String explanation = reasons.get(0).explanation();
        assertTrue(explanation.contains("2000 ms") && explanation.contains("100 packets")
                && explanation.contains("receiveBufferBytes"), explanation);
        assertEquals(0, recording.totals().networkLossPercent());
        assertEquals(100, recording.totals().kernelDrops());
    }

    @Test
    void packetsThatArrivedAndWereNotDecodedAreOurLoss() {
        // every packet arrived; 62 of them (1,240 ms at 8 kHz, in two stretches) were not decoded in time
        StreamEnd agent = new StreamEnd(T0, statistics(1000, 0, 0, 160_000), StreamEndReason.REQUESTED,
                RecordingFixture.gaps(new StreamGap(16_000, 8_000, GapCause.RECORDER_FAILURE),
                        new StreamGap(80_000, 1_920, GapCause.RECORDER_FAILURE)));

        List<CompletenessReason> reasons = judge(agent, requested(T0, 10), Set.of());

        assertEquals(List.of(Code.AUDIO_NOT_DECODED), codes(reasons), "the network lost nothing");
        assertEquals(RecordingState.INCOMPLETE, CompletenessPolicy.verdict(reasons));
        String explanation = reasons.get(0).explanation();
        assertTrue(explanation.contains("1240 ms") && explanation.contains("undecoded=")
                && explanation.contains("recorder_rtp_packets_undecoded_total"), explanation);
    }

    @Test
    void aFailedStreamsGapIsExplainedByItsEndNotAsUndecodedAudio() {
        StreamEnd agent = new StreamEnd(T0, statistics(500, 0, 0, 80_000), StreamEndReason.WRITE_FAILED,
                RecordingFixture.gaps(new StreamGap(40_000, 40_000, GapCause.RECORDER_FAILURE)));

        assertEquals(List.of(Code.STREAM_WRITE_FAILED), codes(judge(agent, requested(T0, 10), Set.of())));
    }

    @Test
    void kernelDropsThatCoverNoWholeHoleStillTakeTheirShareOffTheNetworksLoss() {
        // 30 missing, 10 of them the kernel's (the gaps said NETWORK_LOSS): 20 lost on the network
        StreamStatistics mixed = new StreamStatistics(970, 0, 0, 0, 30, 0, 80_000, 1000, 0, 0, 0, 0, 0, 0, 10);

        List<CompletenessReason> reasons = judge(end(T0, mixed, StreamEndReason.REQUESTED), requested(T0, 10),
                Set.of());

        assertEquals(List.of(Code.NETWORK_LOSS), codes(reasons));
        assertEquals(100.0 * 20 / 1500, recording.totals().networkLossPercent(), 1e-9,
                "20 of the 1,500 expected over both streams, not 30");
        assertTrue(reasons.get(0).explanation().contains("(20 lost"), reasons.get(0).explanation());
    }

    @Test
    void aMissingStreamFileMakesItIncomplete() {
        List<CompletenessReason> reasons = judge(requested(T0, 10), requested(T0, 10), Set.of("customer"));

        assertEquals(List.of(Code.STREAM_FILE_MISSING), codes(reasons));
        assertTrue(reasons.get(0).explanation().contains("customer.wav"), reasons.get(0).explanation());
        assertEquals(RecordingState.INCOMPLETE, CompletenessPolicy.verdict(reasons));
    }

    @Test
    void networkLossUpToTheToleranceIsCompletedAndBeyondItIncomplete() {
        // 1,000 packets expected over both streams; the tolerance is 1 %
        List<CompletenessReason> atTolerance = judge(
                end(T0, statistics(500, 6, 0, 80_000), StreamEndReason.REQUESTED),
                end(T0, statistics(500, 2, 2, 80_000), StreamEndReason.REQUESTED), Set.of());
        assertEquals(RecordingState.COMPLETED, CompletenessPolicy.verdict(atTolerance), "10 of 1,000 is 1 %");

        Recording another = RecordingFixture.recording();
        add(another, "agent", AGENT, "call-a", T0);
        add(another, "customer", CUSTOMER, "call-b", T0);
        another.streamEnded("agent", end(T0, statistics(500, 6, 0, 80_000), StreamEndReason.REQUESTED), T0);
        another.streamEnded("customer", end(T0, statistics(500, 2, 3, 80_000), StreamEndReason.REQUESTED), T0);
        List<CompletenessReason> beyond = policy.reasons(another, Set.of());

        assertEquals(List.of(Code.NETWORK_LOSS), codes(beyond), "11 of 1,000, late packets counted: over 1 %");
        assertEquals(RecordingState.INCOMPLETE, CompletenessPolicy.verdict(beyond));
        assertTrue(beyond.get(0).explanation().contains("1.10 %")
                && beyond.get(0).explanation().contains("recorder.loss-tolerance-percent"), beyond.get(0).explanation());
    }

    @Test
    void aStreamWithNothingExpectedLosesNothing() {
        List<CompletenessReason> reasons = judge(end(null, StreamStatistics.NONE, StreamEndReason.REQUESTED),
                requested(T0, 10), Set.of());

        assertEquals(List.of(), reasons);
    }

    @Test
    void oneSidedIsSaidButIsNotALoss() {
        add(recording, "agent", AGENT, "call-a", T0);
        recording.streamEnded("agent", requested(T0, 10), T0.plusSeconds(10));

        List<CompletenessReason> reasons = policy.reasons(recording, Set.of());

        assertEquals(List.of(Code.ONE_SIDED), codes(reasons));
        assertEquals(RecordingState.COMPLETED, CompletenessPolicy.verdict(reasons));
        assertTrue(reasons.get(0).explanation().contains("DN 1001")
                && reasons.get(0).explanation().contains("30 s"), reasons.get(0).explanation());
    }

    @Test
    void everyFindingIsListedInTheOrderOfTheStreams() {
        List<CompletenessReason> reasons = judge(end(T0, statistics(500, 100, 0, 80_000), StreamEndReason.WRITE_FAILED),
                requested(T0, 10), Set.of("agent", "customer"));

        assertEquals(List.of(Code.STREAM_WRITE_FAILED, Code.STREAM_FILE_MISSING, Code.STREAM_FILE_MISSING,
                Code.NETWORK_LOSS), codes(reasons));
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThrows(IllegalArgumentException.class, () -> new CompletenessPolicy(-1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new CompletenessPolicy(Double.NaN, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new CompletenessPolicy(1, Duration.ofSeconds(-1)));
    }
}
