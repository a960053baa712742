package org.activerecorder.rtp.adapter.receive;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which stream of a group a datagram belongs to (docs/port-groups.md, rules 1-4 and 8). */
class GroupDemuxTest {

    private static final InetAddress MEDIA_SERVER_A = address("192.0.2.10");
    private static final InetAddress MEDIA_SERVER_B = address("192.0.2.20");

    @Test
    void eachNewStreamLatchesToTheFirstSourceFromItsPeerAndKeepsIt() {
        GroupDemux<String> group = new GroupDemux<>();
        group.add("agent-of-call-1", MEDIA_SERVER_A);
        group.add("agent-of-call-2", MEDIA_SERVER_B);
        InetSocketAddress fromA = new InetSocketAddress(MEDIA_SERVER_A, 40000);
        InetSocketAddress fromB = new InetSocketAddress(MEDIA_SERVER_B, 50000);

        assertEquals("agent-of-call-2", group.route(fromB, 2));
        assertEquals("agent-of-call-1", group.route(fromA, 1));
        assertEquals("agent-of-call-1", group.route(fromA, 1));
        assertEquals("agent-of-call-2", group.route(fromB, 2));
        assertEquals(fromA, group.sourceOf("agent-of-call-1"));
        assertEquals(fromB, group.sourceOf("agent-of-call-2"));
        assertEquals(0, group.foreign());
    }

    @Test
    void aSecondNewStreamFromTheSamePeerWaitsForTheFirstToLatch() {
        GroupDemux<String> group = new GroupDemux<>();
        group.add("agent", MEDIA_SERVER_A);

        assertFalse(group.admits(MEDIA_SERVER_A), "a new source from A could be either: the stream goes elsewhere");
        assertThrows(IllegalStateException.class, () -> group.add("customer", MEDIA_SERVER_A));
        assertTrue(group.admits(MEDIA_SERVER_B));
        assertFalse(group.admits(null), "a stream that named no peer would await A's new sources too");

        group.route(new InetSocketAddress(MEDIA_SERVER_A, 40000), 1);
        assertTrue(group.admits(MEDIA_SERVER_A));
        group.add("customer", MEDIA_SERVER_A);
        assertEquals("customer", group.route(new InetSocketAddress(MEDIA_SERVER_A, 40002), 2));
        assertEquals("agent", group.route(new InetSocketAddress(MEDIA_SERVER_A, 40000), 1));
    }

    @Test
    void aStreamThatNamedNoPeerTakesAnyAddressAndIsAloneWhileUnlatched() {
        GroupDemux<String> group = new GroupDemux<>();
        group.add("unnamed", null);

        assertFalse(group.admits(MEDIA_SERVER_B));
        assertEquals("unnamed", group.route(new InetSocketAddress(MEDIA_SERVER_B, 7000), 9));
        assertTrue(group.admits(MEDIA_SERVER_B));
    }

    @Test
    void aNewSourceWithALatchedStreamsSsrcGoesToThatStreamWhichMovesOnlyWhenTold() {
        GroupDemux<String> group = new GroupDemux<>();
        group.add("agent", MEDIA_SERVER_A);
        group.add("customer", MEDIA_SERVER_B);
        InetSocketAddress before = new InetSocketAddress(MEDIA_SERVER_A, 40000);
        InetSocketAddress after = new InetSocketAddress(MEDIA_SERVER_B, 41000); // a fail-over keeping its SSRC
        group.route(before, 0x1234);
        group.route(new InetSocketAddress(MEDIA_SERVER_B, 50000), 0x5678);

        assertEquals("agent", group.route(after, 0x1234), "for the agent's SourceRelatch to judge");
        assertEquals(before, group.sourceOf("agent"), "not moved by one datagram");
        group.moved("agent", after);
        assertEquals(after, group.sourceOf("agent"));
        assertEquals("agent", group.route(after, 0x1234));
        assertEquals("agent", group.route(before, 0x1234), "the old source, same SSRC: again for the relatch");
        assertEquals(0, group.foreign());

        group.route(after, 0x9abc); // the sender restarted with a new SSRC: followed by the latched source
        assertEquals("agent", group.route(new InetSocketAddress(MEDIA_SERVER_A, 40008), 0x9abc));
        assertNull(group.route(new InetSocketAddress(MEDIA_SERVER_A, 40010), 0x1234), "its old SSRC: no more");
    }

