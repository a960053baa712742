package org.activerecorder.application.events;

import org.activerecorder.domain.model.recording.CompletenessReason;
import org.activerecorder.domain.model.recording.CompletenessTotals;
import org.activerecorder.domain.model.recording.GapCause;
import org.activerecorder.domain.model.recording.Recording;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recording's completeness record, as events and the API show it: the packet counters of all its streams added
 * up, the silence of each cause, whether only one party was sent, and what was missing and why.
 *
 * @param packetsExpected    packets the senders' sequence numbers say were sent
 * @param packetsReceived    packets received and placed in the recording
 * @param packetsLost        packets that never arrived
 * @param packetsLate        packets that arrived too late to be placed
 * @param packetsDuplicate   copies received and dropped
 * @param ssrcChanges        times a sender changed its synchronisation source
 * @param sequenceRestarts   times a sender restarted its sequence numbers
 * @param sourceMoves        times a sender moved to another address or port and was followed
 * @param networkLossPercent (lost on the network + late) as a percentage of expected: packets the recorder's own
 *                           kernel dropped are not the network's
 * @param silenceMillis      milliseconds of silence in the streams' gaps per cause ({@code QUIET_SENDER},
 *                           {@code NETWORK_LOSS}, {@code SIGNALLED_PAUSE}, {@code RECORDER_FAILURE},
 *                           {@code SERVER_RESTART}, {@code RECEIVER_OVERFLOW}), every cause present
 * @param oneSided           whether only one party's audio was ever sent
 * @param reasons            what is missing and why; empty when everything is there
 * @param kernelDrops        packets the recorder's kernel dropped on the streams' sockets (full receive buffers)
 */
public record CompletenessSummary(long packetsExpected, long packetsReceived, long packetsLost, long packetsLate,
                                  long packetsDuplicate, long ssrcChanges, long sequenceRestarts, long sourceMoves,
                                  double networkLossPercent, Map<String, Long> silenceMillis, boolean oneSided,
                                  List<Reason> reasons, long kernelDrops) {

    /**
     * One finding about a recording's completeness.
     *
     * @param code        for machines, e.g. {@code STREAM_WRITE_FAILED}, {@code NETWORK_LOSS}, {@code ONE_SIDED}
     * @param explanation for a person: what is missing, why, and where to look
     */
    public record Reason(String code, String explanation) {
    }

    public static CompletenessSummary of(Recording recording) {
        CompletenessTotals totals = recording.totals();
        Map<String, Long> silence = new LinkedHashMap<>();
        for (GapCause cause : GapCause.values()) {
            silence.put(cause.name(), totals.silenceMillis().getOrDefault(cause, 0L));
        }
        return new CompletenessSummary(totals.packetsExpected(), totals.packetsReceived(), totals.packetsLost(),
                totals.packetsLate(), totals.packetsDuplicate(), totals.ssrcChanges(), totals.sequenceRestarts(),
                totals.sourceMoves(), Math.round(totals.networkLossPercent() * 1000) / 1000.0, silence,
                recording.oneSided(), reasons(recording), totals.kernelDrops());
    }

    public static List<Reason> reasons(Recording recording) {
        return recording.reasons().stream().map(CompletenessSummary::reason).toList();
    }

    private static Reason reason(CompletenessReason reason) {
        return new Reason(reason.code().name(), reason.explanation());
    }
}
