package org.activerecorder.domain.model.recording;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * What the media plane counted for one stream, stored with it when it ends. With the stream's gaps they make its
 * completeness record.
 *
 * @param packetsReceived       audio packets accepted into the recording
 * @param packetsMalformed      datagrams that were not valid RTP for this stream (dropped)
 * @param packetsForeign        datagrams from another source than the sender's (dropped)
 * @param packetsLate           packets that arrived after their place in the file was written (dropped)
 * @param packetsLost           packets the sequence numbers say were sent and that never arrived
 * @param packetsDuplicate      copies of packets already received (dropped)
 * @param samplesWritten        samples in the stream's file, silence included
 * @param packetsExpected       packets the sequence numbers say were sent (RFC 3550 A.3), over every source and restart
 * @param ssrcChanges           times the synchronisation source changed
 * @param sequenceRestarts      times the sequence numbers restarted under the same source
 * @param sourceMoves           times the sender moved to another address or port and was followed
 * @param comfortNoisePackets   comfort-noise packets (silence, not audio)
 * @param telephoneEventPackets telephone-event packets (key presses, kept apart from the audio)
 * @param timestampJumps        times the timestamps broke from the sequence and were re-anchored
 * @param kernelDrops           datagrams the recorder's kernel dropped on the stream's socket, its receive buffer being
 *                              full (0 where unknown): lost by the recorder, not the network; counted even where a gap
 *                              could not be put down to them alone
 */
@Embeddable
public record StreamStatistics(
        @Column(name = "packets_received") long packetsReceived,
        @Column(name = "packets_malformed") long packetsMalformed,
        @Column(name = "packets_foreign") long packetsForeign,
        @Column(name = "packets_late") long packetsLate,
        @Column(name = "packets_lost") long packetsLost,
        @Column(name = "packets_duplicate") long packetsDuplicate,
        @Column(name = "samples_written") long samplesWritten,
        @Column(name = "packets_expected") long packetsExpected,
        @Column(name = "ssrc_changes") long ssrcChanges,
        @Column(name = "sequence_restarts") long sequenceRestarts,
        @Column(name = "source_moves") long sourceMoves,
        @Column(name = "comfort_noise_packets") long comfortNoisePackets,
        @Column(name = "telephone_event_packets") long telephoneEventPackets,
        @Column(name = "timestamp_jumps") long timestampJumps,
        @Column(name = "kernel_drops") long kernelDrops) {

    public static final StreamStatistics NONE = new StreamStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Counters without kernel drops (none known). */
    public StreamStatistics(long packetsReceived, long packetsMalformed, long packetsForeign, long packetsLate,
                            long packetsLost, long packetsDuplicate, long samplesWritten, long packetsExpected,
                            long ssrcChanges, long sequenceRestarts, long sourceMoves, long comfortNoisePackets,
                            long telephoneEventPackets, long timestampJumps) {
        this(packetsReceived, packetsMalformed, packetsForeign, packetsLate, packetsLost, packetsDuplicate,
                samplesWritten, packetsExpected, ssrcChanges, sequenceRestarts, sourceMoves, comfortNoisePackets,
                telephoneEventPackets, timestampJumps, 0);
    }

    /** Packets the network lost: those missing less those the recorder's kernel dropped. */
    public long packetsLostOnNetwork() {
        return Math.max(0, packetsLost - kernelDrops);
    }

    /**
     * What is known of a stream the media plane never reported on: only the samples found in its file.
     */
    public static StreamStatistics onDisk(long samples) {
        return new StreamStatistics(0, 0, 0, 0, 0, 0, samples, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