    @Test
    void whatNoStreamAwaitsIsForeignAndCountedAsIsAnSsrcTwoStreamsShare() {
        GroupDemux<String> group = new GroupDemux<>();
        group.add("agent", MEDIA_SERVER_A);
        group.add("customer", MEDIA_SERVER_B);
        group.route(new InetSocketAddress(MEDIA_SERVER_A, 40000), 7);
        group.route(new InetSocketAddress(MEDIA_SERVER_B, 50000), 7); // an SSRC collision

        assertNull(group.route(new InetSocketAddress(MEDIA_SERVER_A, 40002), 99), "new source, unknown SSRC");
        assertNull(group.route(new InetSocketAddress(address("192.0.2.30"), 40000), 7), "which of the two? neither");
        assertEquals(2, group.foreign());
    }

    @Test
    void aNewSourceFromAnAddressNotAllowedLatchesNoStreamEvenOneThatNamedNoPeer() {
        GroupDemux<String> group = new GroupDemux<>(MEDIA_SERVER_A::equals);
        group.add("unnamed", null);

        assertNull(group.route(new InetSocketAddress(MEDIA_SERVER_B, 7000), 9), "B is not an allowed peer");
        assertEquals(GroupDemux.Route.FOREIGN, group.lastRoute());
        assertNull(group.sourceOf("unnamed"), "still awaiting its sender");
        InetSocketAddress fromA = new InetSocketAddress(MEDIA_SERVER_A, 7000);
        assertEquals("unnamed", group.route(fromA, 9));
        assertEquals(GroupDemux.Route.LATCHED_NOW, group.lastRoute());
        assertEquals("unnamed", group.route(fromA, 9));
        assertEquals(GroupDemux.Route.LATCHED, group.lastRoute());
        assertEquals(1, group.foreign());
    }

    /**
     * A stream opened while its loop was in the middle of a round joins before its registration runs, when a datagram
     * finds no member: the sender may start as soon as the SDP answer is out.
     */
    @Test
    void aDatagramThatFindsNoMemberAsksForLatecomersBeforeItIsForeign() {
        java.util.List<String> queued = new java.util.ArrayList<>();
        GroupDemux<String>[] holder = new GroupDemux[1];
        GroupDemux<String> group = new GroupDemux<>(address -> true, () -> {
            boolean any = !queued.isEmpty();
            queued.forEach(member -> holder[0].add(member, MEDIA_SERVER_A));
            queued.clear();
            return any;
        });
        holder[0] = group;
        InetSocketAddress source = new InetSocketAddress(MEDIA_SERVER_A, 40000);

        assertNull(group.route(source, 1), "nobody joined");
        queued.add("latecomer");
        assertEquals("latecomer", group.route(source, 1));
        assertEquals(GroupDemux.Route.LATCHED_NOW, group.lastRoute());
        assertEquals(1, group.foreign(), "only the datagram before it joined");

        // a replayed capture: every call's stream has one SSRC. The latecomer's first datagram is its own, not a
        // move of the one latched stream with that SSRC (BurstIT with 32 streams a port: half the calls' parties
        // recorded into the other calls' files before this)
        queued.add("second");
        InetSocketAddress secondSource = new InetSocketAddress(MEDIA_SERVER_A, 40002);
        assertEquals("second", group.route(secondSource, 1));
        assertEquals(GroupDemux.Route.LATCHED_NOW, group.lastRoute());
        assertEquals(source, group.sourceOf("latecomer"));
    }

