package org.activerecorder.rtp.adapter.pipeline;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllowedPeersTest {

    @Test
    void allowsOnlyTheListedHosts() throws Exception {
        AllowedPeers peers = AllowedPeers.parse(" 127.0.0.1 , ::1,192.0.2.10");

        assertTrue(peers.allows(InetAddress.getByName("127.0.0.1")));
        assertTrue(peers.allows(InetAddress.getByName("::1")));
        assertTrue(peers.allows(InetAddress.getByName("192.0.2.10")));
        assertFalse(peers.allows(InetAddress.getByName("192.0.2.11")));
        assertFalse(peers.allows(InetAddress.getByName("127.0.0.2")));
    }

    @Test
    void aStarAllowsEveryHost() throws Exception {
        assertTrue(AllowedPeers.parse("*").allows(InetAddress.getByName("203.0.113.7")));
        assertTrue(AllowedPeers.any().allows(InetAddress.getByName("::2")));
    }

    @Test
    void anEmptyListIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> AllowedPeers.parse(""));
        assertThrows(IllegalArgumentException.class, () -> AllowedPeers.parse(" , "));
        assertThrows(IllegalArgumentException.class, () -> AllowedPeers.parse(null));
    }

    @Test
    void anUnresolvableEntryIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> AllowedPeers.parse("127.0.0.1,no-such-host.invalid"));
    }
}
