package org.activerecorder.rtp.adapter.metrics;

import java.util.Optional;

/**
 * Whether the process's open-files limit lets the adapter use its whole port range, and what to raise if not.
 *
 * <p>Every stream holds three descriptors (its RTP socket, its RTCP socket and its audio file; two when RTCP is
 * multiplexed on the RTP port, which the budget does not count on: the offer decides it). The server holds
 * what it holds once the adapter's loops run (jars, the database, SIP and HTTP sockets, the loops' selectors) and
 * some more under load, which {@link #HEADROOM} allows for. A limit too low for the range would otherwise show only at
 * the busiest hour, as opens refused for want of descriptors.
 *
 * @param max        the soft limit ({@code ulimit -n}); -1 if unknown
 * @param openNow    descriptors open once the receive loops run, before any stream; -1 if unknown
 * @param portPairs  RTP/RTCP pairs of the range: the most streams the adapter can open
 */
public record DescriptorBudget(long max, long openNow, int portPairs) {

    /** RTP socket, RTCP socket, audio file. */
    public static final int PER_STREAM = 3;
    /** Streams in a two-party call. */
    public static final int STREAMS_PER_CALL = 2;
    /** What the rest of the server opens under load beyond what it holds at start (database, HTTP, JMS, logs). */
    public static final int HEADROOM = 256;

    /** Reads the process's figures now. */
    public static DescriptorBudget now(OpenFiles files, int portPairs) {
        return new DescriptorBudget(files.max(), files.open(), portPairs);
    }

    /** Whether both figures could be read (on Linux). */
    public boolean known() {
        return max > 0 && openNow >= 0;
    }

    /** The limit the whole range needs: what is open now, every pair's stream, and the headroom. */
    public long needed() {
        return Math.max(0, openNow) + (long) portPairs * PER_STREAM + HEADROOM;
    }

    /** Two-party calls the limit lets the adapter record at once (at most what the port range allows). */
    public long callsThatFit() {
        long spare = max - Math.max(0, openNow) - HEADROOM;
        long streams = Math.min(portPairs, Math.max(0, spare) / PER_STREAM);
        return streams / STREAMS_PER_CALL;
    }

    /** A warning for the log when the limit is known and too low for the range; empty otherwise. */
    public Optional<String> warning(String range) {
        if (!known() || max >= needed()) {
            return Optional.empty();
        }
        long needed = needed();
        return Optional.of("the process may open " + max + " files (ulimit -n) and holds " + openNow + " now: that"
                + " fits about " + callsThatFit() + " two-party calls (" + PER_STREAM + " descriptors per stream: RTP,"
                + " RTCP and its file), but the RTP port range " + range + " takes " + portPairs / STREAMS_PER_CALL
                + " (" + portPairs + " streams). Past that, opens are refused as out of file descriptors (SIP 503)."
                + " Raise the limit to at least " + needed + ": ulimit -n " + needed + " in the shell that starts"
                + " WildFly, or LimitNOFILE=" + needed + " in its systemd unit; or narrow the port range");
    }
}
