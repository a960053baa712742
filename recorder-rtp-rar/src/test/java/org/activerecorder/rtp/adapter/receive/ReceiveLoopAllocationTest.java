package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The performance budget's first rule, measured: the receive loop thread allocates (next to) nothing per packet,
 * sockets, JDK and pipeline included. Ports 31500-31509 of 127.0.0.1.
 */
class ReceiveLoopAllocationTest {

    private static final int WARM_UP = 3_000;
    private static final int MEASURED = 10_000;

    @TempDir
    Path folder;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private RtpReceiver receiver;

    @AfterEach
    void stop() throws InterruptedException {
        receiver.stop(Duration.ofSeconds(5));
        threads.shutdown();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void theLoopAllocatesLessThanAFewBytesPerPacket() throws Exception {
        ReceiverSettings settings = ReceiverSettings.parse("127.0.0.1", 31500, 31509, 1, "127.0.0.1");
        receiver = new RtpReceiver(settings, event -> { }, Clock.systemUTC());
        receiver.start(threads);
        int port = receiver.open(new StreamSpec("s", AudioCodec.PCMU, 0, null, folder.resolve("s.wav")))
                .localRtp().getPort();
        com.sun.management.ThreadMXBean threadBean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        try (RtpSender sender = new RtpSender()) {
            send(sender, port, 0, WARM_UP);
            Thread loop = loopThread();
            long before = threadBean.getThreadAllocatedBytes(loop.getId());
            send(sender, port, WARM_UP, MEASURED);
            long allocated = threadBean.getThreadAllocatedBytes(loop.getId()) - before;

            double perPacket = (double) allocated / MEASURED;
            assertTrue(perPacket < 8, "receive loop allocated " + allocated + " bytes for " + MEASURED
                    + " packets (" + perPacket + " per packet)");
        }
    }

    /**
     * Sends packets in chunks, waiting after each until the loop has taken them all, so a busy machine cannot make
     * the socket buffer overflow (the waiting costs the loop a few statistics snapshots, well under the bound).
     */
    private void send(RtpSender sender, int port, int first, int count) throws InterruptedException {
        byte[] payload = new byte[160];
        for (int i = first; i < first + count; i++) {
            sender.send(rtp().payloadType(0).sequence(i).timestamp(i * 160L).ssrc(9).payload(payload).bytes(), port);
            if ((i + 1) % 100 == 0 || i == first + count - 1) {
                awaitReceived(i + 1);
            }
        }
    }

    private void awaitReceived(long packets) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (receiver.statistics("s").map(StreamStatistics::packetsReceived).orElse(-1L) < packets) {
            if (System.nanoTime() > deadline) {
                fail("packets not received");
            }
            Thread.sleep(1);
        }
    }

    private static Thread loopThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("rtp-receive-0"))
                .findFirst().orElseThrow();
    }
}
