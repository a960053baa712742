package org.activerecorder.rtp.adapter.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The /proc parsing, fed the text Linux writes. */
class KernelUdpDropsTest {

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode ref pointer drops";

    @Test
    void sumsTheDropsOfTheSocketsInTheRangeIpv4AndIpv6Alike() {
        List<String> udp = List.of(HEADER,
                "  1: 0100007F:4E20 00000000:0000 07 00000000:00000000 00:00000000 00000000  0  0 11 2 0000000000000000 5",
                "  2: 0100007F:4E21 00000000:0000 07 00000000:00000000 00:00000000 00000000  0  0 12 2 0000000000000000 1",
                "  3: 0100007F:13C4 00000000:0000 07 00000000:00000000 00:00000000 00000000  0  0 13 2 0000000000000000 80",
                "  4: 0100007F:7530 00000000:0000 07 00000000:00000000 00:00000000 00000000  0  0 14 2 0000000000000000 3");
        assertEquals(6, KernelUdpDrops.sumDrops(udp, 20000, 29999), "20000 and 20001 in, 5060 and 30000 out");
        List<String> udp6 = List.of(HEADER,
                "  5: 00000000000000000000000001000000:4E22 00000000000000000000000000000000:0000 07"
                        + " 00000000:00000000 00:00000000 00000000  0  0 15 2 0000000000000000 9");
        assertEquals(9, KernelUdpDrops.sumDrops(udp6, 20000, 29999));
        assertEquals(0, KernelUdpDrops.sumDrops(List.of(HEADER, "garbage line"), 20000, 29999));
    }

    @Test
    void readsRcvbufErrorsFromTheUdpLinesNotUdpLite() {
        List<String> snmp = List.of(
                "UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors",
                "UdpLite: 0 0 0 0 77",
                "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors",
                "Udp: 5000 2 13 4000 11 0");
        assertEquals(11, KernelUdpDrops.udpCounter(snmp, "RcvbufErrors"));
        assertEquals(13, KernelUdpDrops.udpCounter(snmp, "InErrors"));
        assertEquals(-1, KernelUdpDrops.udpCounter(snmp, "NoSuchCounter"));
    }

    @Test
    void readsUdpMemoryInUseFromTheUdpLineOfSockstatAndItsLimitFromUdpMem() {
        List<String> sockstat = List.of("sockets: used 412", "TCP: inuse 3 orphan 0 tw 0 alloc 5 mem 9",
                "UDP: inuse 401 mem 3069", "UDPLITE: inuse 0", "RAW: inuse 0", "FRAG: inuse 0 memory 0");
        assertEquals(3069, KernelUdpDrops.sockstatUdpMemory(sockstat), "UDP's, not TCP's");
        assertEquals(-1, KernelUdpDrops.sockstatUdpMemory(List.of("sockets: used 1")));
        assertEquals(575817, KernelUdpDrops.firstFigure(List.of("575817\t767758\t1151634")));
        assertEquals(-1, KernelUdpDrops.firstFigure(List.of()));
    }

    @Test
    void unknownWithoutProc(@TempDir Path empty) {
        KernelUdpDrops drops = new KernelUdpDrops(empty, empty.resolve("udp_mem"), 20000, 29999);
        assertEquals(-1, drops.openSocketDrops());
        assertEquals(-1, drops.receiveBufferErrors());
        assertEquals(-1, drops.udpMemoryPages());
        assertEquals(-1, drops.udpMemoryLimitPages());
    }
}
