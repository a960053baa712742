package org.activerecorder.load;

/**
 * How the load tool's RTP leaves it. Either shape offers the recorder the same streams at the same instants; they
 * differ in what the tool's own sending costs, and so in how much of a shared machine it leaves to the recorder.
 */
public enum RtpSockets {
    /**
     * Each party from a socket of its own, connected to the recorder's port, one system call per packet: as a Media
     * Server sends, each stream from the port it offered. Costs the tool about 0.7-0.9 cores per 1,000 calls on the
     * 2-core machine of docs/performance.md (series BA).
     */
    PER_STREAM,
    /**
     * Every party of a pacing thread from that thread's one socket (the port every such party offers), each tick's
     * packets in one {@code sendmmsg(2)}, as the benchmark anchors' C sender does: the sending about 0.3 cores per
     * 1,000 calls, the whole tool 0.41-0.53 beside the server against 0.77-0.83 (series BA). For capacity runs, where
     * the tool must not take the cores it measures; Linux only.
     */
    SHARED;

    /** The option's spelling: per-stream, shared. */
    String option() {
        return name().toLowerCase().replace('_', '-');
    }

    static RtpSockets of(String option) {
        for (RtpSockets sockets : values()) {
            if (sockets.option().equals(option)) {
                return sockets;
            }
        }
        throw new IllegalArgumentException(option);
    }
}
