package org.activerecorder.rtp.adapter.pipeline;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Follows a sender that moves to another port or address of an allowed peer (NAT rebinding, a media server
 * fail-over, a re-INVITE to another media port): without it the rest of the call would be dropped as foreign.
 *
 * <p>The stream re-latches after {@value #RELATCH_AFTER} consecutive valid RTP packets from the same new address
 * (same synchronisation source or a new one) with no packet from the current source in between: a stray or spoofed
 * packet now and then does not take the stream over, and a sender that really moved loses nothing, because the
 * candidate's packets before the re-latch are kept (copied, in {@value #RELATCH_AFTER} - 1 slots allocated on first
 * use) and handed back in order to be processed first. If the current source sends in between, the candidate is
 * forgotten and its kept packets count as foreign. The address the SDP named ({@code expected}, may be
 * {@code null}) is preferred: a packet from exactly that address while latched elsewhere re-latches at once.
 *
 * <p>The caller has checked that the datagram is valid RTP for the stream; this class only decides by address.
 */
public final class SourceRelatch {

    /** Consecutive valid packets from a new address after which the stream follows it. */
    public static final int RELATCH_AFTER = 3;

    /** What to do with a valid packet. */
    public enum Decision {
        /** From the current source (or the first packet, which latched it): take it. */
        CURRENT,
        /** From a candidate, kept aside: nothing to do yet. */
        HELD,
        /** The source moved here: take the {@link #held()} packets, in order, then this one. */
        MOVED
    }

    private final SourceLatch latch;
    private InetSocketAddress expected;
    private final PacketCopy[] slots = new PacketCopy[RELATCH_AFTER - 1];
    private InetSocketAddress candidate;
    private int candidatePackets;
    private int held;
    private long forgotten;
    private long moves;

    public SourceRelatch(SourceLatch latch, InetSocketAddress expected) {
        this.latch = latch;
        this.expected = expected;
    }

    /** Decides about a valid packet from {@code from}; a held packet is copied. */
    public Decision decide(InetSocketAddress from, ByteBuffer datagram, long arrivalNanos) {
        if (!latch.isLatched()) {
            latch.latch(from);
            return Decision.CURRENT;
        }
        if (latch.matches(from)) {
            forget();
            return Decision.CURRENT;
        }
        if (expected != null && expected.equals(from)) {
            forget();
            return move(from);
        }
        if (candidate == null || !candidate.equals(from)) {
            forget();
            candidate = from;
        }
        if (++candidatePackets >= RELATCH_AFTER) {
            return move(from);
        }
        hold(datagram, arrivalNanos);
        return Decision.HELD;
    }

    /**
     * The signalling now names {@code source} for the sender (a re-INVITE or UPDATE moved it): preferred from now
     * on, exactly as the first offer's address was. Set on the thread that owns the stream, like every decision.
     */
    public void expect(InetSocketAddress source) {
        expected = source;
    }

    /** Packets held for the source the stream just moved to, to be taken before the one that moved it. */
    public int held() {
        return held;
    }

    /** Held packet {@code index}, oldest first. */
    public ByteBuffer heldDatagram(int index) {
        return slots[index].datagram();
    }

    public long heldArrivalNanos(int index) {
        return slots[index].arrivalNanos();
    }

    /** The held packets were taken. */
    public void release() {
        held = 0;
    }

    /** Forgets the candidate: its held packets count as foreign. */
    public void forget() {
        forgotten += held;
        held = 0;
        candidate = null;
        candidatePackets = 0;
    }

    /** Packets that were held for a candidate that never became the source. */
    public long forgotten() {
        return forgotten;
    }

    /** Times the stream re-latched. */
    public long moves() {
        return moves;
    }

    private Decision move(InetSocketAddress to) {
        latch.move(to);
        moves++;
        candidate = null;
        candidatePackets = 0;
        return Decision.MOVED;
    }

    private void hold(ByteBuffer datagram, long arrivalNanos) {
        if (slots[held] == null) {
            slots[held] = new PacketCopy();
        }
        slots[held++].store(datagram, arrivalNanos);
    }
}
