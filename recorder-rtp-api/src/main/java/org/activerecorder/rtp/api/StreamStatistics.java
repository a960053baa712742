package org.activerecorder.rtp.api;

/**
 * Per-stream counters, kept by the adapter in plain fields and reported when the stream ends. With the stream's
 * {@link StreamTimeline} they make its completeness record.
 *
 * @param packetsReceived       RTP audio packets accepted into the recording (while paused too: their audio is
 *                              silenced, but they were received)
 * @param packetsMalformed      datagrams that were not valid RTP, carried an unexpected payload type, or an
 *                              implausible timestamp (dropped)
 * @param packetsForeign        datagrams from a host not allowed, or from another source than the latched one that
 *                              never became the source (dropped)
 * @param packetsLate           packets that arrived after their place in the file was already written (dropped)
 * @param packetsLost           packets expected by sequence number and never received (their span is silence)
 * @param packetsDuplicate      packets received more than once (the copies are dropped)
 * @param samplesWritten        audio samples in the stream's file, silence included
 * @param packetsExpected       packets the sequence numbers say were sent, summed over every source and restart
 *                              (RFC 3550 A.3), telephone-event and comfort-noise packets included
 * @param ssrcChanges           times the synchronisation source changed
 * @param sequenceRestarts      times the sequence numbers restarted under the same source (RFC 3550 A.1)
 * @param sourceMoves           times the sender moved to another address or port and the stream re-latched
 * @param comfortNoisePackets   comfort-noise packets (RFC 3389, payload type 13): silence, not audio
 * @param telephoneEventPackets telephone-event packets (RFC 4733): DTMF, kept apart from the audio
 * @param timestampJumps        times the timestamps broke from the sequence and the wall clock and were re-anchored
 * @param kernelDrops           datagrams the kernel dropped on the stream's RTP socket while the stream was recorded,
 *                              its receive buffer being full (Linux's per-socket {@code drops}; 0 where unknown):
 *                              counted here even when a gap could not be put down to them alone
 * @param packetsUndecoded      packets of a codec decoded off the receive loop (Opus) received but written as
 *                              silence: the decoder threw, was too far behind to take them, or finished them after
 *                              their place was written (each a recorder failure gap); always 0 for the others
 */
public record StreamStatistics(long packetsReceived, long packetsMalformed, long packetsForeign, long packetsLate,
                               long packetsLost, long packetsDuplicate, long samplesWritten,
                               long packetsExpected, long ssrcChanges, long sequenceRestarts, long sourceMoves,
                               long comfortNoisePackets, long telephoneEventPackets, long timestampJumps,
                               long kernelDrops, long packetsUndecoded) {

    public static final StreamStatistics NONE = new StreamStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Counters without undecoded packets (a codec decoded on the loop). */
    public StreamStatistics(long packetsReceived, long packetsMalformed, long packetsForeign, long packetsLate,
                            long packetsLost, long packetsDuplicate, long samplesWritten,
                            long packetsExpected, long ssrcChanges, long sequenceRestarts, long sourceMoves,
                            long comfortNoisePackets, long telephoneEventPackets, long timestampJumps,
                            long kernelDrops) {
        this(packetsReceived, packetsMalformed, packetsForeign, packetsLate, packetsLost, packetsDuplicate,
                samplesWritten, packetsExpected, ssrcChanges, sequenceRestarts, sourceMoves, comfortNoisePackets,
                telephoneEventPackets, timestampJumps, kernelDrops, 0);
    }

    /** Counters without kernel drops (none known). */
    public StreamStatistics(long packetsReceived, long packetsMalformed, long packetsForeign, long packetsLate,
                            long packetsLost, long packetsDuplicate, long samplesWritten,
                            long packetsExpected, long ssrcChanges, long sequenceRestarts, long sourceMoves,
                            long comfortNoisePackets, long telephoneEventPackets, long timestampJumps) {
        this(packetsReceived, packetsMalformed, packetsForeign, packetsLate, packetsLost, packetsDuplicate,
                samplesWritten, packetsExpected, ssrcChanges, sequenceRestarts, sourceMoves, comfortNoisePackets,
                telephoneEventPackets, timestampJumps, 0, 0);
    }

    /** Lost packets as a fraction of those expected (0 when none were expected). */
    public double lossRatio() {
        return packetsExpected == 0 ? 0 : (double) packetsLost / packetsExpected;
    }

    /**
     * Whether its sender sent anything at all: audio, comfort noise, a key press, or packets expected by sequence.
     * Malformed and foreign datagrams do not count: they are not the session's media.
     */
    public boolean receivedMedia() {
        return packetsReceived > 0 || comfortNoisePackets > 0 || telephoneEventPackets > 0 || packetsExpected > 0;
    }
}
