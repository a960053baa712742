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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The periodic reader over a folder shaped like {@code /proc/net}: what a stream may trust of its port's count. */
class SocketDropWatchTest {

    private static final int PORT = 0x7C22; // 31778

    @TempDir
    Path procNet;

    @Test
    void aStreamSeesItsSocketsDropsOnlyFromReadingsBegunAfterItsSocketWasBound() throws Exception {
        table(7);
        SocketDropWatch watch = new SocketDropWatch(procNet, InetAddress.getByName("127.0.0.1"), 31770, 31799,
                Duration.ofSeconds(1));
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
        SocketDropWatch watch = new SocketDropWatch(procNet, InetAddress.getLoopbackAddress(), 31770, 31799,
                Duration.ofSeconds(1));
        SocketDrops socket = watch.socket(PORT, System.nanoTime());
        watch.readOnce();

        assertEquals(-1, socket.drops());
        assertEquals(1, watch.readings());
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
