package org.activerecorder.rtp.adapter.metrics;

import org.activerecorder.rtp.adapter.pipeline.SocketDrops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The periodic reader over a folder shaped like {@code /proc/net}: what a stream may trust of its port's count. */
class SocketDropWatchTest {

    private static final int PORT = 0x7C22; // 31778

    @TempDir
    Path procNet;

    @Test
    void aStreamSeesItsSocketsDropsOnlyFromReadingsBegunAfterItsSocketWasBound() throws Exception {
        table(7);
        SocketDropWatch watch = loopbackWatch();
        SocketDrops before = watch.socket(PORT, System.nanoTime());
        assertEquals(-1, before.drops(), "no reading yet");

        watch.readOnce();
        assertEquals(7, before.drops());
        assertTrue(before.readAtNanos() <= System.nanoTime());

        SocketDrops rebound = watch.socket(PORT, System.nanoTime());
        assertEquals(-1, rebound.drops(), "7 was the port's previous socket's count");
        table(2);
        watch.readOnce();
        assertEquals(2, rebound.drops());
        assertEquals(SocketDrops.UNKNOWN, watch.socket(5060, 0), "outside the range");
    }

    @Test
    void withoutTheTablesNothingIsKnown() {
        SocketDropWatch watch = new SocketDropWatch(procNet, procNet.resolve("udp_mem"),
                InetAddress.getLoopbackAddress(), 31770, 31799, Duration.ofSeconds(1));
        SocketDrops socket = watch.socket(PORT, System.nanoTime());
        watch.readOnce();

        assertEquals(-1, socket.drops());
        assertEquals(1, watch.readings());
    }

    @Test
    void theTablesAreReadOnlyWhenTheNamespacesUdpErrorsMoved() throws Exception {
        table(7);
        counters(40, 3);
        SocketDropWatch watch = loopbackWatch();
        SocketDrops old = watch.socket(PORT, System.nanoTime());
        watch.readOnce();
        assertEquals(7, old.drops());
        assertEquals(1, watch.fullReadings());

        table(9); // a change no counter shows cannot be a kernel's: the tables are not read for it
        long beforeCheck = System.nanoTime();
        watch.readOnce();
        assertEquals(1, watch.fullReadings(), "the counters stood still");
        assertEquals(2, watch.readings());
        assertEquals(7, old.drops());
        assertTrue(old.readAtNanos() - beforeCheck >= 0, "the check vouches for the counts up to its own start");

        counters(41, 3);
        watch.readOnce();
        assertEquals(2, watch.fullReadings(), "IPv4 errors moved");
        assertEquals(9, old.drops());
        counters(41, 4);
        watch.readOnce();
        assertEquals(3, watch.fullReadings(), "IPv6 errors moved");
    }

    @Test
    void aSocketBoundSinceTheTablesWereReadHasDroppedNothingWhileTheCountersStandStill() throws Exception {
        table(7);
        counters(40, 3);
        SocketDropWatch watch = loopbackWatch();
        watch.readOnce();
        SocketDrops rebound = watch.socket(PORT, System.nanoTime());
        assertEquals(-1, rebound.drops(), "no check since it was bound");

        watch.readOnce();
        assertEquals(1, watch.fullReadings());
        assertEquals(0, rebound.drops(), "7 was the port's previous socket's, and nothing was dropped since");

        table(5);
        counters(45, 3);
        watch.readOnce();
        assertEquals(5, rebound.drops(), "its own drops, once the counters moved");
    }

    @Test
    void withoutTheCountersEveryCheckReadsTheTables() throws Exception {
        table(7);
        SocketDropWatch watch = loopbackWatch();
        SocketDrops socket = watch.socket(PORT, System.nanoTime());
        watch.readOnce();
        table(8);
        watch.readOnce();
        assertEquals(2, watch.fullReadings());
        assertEquals(8, socket.drops());
    }

    @Test
    void dropsTheCountersDidNotCountMakeEveryLaterPeriodReadTheTables() throws Exception {
        table(7);
        counters(40, 3);
        SocketDropWatch watch = loopbackWatch();
        SocketDrops socket = watch.socket(PORT, System.nanoTime());
        watch.readOnce();
        assertTrue(watch.countsCurrent());

        table(20); // 13 more drops on the socket, 1 more in the counters (Linux 6.18 under UDP memory pressure)
        counters(41, 3);
        watch.readOnce();
        assertEquals(20, socket.drops());
        assertTrue(watch.uncountedDrops());
        assertFalse(watch.countsCurrent(), "a close must wait for a reading of the tables");
        assertFalse(socket.current());

        table(25); // the counters stand still, and are no longer believed
        watch.readOnce();
        assertEquals(3, watch.fullReadings());
        assertEquals(25, socket.drops());
    }