    /**
     * SIPp sends every call's RTP from its one media port, which each call's SDP names: the streams of such a source
     * are told apart by SSRC, each latched by the first datagram with a new SSRC after its SDP named that source.
     */
    @Test
    void streamsSentFromOnePortThatTheirSdpNamedAreToldApartBySsrc() {
        GroupDemux<String> group = new GroupDemux<>();
        InetSocketAddress mediaPort = new InetSocketAddress(MEDIA_SERVER_A, 6000);
        group.add("call-1", MEDIA_SERVER_A, mediaPort);
        assertEquals("call-1", group.route(mediaPort, 11));
        group.add("call-2", MEDIA_SERVER_A, mediaPort);
        assertEquals("call-2", group.route(mediaPort, 22), "a new SSRC from the port call-2's SDP named");
        assertEquals(GroupDemux.Route.LATCHED_NOW, group.lastRoute());
        group.add("call-3", MEDIA_SERVER_A, mediaPort);
        assertEquals("call-3", group.route(mediaPort, 33));

        for (int i = 0; i < 9; i++) {
            int ssrc = new int[] {11, 22, 33}[i % 3];
            assertEquals("call-" + (i % 3 + 1), group.route(mediaPort, ssrc));
            assertEquals(GroupDemux.Route.LATCHED, group.lastRoute());
        }
        assertNull(group.route(mediaPort, 44), "a fourth SSRC no SDP awaits: whose? none");
        assertEquals(0, group.ssrcReturns());

        assertTrue(group.remove("call-2"));
        assertFalse(group.isFormer(mediaPort), "the port still sends the other calls");
        assertEquals("call-1", group.route(mediaPort, 11));
        assertEquals("call-3", group.route(mediaPort, 33));
        assertNull(group.route(mediaPort, 22), "call-2's SSRC after its end");
        group.remove("call-1");
        group.remove("call-3");
        assertTrue(group.isFormer(mediaPort));
        assertEquals(2, group.foreign());
    }

    /**
     * Rule 4, RTCP on the RTP port (RFC 5761): a report goes to the stream of its sender SSRC among its source's
     * streams, and follows RTP without leading it. Routed as RTP, a sender report's NTP timestamp, where RTP has its
     * SSRC, latched a waiting stream to it, and that stream's own RTP was foreign from then on.
     */
    @Test
    void muxedRtcpGoesToItsSendersStreamAndNeverLatchesOrChangesOne() {
        GroupDemux<String> group = new GroupDemux<>();
        InetSocketAddress mediaPort = new InetSocketAddress(MEDIA_SERVER_A, 6000);
        group.add("call-1", MEDIA_SERVER_A, mediaPort);
        assertNull(group.routeRtcp(mediaPort, 11), "a report before any RTP latches nothing");
        assertNull(group.sourceOf("call-1"));
        assertEquals("call-1", group.route(mediaPort, 11));
        group.add("call-2", MEDIA_SERVER_A, mediaPort);

        assertEquals("call-1", group.routeRtcp(mediaPort, 11), "the source's one latched stream, by its SSRC");
        assertNull(group.sourceOf("call-2"), "call-2 awaits the same source: a report is no new SSRC for it");
        assertEquals("call-2", group.route(mediaPort, 22));
        assertEquals(GroupDemux.Route.LATCHED_NOW, group.lastRoute());
        assertEquals("call-2", group.routeRtcp(mediaPort, 22));
        assertEquals("call-1", group.routeRtcp(mediaPort, 11));
        assertNull(group.routeRtcp(mediaPort, 0x0102_0304), "neither's SSRC, two streams on the source: no one's");
        assertEquals("call-1", group.route(mediaPort, 11));
        assertEquals(GroupDemux.Route.LATCHED, group.lastRoute());

        InetSocketAddress agentPort = new InetSocketAddress(MEDIA_SERVER_B, 7000);
        group.add("agent", MEDIA_SERVER_B, agentPort);
        group.route(agentPort, 77);
        assertEquals("agent", group.routeRtcp(agentPort, 0x0102_0304), "the source's only stream, whatever it says");
        assertEquals("agent", group.route(agentPort, 77));
        assertEquals(GroupDemux.Route.LATCHED, group.lastRoute(), "its SSRC unchanged by the report");
        assertEquals(0, group.ssrcReturns());
        assertEquals(0, group.foreign(), "RTCP is counted by its caller, never as foreign RTP");
    }

