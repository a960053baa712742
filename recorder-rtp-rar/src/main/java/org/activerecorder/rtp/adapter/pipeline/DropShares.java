package org.activerecorder.rtp.adapter.pipeline;

/**
 * The kernel drops of a socket shared by a group of streams (docs/port-groups.md, rule 5), and how many of them the
 * streams' records have taken so far: a hole's packets, or a stream's last packets at its end. The socket's counter
 * says how many datagrams it dropped, not whose; each stream judges its own holes by the whole count (conservative:
 * a hole while the socket dropped is never blamed on the network), but what the streams' records <em>count</em> as
 * theirs comes out of one budget, so that the group's streams together never count more drops than the socket had,
 * and a stream's end takes as its own only drops no other stream's record took.
 *
 * <p>One receive loop serves the group and all its streams: plain fields, no lock.
 */
public final class DropShares {

    private long taken;

    /** Takes at most {@code wanted} of the {@code socketDrops} the socket has counted so far: how many it got. */
    long take(long socketDrops, long wanted) {
        long got = Math.max(0, Math.min(wanted, socketDrops - taken));
        taken += got;
        return got;
    }

    /** Drops the group's streams' records have taken so far. */
    public long taken() {
        return taken;
    }
}
