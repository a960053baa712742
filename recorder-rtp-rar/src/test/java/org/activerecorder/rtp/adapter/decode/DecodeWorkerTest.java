package org.activerecorder.rtp.adapter.decode;

import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.adapter.fixtures.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-over of payloads to the decode worker: each one wakes it. */
class DecodeWorkerTest {

    private final AtomicInteger decoded = new AtomicInteger();
    private final DecodeWorker worker = new DecodeWorker("decode-test", codec -> (payload, length, target) -> {
        decoded.incrementAndGet();
        return 320;
    });
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(100);
    private Thread thread;

    @AfterEach
    void stop() throws InterruptedException {
        worker.stop();
        assertTrue(worker.awaitEnd(5, TimeUnit.SECONDS));
    }

    @Test
    void eachPayloadWakesTheWorker() throws Exception {
        start();
        DecodeSlots slots = worker.slotsFor("s1", AudioCodec.OPUS);
        for (int i = 0; i < 3; i++) {
            assertTrue(slots.submit(datagram, 12, 60, i * 320L, 320));
            int expected = i + 1;
            Await.until(() -> decoded.get() == expected, "payload " + i + " decoded");
        }
    }

    private void start() throws InterruptedException {
        thread = new Thread(worker, "decode-test");
        thread.setDaemon(true);
        thread.start();
        Await.until(() -> thread.getName().equals("decode-test"), "worker running");
    }
}