    /**
     * Rule 4, RTCP on the group's RTCP port: from the sender's RTCP port, not a source any stream is latched to, so
     * by sender SSRC; an SSRC two streams share is told apart by the RTP source one port below.
     */
    @Test
    void rtcpOnItsOwnPortGoesToTheStreamOfItsSsrcOrOfTheRtpPortBelow() {
        GroupDemux<String> group = new GroupDemux<>();
        group.add("agent", MEDIA_SERVER_A);
        group.route(new InetSocketAddress(MEDIA_SERVER_A, 40000), 1);
        group.add("customer", MEDIA_SERVER_B);
        group.route(new InetSocketAddress(MEDIA_SERVER_B, 50000), 2);
        group.add("supervisor", MEDIA_SERVER_A);
        group.route(new InetSocketAddress(MEDIA_SERVER_A, 40002), 2); // an SSRC the customer's sender chose too

        assertEquals("agent", group.routeRtcp(new InetSocketAddress(MEDIA_SERVER_A, 40001), 1));
        assertEquals("agent", group.routeRtcp(new InetSocketAddress(MEDIA_SERVER_A, 9999), 1), "by SSRC alone");
        assertEquals("customer", group.routeRtcp(new InetSocketAddress(MEDIA_SERVER_B, 50001), 2));
        assertEquals("supervisor", group.routeRtcp(new InetSocketAddress(MEDIA_SERVER_A, 40003), 2));
        assertNull(group.routeRtcp(new InetSocketAddress(MEDIA_SERVER_A, 9999), 2), "two streams' SSRC, no RTP below");
        assertNull(group.routeRtcp(new InetSocketAddress(MEDIA_SERVER_B, 50001), 3), "nobody's SSRC");
        assertEquals(0, group.foreign());
    }

    /**
     * A sender of several streams from one port (rule 8): one ends while the loop is behind, and its last datagrams
     * are read after its end. With one stream left on the source, they were taken for that stream's SSRC changing:
     * another call's audio in its file, and the warning about SSRCs going back (series BE).
     */
    @Test
    void anEndedStreamsStragglersFromASourceOthersStillSendFromAreNobodysChange() {
        GroupDemux<String> group = new GroupDemux<>();
        InetSocketAddress mediaPort = new InetSocketAddress(MEDIA_SERVER_A, 6000);
        group.add("call-1", MEDIA_SERVER_A, mediaPort);
        group.route(mediaPort, 11);
        group.add("call-2", MEDIA_SERVER_A, mediaPort);
        group.route(mediaPort, 22);
        assertTrue(group.remove("call-1"));

        for (int i = 0; i < 20; i++) {
            assertNull(group.route(mediaPort, 11), "call-1's straggler is nobody's");
            assertEquals(GroupDemux.Route.FORMER, group.lastRoute());
            assertEquals("call-2", group.route(mediaPort, 22));
            assertEquals(GroupDemux.Route.LATCHED, group.lastRoute(), "call-2 keeps its SSRC");
        }
        group.add("call-3", MEDIA_SERVER_A, mediaPort);
        assertNull(group.route(mediaPort, 11), "nor a newcomer's first datagram");
        assertNull(group.sourceOf("call-3"));
        assertEquals("call-3", group.route(mediaPort, 33));
        assertEquals(0, group.ssrcReturns());
        assertEquals(21, group.foreign());
    }

