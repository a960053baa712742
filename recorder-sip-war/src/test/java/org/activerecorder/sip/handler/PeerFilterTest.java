package org.activerecorder.sip.handler;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerFilterTest {

    @Test
    void allowsConfiguredAddressesWhateverTheirSpelling() throws Exception {
        PeerFilter filter = new PeerFilter(Set.of(InetAddress.getByName("::1"), InetAddress.getByName("10.0.0.7")));
        assertTrue(filter.allows(InetAddress.getByName("0:0:0:0:0:0:0:1")));
        assertTrue(filter.allows(InetAddress.getByName("10.0.0.7")));
        assertFalse(filter.allows(InetAddress.getByName("10.0.0.8")));
        assertFalse(filter.allows(null));
    }

    @Test
    void logsEachRefusedPeerOnce() throws Exception {
        PeerFilter filter = new PeerFilter(Set.of());
        InetAddress stranger = InetAddress.getByName("192.0.2.44");
        assertTrue(filter.refused(stranger, "OPTIONS"));
        assertFalse(filter.refused(stranger, "OPTIONS"), "a keep-alive every 30 s must not fill the log");
        assertTrue(filter.refused(InetAddress.getByName("192.0.2.45"), "INVITE"));
    }

    @Test
    void remembersABoundedNumberOfRefusedPeers() throws Exception {
        PeerFilter filter = new PeerFilter(Set.of());
        Logger log = Logger.getLogger(PeerFilter.class.getName());
        Level level = log.getLevel();
        log.setLevel(Level.OFF); // a thousand warnings would bury the test output
        try {
            for (int i = 0; i < PeerFilter.MAX_REMEMBERED_REFUSALS; i++) {
                filter.refused(InetAddress.getByAddress(new byte[]{10, 1, (byte) (i >> 8), (byte) i}), "OPTIONS");
            }
        } finally {
            log.setLevel(level);
        }
        assertFalse(filter.refused(InetAddress.getByName("10.2.0.1"), "OPTIONS"), "past the cap nothing is added");
    }
}