    @Test
    void aRiseTheCountersCoverIsNoSignOfUncountedDrops() throws Exception {
        table(7);
        counters(40, 3);
        SocketDropWatch watch = loopbackWatch();
        watch.readOnce();
        table(9);
        counters(41, 4); // 2 in the counters, 2 on the socket
        watch.readOnce();
        table(4); // the port's socket replaced by one that dropped less: no rise
        counters(50, 4); // other sockets' drops: counted, not ours
        watch.readOnce();

        assertFalse(watch.uncountedDrops());
        assertTrue(watch.countsCurrent());
    }

    @Test
    void whileUdpMemoryIsTightEveryPeriodReadsTheTablesAndNoCloseTrustsTheCounters() throws Exception {
        table(7);
        counters(40, 3);
        Files.writeString(procNet.resolve("udp_mem"), "1000\t2000\t3000\n");
        memory(100);
        SocketDropWatch watch = loopbackWatch();
        SocketDrops socket = watch.socket(PORT, System.nanoTime());
        watch.readOnce();
        watch.readOnce();
        assertEquals(1, watch.fullReadings(), "a tenth of the limit in use: the counters are trusted");
        assertTrue(socket.current());

        memory(500); // half the lowest limit: drops may go uncounted
        assertFalse(socket.current());
        watch.readOnce();
        assertEquals(2, watch.fullReadings(), "the counters stood still, and are not believed");
        table(30);
        counters(63, 3); // 23 drops, counted
        watch.readOnce();
        assertEquals(3, watch.fullReadings());
        assertEquals(30, socket.drops());
        assertFalse(watch.uncountedDrops(), "the memory, not a proven uncounted drop");

        memory(20);
        watch.readOnce();
        assertEquals(3, watch.fullReadings(), "trusted again once the memory is back");
        assertTrue(socket.current());
    }

    /** {@code sockstat} with UDP using this many pages. */
    private void memory(long pages) throws Exception {
        Files.writeString(procNet.resolve("sockstat"), String.join("\n", "sockets: used 31",
                "TCP: inuse 1 orphan 0 tw 0 alloc 1 mem 0", "UDP: inuse 12 mem " + pages, "UDPLITE: inuse 0",
                "RAW: inuse 0", "FRAG: inuse 0 memory 0", ""));
    }

    /** A watch of 127.0.0.1's ports 31770-31799 over the test's tables. */
    private SocketDropWatch loopbackWatch() throws Exception {
        return new SocketDropWatch(procNet, procNet.resolve("udp_mem"), InetAddress.getByName("127.0.0.1"), 31770,
                31799, Duration.ofSeconds(1));
    }

    /** {@code snmp} and {@code snmp6} with these {@code InErrors}, shaped as Linux prints them. */
    private void counters(long v4, long v6) throws Exception {
        Files.writeString(procNet.resolve("snmp"), String.join("\n",
                "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti"
                        + " MemErrors",
                "Udp: 1000 2 " + v4 + " 900 " + v4 + " 0 0 0 0",
                "UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors"
                        + " IgnoredMulti MemErrors",
                "UdpLite: 0 0 99 0 0 0 0 0 0", ""));
        Files.writeString(procNet.resolve("snmp6"), String.join("\n",
                "Udp6InDatagrams                 \t17",
                "Udp6NoPorts                     \t0",
                "Udp6InErrors                    \t" + v6,
                "UdpLite6InErrors                \t99", ""));
    }

    /** {@code udp6} with the JDK's mapped 127.0.0.1 on {@link #PORT}, in this host's byte order. */
    private void table(long drops) throws Exception {
        String address = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                ? "0000000000000000FFFF00000100007F" : "00000000000000000000FFFF7F000001";
        Files.writeString(procNet.resolve("udp6"), String.join("\n",
                "  sl  local_address                         remote_address                        st tx_queue"
                        + " rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                " 4042: " + address + ":7C22 00000000000000000000000000000000:0000 07 00000000:00000000"
                        + " 00:00000000 00000000     0        0 2190170 2 000000003d997fcd " + drops, ""));
    }
}