    @Test
    void aNewSsrcFromALatchedSourceThatNoSdpNamedIsItsStreamsOwnChange() {
        GroupDemux<String> group = new GroupDemux<>();
        InetSocketAddress agentPort = new InetSocketAddress(MEDIA_SERVER_A, 6000);
        group.add("agent", MEDIA_SERVER_A, agentPort);
        group.route(agentPort, 11);
        group.add("customer", MEDIA_SERVER_A, new InetSocketAddress(MEDIA_SERVER_A, 6002));

        assertEquals("agent", group.route(agentPort, 12), "the agent's sender restarted: the customer named 6002");
        assertNull(group.sourceOf("customer"));
        assertEquals("customer", group.route(new InetSocketAddress(MEDIA_SERVER_A, 6002), 21));
    }

    @Test
    void anEndedStreamsStragglersAreForeignEvenWithAnotherStreamsSsrc() {
        GroupDemux<String> group = new GroupDemux<>();
        group.add("agent", MEDIA_SERVER_A);
        InetSocketAddress agent = new InetSocketAddress(MEDIA_SERVER_A, 40000);
        group.route(agent, 7);
        group.add("customer", MEDIA_SERVER_A);
        InetSocketAddress customer = new InetSocketAddress(MEDIA_SERVER_A, 40002);
        group.route(customer, 8);
        group.remove("customer");

        assertNull(group.route(customer, 7), "sent after its BYE: not the agent's sender moving");
        assertTrue(group.isFormer(customer));
        assertEquals(1, group.foreign());
        assertEquals("agent", group.route(new InetSocketAddress(MEDIA_SERVER_A, 40004), 7),
                "a new source with the agent's SSRC still goes to the agent, for its re-latching to judge");
    }

    @Test
    void aSourceGoingBackToAnEarlierSsrcIsCountedButAChangeThatStaysIsNot() {
        GroupDemux<String> group = new GroupDemux<>();
        group.add("agent", MEDIA_SERVER_A);
        InetSocketAddress source = new InetSocketAddress(MEDIA_SERVER_A, 40000);
        group.route(source, 1);
        group.route(source, 2); // a new SSRC after a hold: it stays
        group.route(source, 2);
        assertEquals(0, group.ssrcReturns());

        for (int i = 0; i < 6; i++) { // two streams of one call from one port
            assertEquals("agent", group.route(source, i % 2 == 0 ? 1 : 2));
        }
        assertEquals(6, group.ssrcReturns());
    }

    @Test
    void aRemovedStreamsSourceIsForeignAndItsPeerMayJoinAgain() {
        GroupDemux<String> group = new GroupDemux<>();
        group.add("agent", MEDIA_SERVER_A);
        InetSocketAddress source = new InetSocketAddress(MEDIA_SERVER_A, 40000);
        group.route(source, 1);

        assertTrue(group.remove("agent"));
        assertFalse(group.remove("agent"));
        assertEquals(0, group.size());
        assertNull(group.route(source, 1));
        assertEquals(1, group.foreign());
        group.add("next", MEDIA_SERVER_A);
        assertEquals("next", group.route(new InetSocketAddress(MEDIA_SERVER_A, 40004), 3));
    }

    @Test
    void routingFromLatchedSourcesAllocatesNothing() {
        GroupDemux<String> group = new GroupDemux<>();
        InetSocketAddress[] sources = new InetSocketAddress[128];
        for (int i = 0; i < sources.length; i++) {
            InetAddress peer = address("192.0.2." + (i + 1));
            group.add("stream-" + i, peer);
            sources[i] = new InetSocketAddress(peer, 40000 + 2 * i);
            group.route(sources[i], i);
        }
        for (int round = 0; round < 2_000; round++) { // warm up, so that the JIT does not allocate in the count
            group.route(sources[round % sources.length], round % sources.length);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        int routed = 0;
        for (int round = 0; round < 100_000; round++) {
            int i = round % sources.length;
            if (group.route(sources[i], i) != null) {
                routed++;
            }
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(100_000, routed);
        assertTrue(allocated < 100_000, allocated + " bytes allocated for 100,000 datagrams"); // under a byte each
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
