package org.activerecorder.rtp.adapter.metrics;

import org.activerecorder.rtp.api.StreamStatistics;

/**
 * Stream counters summed over many streams. Confined to one thread (a receive loop keeps one for the streams it has
 * closed, and sums its open streams into a copy when asked), so plain fields: added to once per closed stream and
 * once per open stream per scrape, never per packet.
 */
public final class StreamTotals {

    private long received;
    private long malformed;
    private long foreign;
    private long late;
    private long lost;
    private long duplicates;
    private long samplesWritten;
    private long expected;
    private long ssrcChanges;
    private long sequenceRestarts;
    private long sourceMoves;
    private long comfortNoise;
    private long telephoneEvents;
    private long timestampJumps;
    private long kernelDrops;
    private long undecoded;

    /** Adds one stream's counters. */
    public void add(StreamStatistics stream) {
        received += stream.packetsReceived();
        malformed += stream.packetsMalformed();
        foreign += stream.packetsForeign();
        late += stream.packetsLate();
        lost += stream.packetsLost();
        duplicates += stream.packetsDuplicate();
        samplesWritten += stream.samplesWritten();
        expected += stream.packetsExpected();
        ssrcChanges += stream.ssrcChanges();
        sequenceRestarts += stream.sequenceRestarts();
        sourceMoves += stream.sourceMoves();
        comfortNoise += stream.comfortNoisePackets();
        telephoneEvents += stream.telephoneEventPackets();
        timestampJumps += stream.timestampJumps();
        kernelDrops += stream.kernelDrops();
        undecoded += stream.packetsUndecoded();
    }

    /**
     * Adds datagrams that belonged to no stream: those on a port shared by a group of streams that none of them took
     * (a stream's own foreign datagrams are in its counters).
     */
    public void addForeign(long datagrams) {
        foreign += datagrams;
    }

    /**
     * Adds kernel drops that no stream's record took: those of a socket a group of streams shares that neither a hole
     * nor a stream's end was given (a stream's own socket's are in its counters).
     */
    public void addKernelDrops(long drops) {
        kernelDrops += drops;
    }

    /** A copy to add more streams to, leaving these totals as they are. */
    public StreamTotals copy() {
        StreamTotals copy = new StreamTotals();
        copy.add(toStatistics());
        return copy;
    }

    public StreamStatistics toStatistics() {
        return new StreamStatistics(received, malformed, foreign, late, lost, duplicates, samplesWritten, expected,
                ssrcChanges, sequenceRestarts, sourceMoves, comfortNoise, telephoneEvents, timestampJumps,
                kernelDrops, undecoded);
    }

    /** The sum of some totals (the loops'). */
    public static StreamStatistics sum(Iterable<StreamStatistics> parts) {
        StreamTotals sum = new StreamTotals();
        for (StreamStatistics part : parts) {
            sum.add(part);
        }
        return sum.toStatistics();
    }
}
