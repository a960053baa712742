package org.activerecorder.domain.model.recording;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A recording's completeness in numbers: the packet counters of all its streams added up, and how much silence of
 * each cause their gaps hold (gaps a stream could not list are not in these sums; its {@code gapsOmitted} says how
 * many).
 *
 * @param kernelDrops          datagrams the recorder's kernel dropped on the streams' sockets (full receive buffers)
 * @param packetsLostOnNetwork packets missing less those kernel drops, stream by stream
 */
public record CompletenessTotals(long packetsExpected, long packetsReceived, long packetsLost, long packetsLate,
                                 long packetsDuplicate, long ssrcChanges, long sequenceRestarts, long sourceMoves,
                                 Map<GapCause, Long> silenceMillis, long kernelDrops, long packetsLostOnNetwork) {

    public CompletenessTotals {
        silenceMillis = Collections.unmodifiableMap(new EnumMap<>(silenceMillis));
    }

    public static CompletenessTotals of(List<RecordingStream> streams) {
        long expected = 0;
        long received = 0;
        long lost = 0;
        long late = 0;
        long duplicate = 0;
        long ssrcChanges = 0;
        long restarts = 0;
        long moves = 0;
        long kernelDrops = 0;
        long lostOnNetwork = 0;
        Map<GapCause, Long> silence = new EnumMap<>(GapCause.class);
        for (GapCause cause : GapCause.values()) {
            silence.put(cause, 0L);
        }
        for (RecordingStream stream : streams) {
            StreamStatistics s = stream.statistics();
            expected += s.packetsExpected();
            received += s.packetsReceived();
            lost += s.packetsLost();
            late += s.packetsLate();
            duplicate += s.packetsDuplicate();
            ssrcChanges += s.ssrcChanges();
            restarts += s.sequenceRestarts();
            moves += s.sourceMoves();
            kernelDrops += s.kernelDrops();
            lostOnNetwork += s.packetsLostOnNetwork();
            for (GapCause cause : GapCause.values()) {
                silence.merge(cause, stream.silenceMillis(cause), Long::sum);
            }
        }
        return new CompletenessTotals(expected, received, lost, late, duplicate, ssrcChanges, restarts, moves, silence,
                kernelDrops, lostOnNetwork);
    }

    /**
     * The audio the network cost, as a percentage of the packets the sender sent (0 when none were expected): packets
     * that never arrived and packets that arrived too late to be placed (the media plane counts a late packet as
     * received, not lost, but its audio is silence all the same). Packets the recorder's own kernel dropped are not
     * the network's: each stream's missing packets count less its kernel drops.
     */
    public double networkLossPercent() {
        return packetsExpected == 0 ? 0 : 100.0 * (packetsLostOnNetwork + packetsLate) / packetsExpected;
    }
}
