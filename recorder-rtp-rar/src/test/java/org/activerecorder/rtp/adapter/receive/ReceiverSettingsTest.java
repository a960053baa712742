package org.activerecorder.rtp.adapter.receive;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiverSettingsTest {

    @Test
    void parsesTheAdaptersDefaults() throws Exception {
        ReceiverSettings settings = ReceiverSettings.parse("127.0.0.1", 20000, 29999, 1, "127.0.0.1,::1");

        assertEquals(InetAddress.getByName("127.0.0.1"), settings.bindAddress());
        assertEquals(20000, settings.firstRtpPort());
        assertEquals(29999, settings.portMax());
        assertEquals(1, settings.receiveLoops());
        assertTrue(settings.allowedPeers().allows(InetAddress.getByName("::1")));
    }

    @Test
    void anOddLowerBoundStartsAtTheNextEvenPort() {
        assertEquals(20002, ReceiverSettings.parse("127.0.0.1", 20001, 20003, 1, "*").firstRtpPort());
    }

    @Test
    void refusesRangesWithoutAFullPair() {
        assertThrows(IllegalArgumentException.class, () -> ReceiverSettings.parse("127.0.0.1", 20001, 20002, 1, "*"));
        assertThrows(IllegalArgumentException.class, () -> ReceiverSettings.parse("127.0.0.1", 30000, 20000, 1, "*"));
        assertThrows(IllegalArgumentException.class, () -> ReceiverSettings.parse("127.0.0.1", 0, 70000, 1, "*"));
    }

    @Test
    void refusesSillyLoopCounts() {
        assertThrows(IllegalArgumentException.class, () -> ReceiverSettings.parse("127.0.0.1", 20000, 20001, -1, "*"));
        assertThrows(IllegalArgumentException.class, () -> ReceiverSettings.parse("127.0.0.1", 20000, 20001, 65, "*"));
    }

    @Test
    void zeroLoopsMeansOnePerCore() {
        int cores = Runtime.getRuntime().availableProcessors();

        int loops = ReceiverSettings.parse("127.0.0.1", 20000, 20001, 0, "*").receiveLoops();

        assertEquals(Math.min(cores, ReceiverSettings.MAX_LOOPS_PER_CORE_DEFAULT), loops);
        assertTrue(loops >= 1);
    }

    @Test
    void theReceiveBufferDefaultsTo1MibAndRefusesLessThanTheKernelsFloor() {
        assertEquals(1024 * 1024, ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*").receiveBufferBytes());
        assertEquals(65536,
                ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536).receiveBufferBytes());
        assertThrows(IllegalArgumentException.class,
                () -> ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 1000));
    }

    @Test
    void streamsHaveAPortEachByDefaultAndShareOneByAtMost256() {
        assertEquals(1, ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*").streamsPerPort());
        assertEquals(32, ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536, 4, 32, "proven")
                .streamsPerPort());
        assertEquals(256,
                ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536, 4, 256, "all")
                .streamsPerPort());
        for (int wrong : new int[] {0, -1, 257}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536, 4, wrong, "proven"));
            assertTrue(refused.getMessage().contains("streamsPerPort"), refused.getMessage());
        }
        ReceiverSettings shared = ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*").withStreamsPerPort(8);
        assertEquals(8, shared.withQuietLimit(Duration.ofSeconds(1)).withDecodeHoldLimit(Duration.ZERO)
                .streamsPerPort(), "the other copies keep it");
    }

    @Test
    void portSharingIsProvenOrAllInAnyCaseAndNothingElse() {
        assertEquals(ReceiverSettings.PortSharing.PROVEN,
                ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536, 4, 32, " Proven ").portSharing());
        assertEquals(ReceiverSettings.PortSharing.ALL,
                ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536, 4, 32, "ALL").portSharing());
        assertEquals(ReceiverSettings.PortSharing.ALL, ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*")
                .withStreamsPerPort(8).portSharing(), "what tests ask for by size alone shares every stream's port");
        for (String wrong : new String[] {null, "", "yes", "32"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536, 4, 32, wrong));
            assertTrue(refused.getMessage().contains("portSharing"), refused.getMessage());
        }
        ReceiverSettings proven = ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536, 4, 32, "proven");
        assertEquals(ReceiverSettings.PortSharing.PROVEN, proven.withQuietLimit(Duration.ofSeconds(1))
                .withDecodeHoldLimit(Duration.ZERO).portSharing(), "the other copies keep it");
    }

    @Test
    void theDecodeHoldLimitDefaultsTo4sAllowsNeverAndRefusesMoreThanAMinute() {
        assertEquals(Duration.ofSeconds(4),
                ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*").decodeHoldLimit());
        assertEquals(Duration.ZERO,
                ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536, 0).decodeHoldLimit());
        assertEquals(Duration.ofSeconds(60),
                ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536, 60).decodeHoldLimit());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536, 61));
        assertTrue(tooLong.getMessage().contains("decodeHoldLimitSeconds"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536, -1));
        assertThrows(IllegalArgumentException.class,
                () -> ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, "*", 60, 65536, null));
    }

    @Test
    void namesAnUnexpandedExpressionAndItsLikelyCause() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ReceiverSettings.parse("${recorder.rtp.bind-address:127.0.0.1}", 20000, 20001, 1, "*"));
        assertTrue(error.getMessage().contains("jboss-descriptor-property-replacement"), error.getMessage());
    }

    @Test
    void requiresEveryProperty() {
        assertThrows(IllegalArgumentException.class, () -> ReceiverSettings.parse(" ", 20000, 20001, 1, "*"));
        assertThrows(IllegalArgumentException.class, () -> ReceiverSettings.parse("127.0.0.1", null, 20001, 1, "*"));
        assertThrows(IllegalArgumentException.class, () -> ReceiverSettings.parse("127.0.0.1", 20000, 20001, 1, ""));
    }
}
