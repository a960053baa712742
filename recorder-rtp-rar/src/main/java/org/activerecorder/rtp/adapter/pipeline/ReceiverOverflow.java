package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.GapCause;

/**
 * Tells a hole the kernel made (the stream's socket buffer was full: {@link GapCause#RECEIVER_OVERFLOW}) from one the
 * network made ({@link GapCause#NETWORK_LOSS}), by the socket's kernel drop counter ({@link SocketDrops}).
 *
 * <p>The counter says how many datagrams were dropped, not which, and it is read about once a second; the packets'
 * sequence numbers say how many are missing from each hole. So the drops are a budget the holes draw on in order:
 * each hole with missing packets takes as many drops as it misses, or what is left; if what was left covered it, the
 * hole is the receiver's, otherwise the network's (the rule for a hole whose split cannot be known: the kernel must
 * have dropped at least as many as are missing). A hole is judged only once a reading that began after its closing
 * packet was read is in ({@link #knowsDropsBefore}), so that the drops that made it are counted; a reading that is
 * late by more than {@link #WAIT_NANOS} (a stalled reader) is not waited for. Drops that come after a hole but before
 * that reading are counted for it: network loss and kernel drops on one stream within a second may be confused,
 * never hidden, since every drop stays in the stream's {@link #drops() count}.
 *
 * <p>Plain fields and a volatile read: one receive loop owns the stream; nothing here allocates.
 */
public final class ReceiverOverflow {

    /** Longest a hole waits for a reading of the counter before it is judged without it. */
    static final long WAIT_NANOS = 3_000_000_000L;

    /** No counter: every hole with missing packets is network loss, as before the counter was read. */
    static final ReceiverOverflow NONE = new ReceiverOverflow(SocketDrops.UNKNOWN);

    private final SocketDrops socket;
    /** A group's budget when the socket is shared ({@link DropShares}); {@code null} when it is the stream's own. */
    private final DropShares shares;
    /** The socket's drops when the stream began (a stream recorded again on the same socket starts from there). */
    private long baseline = -1;
    private long claimed;
    /** On a shared socket: the drops this stream's record took out of the group's budget. */
    private long shareTaken;

    public ReceiverOverflow(SocketDrops socket) {
        this.socket = socket;
        this.shares = socket.shares();
        long now = socket.drops();
        if (now >= 0) {
            baseline = now;
        }
    }

    /**
     * Whether a hole closed by a packet read at {@code closedAtNanos} can be judged at {@code nowNanos}: the counter
     * is unknown, or its latest reading began after that packet was read, or it is too late to wait any longer.
     */
    boolean knowsDropsBefore(long closedAtNanos, long nowNanos) {
        return socket.drops() < 0 || socket.readAtNanos() - closedAtNanos >= 0
                || nowNanos - closedAtNanos > WAIT_NANOS;
    }

    /**
     * Whether the counter holds every drop until now, checked now ({@link SocketDrops#current}): for a stream's close,
     * which must not end the stream (and close its socket) before its last drops are counted.
     */
    boolean current() {
        return socket.current();
    }

    /** The cause of a hole from which {@code missing} (at least 1) packets are missing; draws on the budget. */
    GapCause causeOfLoss(long missing) {
        long available = socketDrops() - claimed;
        long taken = Math.min(Math.max(0, available), missing);
        claimed += taken;
        if (shares != null) {
            shareTaken += shares.take(socket.drops(), taken); // what the group's records count, once each
        }
        return available >= missing ? GapCause.RECEIVER_OVERFLOW : GapCause.NETWORK_LOSS;
    }

    /**
     * At the stream's end, once every hole has been judged: the drops no hole took, which are then taken. The kernel
     * drops the newest datagrams when a socket's buffer is full, so when a sender's burst fills it as the call ends
     * (a sender catching up, the loop behind), the stream's last packets are dropped with no packet after them to
     * make a hole; their count is here. (Drops of datagrams that were not the stream's audio, such as multiplexed
     * RTCP, are in it too: the figure is at most what is missing, never less.)
     *
     * <p>At most {@code atMost} ({@link Long#MAX_VALUE}: no bound). On a socket a group shares, only drops no stream's
     * record took yet ({@link DropShares}): the socket's count does not say whose they were, so the caller bounds them
     * by what this stream can have sent ({@link StreamPipeline#finish(long)}).
     */
    long unclaimed(long atMost) {
        long left = Math.min(atMost, Math.max(0, socketDrops() - claimed));
        if (shares != null) {
            left = shares.take(socket.drops(), left);
            shareTaken += left;
        }
        claimed += left;
        return left;
    }

    /** Whether the socket is shared by a group of streams, whose drops are not all this stream's. */
    boolean shared() {
        return shares != null;
    }

    /**
     * The kernel drops this stream's record counts ({@code StreamStatistics.kernelDrops}): its socket's since the
     * stream began; on a socket a group shares, those its holes and its end took out of the group's budget.
     */
    public long drops() {
        return shares == null ? socketDrops() : shareTaken;
    }

    /** The socket's drops since the stream began, as of the latest reading; 0 if unknown. */
    private long socketDrops() {
        long now = socket.drops();
        if (now < 0) {
            return 0;
        }
        if (baseline < 0) {
            baseline = 0; // the first reading after the socket was bound: a new socket starts at 0
        }
        return Math.max(0, now - baseline);
    }
}
