package org.activerecorder.rtp.adapter.metrics;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The per-socket drops of {@code /proc/net/udp} and {@code udp6}, read from rows captured on Linux 6 (x86-64, so the
 * address words are little-endian): a JDK channel bound to 127.0.0.1 shows in {@code udp6} as a mapped address.
 */
class UdpSocketTableTest {

    private static final List<String> UDP = List.of(
            "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref"
                    + " pointer drops            ",
            " 4044: 0100007F:7C24 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2190171 2"
                    + " 00000000e0a4ea15 5       ",
            " 4045: 0200007F:7C24 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2190175 2"
                    + " 00000000e0a4ea16 70      ",
            " 1234: 0100007F:13C4 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 2190176 2"
                    + " 00000000e0a4ea17 9       ");

    private static final List<String> UDP6 = List.of(
            "  sl  local_address                         remote_address                        st tx_queue rx_queue"
                    + " tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
            " 4042: 0000000000000000FFFF00000100007F:7C22 00000000000000000000000000000000:0000 07 00000000:00000000"
                    + " 00:00000000 00000000     0        0 2190170 2 000000003d997fcd 1234",
            " 4046: 00000000000000000000000001000000:7C26 00000000000000000000000000000000:0000 07 00000000:00000000"
                    + " 00:00000000 00000000     0        0 2190172 2 0000000077aa27f6 11",
            " 4047: 00000000000000000000000000000000:7C28 00000000000000000000000000000000:0000 07 00000000:00000000"
                    + " 00:00000000 00000000     0        0 2190173 2 0000000077aa27f7 3",
            "garbage line");

    @Test
    void readsTheDropsOfTheSocketsBoundToTheAddressInTheRange() throws Exception {
        UdpSocketTable table = new UdpSocketTable(InetAddress.getByName("127.0.0.1"), 31770, 31799,
                ByteOrder.LITTLE_ENDIAN);
        read(table);
        assertEquals(1234, table.drops(0x7C22), "udp6, mapped ::ffff:127.0.0.1 (how the JDK binds)");
        assertEquals(5, table.drops(0x7C24), "udp; 127.0.0.2 on the same port is another socket");
        assertEquals(0, table.drops(0x7C26), "::1 is not 127.0.0.1");
        assertEquals(0, table.drops(0x7C28), "the wildcard is not 127.0.0.1");
        assertEquals(0, table.drops(0x13C4), "port 5060 lies outside the range");

        table.clear();
        assertEquals(0, table.drops(0x7C22), "a new reading starts from nothing");
    }

    @Test
    void readsIpv6AndWildcardBindings() throws Exception {
        UdpSocketTable loopback6 = new UdpSocketTable(InetAddress.getByName("::1"), 31770, 31799,
                ByteOrder.LITTLE_ENDIAN);
        read(loopback6);
        assertEquals(11, loopback6.drops(0x7C26));
        assertEquals(0, loopback6.drops(0x7C22));

        UdpSocketTable any = new UdpSocketTable(InetAddress.getByName("0.0.0.0"), 31770, 31799,
                ByteOrder.LITTLE_ENDIAN);
        read(any);
        assertEquals(3, any.drops(0x7C28), "bound to :: (all zeros) in udp6");
        assertEquals(0, any.drops(0x7C24));
    }

    @Test
    void readsTheWordsInTheHostsOrder() throws Exception {
        UdpSocketTable bigEndian = new UdpSocketTable(InetAddress.getByName("127.0.0.1"), 31770, 31799,
                ByteOrder.BIG_ENDIAN);
        bigEndian.read(" 7: 7F000001:7C2A 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 77 2 0 42");
        read(bigEndian);
        assertEquals(42, bigEndian.drops(0x7C2A));
        assertEquals(0, bigEndian.drops(0x7C24), "0100007F is 1.0.0.127 on a big-endian host");
    }

    private static void read(UdpSocketTable table) {
        UDP.forEach(table::read);
        UDP6.forEach(table::read);
    }
}
