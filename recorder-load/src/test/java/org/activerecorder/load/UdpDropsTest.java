package org.activerecorder.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UdpDropsTest {

    @Test
    void readsTheUdpCountersOfProcNetSnmp() throws Exception {
        List<String> snmp = List.of(
                "Tcp: RtoAlgorithm RtoMin",
                "Tcp: 1 200",
                "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors",
                "Udp: 50916126 29835 7 50946286 5 0 0",
                "UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors",
                "UdpLite: 0 0 0 0 0");
        ServerProcess.UdpDrops drops = ServerProcess.UdpDrops.parse(snmp);
        assertEquals(5, drops.receiveBufferErrors());
        assertEquals(7, drops.inErrors());
        assertEquals(new ServerProcess.UdpDrops(3, 2), drops.since(new ServerProcess.UdpDrops(2, 5)));
    }
}
