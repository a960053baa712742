package org.activerecorder.rtp.adapter.receive;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Which media addresses have shown that they send from exactly where their SDP says, so that their streams may share
 * RTP ports ({@code recorder.rtp.port-sharing=proven}, docs/port-groups.md, rule 9).
 *
 * <p>A shared port tells its streams apart by source: a stream latches the datagrams from the address its SDP named.
 * A sender elsewhere (behind NAT, on another interface) never latches there, where a port of its own latches any
 * allowed source; and a sender of several streams from one port its SDP did not name cannot be told apart on a
 * shared port (rule 8). Both are facts about a sender that its own-port streams show: a stream on a port of its own
 * whose first datagram came from exactly the address and port its SDP named is one proof. After
 * {@value #PROVEN_AFTER} proofs in a row (no stream of the address latched elsewhere between them) the address's
 * next streams share ports. A stream latched elsewhere sets the address back to none; so does a stream that shared a
 * port and ended without one datagram (it may have been sent from elsewhere, and the port could not tell), and each
 * such fall doubles the proofs needed next time (at most {@value #MAX_DOUBLINGS} doublings), so that a sender that is
 * only sometimes where its SDP says shares ports ever more rarely.
 *
 * <p>Kept in memory: a start begins with every sender unproven, its first streams on ports of their own. Thread-safe:
 * the proofs come from the receive loops, the questions from the threads opening streams; a few calls a stream.
 */
final class ProvenSenders {

    private static final Logger LOG = Logger.getLogger(ProvenSenders.class.getName());

    /** Own-port streams in a row, latched where their SDP said, before an address's streams share ports. */
    static final int PROVEN_AFTER = 16;
    /** The proofs needed double at each fall, up to {@code PROVEN_AFTER << MAX_DOUBLINGS} (1,024). */
    static final int MAX_DOUBLINGS = 6;
    /** Addresses remembered; one more is never proven (its streams keep ports of their own), and that is logged once. */
    static final int MAX_ADDRESSES = 4096;

    private static final class Record {
        int inRow;
        int falls;
        boolean proven;

        int needed() {
            return PROVEN_AFTER << Math.min(falls, MAX_DOUBLINGS);
        }
    }

    private final Map<InetAddress, Record> byAddress = new HashMap<>();
    private boolean fullLogged;

    /** Whether streams whose SDP names {@code address} may share ports now. */
    synchronized boolean proven(InetAddress address) {
        if (address == null) {
            return false;
        }
        Record record = byAddress.get(address);
        return record != null && record.proven;
    }

    /**
     * The first datagram of a stream on a port of its own latched {@code source}; its SDP named {@code expected}
     * ({@code null}: it named nothing, which proves nothing).
     */
    synchronized void latchedOnOwnPort(InetSocketAddress expected, InetSocketAddress source) {
        if (expected == null || source == null || expected.getAddress() == null) {
            return;
        }
        Record record = recordOf(expected.getAddress());
        if (record == null) {
            return;
        }
        if (expected.equals(source)) {
            if (!record.proven && ++record.inRow >= record.needed()) {
                record.proven = true;
                LOG.info(() -> "RTP from " + expected.getAddress().getHostAddress() + ": " + record.inRow
                        + " streams in a row came from where their SDP said; its streams share ports from now on"
                        + " (recorder.rtp.port-sharing=proven)");
            }
        } else {
            fall(expected.getAddress(), record, "a stream's SDP named " + expected + " and its first datagram came from "
                    + source);
        }
    }

    /** A stream that shared a port, whose SDP named {@code address}, ended without one datagram. */
    synchronized void silentOnSharedPort(InetAddress address) {
        if (address == null) {
            return;
        }
        Record record = byAddress.get(address);
        if (record != null) {
            fall(address, record, "a stream on a shared port ended without one datagram (its sender may have sent"
                    + " from elsewhere, which a shared port cannot take)");
        }
    }

    private void fall(InetAddress address, Record record, String why) {
        boolean wasProven = record.proven;
        record.inRow = 0;
        record.proven = false;
        if (wasProven) {
            record.falls++;
            LOG.warning(() -> "RTP from " + address.getHostAddress() + ": " + why + "; its next streams get ports of"
                    + " their own until " + record.needed() + " in a row come from where their SDP says"
                    + " (recorder.rtp.port-sharing; docs/port-groups.md, rule 9)");
        }
    }

    private Record recordOf(InetAddress address) {
        Record record = byAddress.get(address);
        if (record == null) {
            if (byAddress.size() >= MAX_ADDRESSES) {
                if (!fullLogged) {
                    fullLogged = true;
                    LOG.warning("RTP port sharing: " + MAX_ADDRESSES + " media addresses are remembered already; "
                            + address.getHostAddress() + " and later ones keep a port per stream");
                }
                return null;
            }
            record = new Record();
            byAddress.put(address, record);
        }
        return record;
    }
}
