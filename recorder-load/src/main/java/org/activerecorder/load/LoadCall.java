package org.activerecorder.load;

import org.activerecorder.testsupport.sip.MediaServerSimulator;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Instant;

/**
 * One call of a run as the load tool played it: its two parties' sessions (what the recorder answered and how
 * fast), the packets each party sent, and when the last BYE went. Written by the threads that play the call, read
 * once the run is over.
 */
final class LoadCall {

    static final String AGENT_DN = "1001";
    static final String CUSTOMER_DN = "5551234";

    /** One party of the call. */
    static final class Party {
        final String dn;
        volatile int inviteStatus = -1;
        volatile long inviteNanos;
        volatile int byeStatus = -1;
        volatile MediaServerSimulator.Session session;
        /** Its own socket ({@link RtpSockets#PER_STREAM}); null when it sends from its lane's shared socket. */
        volatile DatagramChannel channel;
        /** The pacing thread that sends its packets, chosen before its INVITE. */
        volatile RtpPacer.Lane lane;
        /** The recorder's RTP address, from the answer. */
        volatile InetSocketAddress recorderRtp;
        volatile PacedStream stream;

        Party(String dn) {
            this.dn = dn;
        }

        long sent() {
            return stream == null ? 0 : stream.sent();
        }

        /** How late its sender fell behind at worst, in milliseconds. */
        double maxLateMillis() {
            return stream == null ? 0 : stream.maxLateNanos() / 1e6;
        }

        long sendErrors() {
            return stream == null ? 0 : stream.sendErrors();
        }
    }

    final String callUuid;
    final Party agent = new Party(AGENT_DN);
    final Party customer = new Party(CUSTOMER_DN);
    volatile long lastByeNanos;
    /** The last BYE's instant by the wall clock, against the server's instants in its events. */
    volatile Instant lastByeAt;
    /** Why the call was not played whole (null: it was). */
    volatile String failure;

    LoadCall(String callUuid) {
        this.callUuid = callUuid;
    }

    String recordId() {
        return "rec-" + callUuid;
    }

    boolean answered() {
        return agent.inviteStatus == 200 && customer.inviteStatus == 200;
    }
}
