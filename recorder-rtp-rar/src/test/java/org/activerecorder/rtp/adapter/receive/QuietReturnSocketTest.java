package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Packets read late from a socket's queue after a quiet spell are placed by their timestamps even when the receive
 * loop's round outlasts the wait for the decision, over real sockets on 127.0.0.1 ({@link ReceiverFixture}).
 *
 * <p>The sender stalls for {@value #STALL_MILLIS} ms and then sends what it owed at once, as a sender catching up
 * does, while the loop is held (the test's hook, a stand-in for two overbooked cores: series V in
 * docs/performance.md) so that the whole burst waits in the socket; the loop then reads the burst's first packet, and
 * that round is slowed by {@value #SLOW_ROUND_MILLIS} ms, long enough for the loop's sweep to come before the loop
 * reads the socket again. The packets queued behind the first are what proves a
 * backlog; taken for the end of a hold instead, the rest of the stream would be shifted by the stall, with silence
 * inserted, as 628 of 1,000 recordings were in series V's run B3.
 */
class QuietReturnSocketTest {

    private static final int PACKET_SAMPLES = 160;
    private static final long PACKET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int STALL_MILLIS = 700;
    private static final int SLOW_ROUND_MILLIS = 600;
    private static final long SSRC = 0x5EED_0001L;

    @RegisterExtension
    final ReceiverFixture fixture = new ReceiverFixture(4);

    @Test
    void aBurstAfterASendersStallIsPlacedByItsTimestampsThoughTheLoopsRoundOutlastsTheDecision() throws Exception {
        RtpReceiver receiver = fixture.start(1);
        int port = receiver.open(spec("s")).localRtp().getPort();
        int decoy = receiver.open(spec("decoy")).localRtp().getPort();
        int before = 50;
        int owed = STALL_MILLIS / 20;
        int after = 25;
        int total = before + owed + after;
        CountDownLatch burstQueued = new CountDownLatch(1);
        AtomicInteger phase = new AtomicInteger();
        receiver.loops().get(0).afterServing(stream -> {
            if (stream.id().equals("decoy") && phase.compareAndSet(0, 1)) {
                // the loop is held in a round where "s" was not ready, until its whole burst waits in the socket
                await(burstQueued);
            } else if (stream.id().equals("s") && phase.compareAndSet(1, 2)) {
                // the round that read the burst's first packet is slowed down past the decision's wait
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SLOW_ROUND_MILLIS));
            }
        });
        byte[] tone = ToneSource.encoded(440, total * PACKET_SAMPLES, true);

        try (RtpSender sender = new RtpSender()) {
            long start = System.nanoTime();
            for (int i = 0; i < before; i++) {
                sleepUntil(start + i * PACKET_NANOS);
                sender.send(packet(tone, i, SSRC), port);
            }
            Await.until(() -> fixture.received("s") == before, "the paced packets taken");
            sender.send(packet(tone, 0, SSRC + 1), decoy);
            Await.until(() -> phase.get() == 1, "the loop held");
            // the sender stalls, then sends what it owed at once, as a sender catching up does
            sleepUntil(start + (before - 1) * PACKET_NANOS + TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS));
            for (int i = before; i < before + owed; i++) {
                sender.send(packet(tone, i, SSRC), port);
            }
            burstQueued.countDown();
            for (int i = before + owed; i < total; i++) {
                sleepUntil(start + i * PACKET_NANOS);
                sender.send(packet(tone, i, SSRC), port);
            }
            Await.until(() -> fixture.received("s") == total, "every packet taken");
        }
        assertEquals(2, phase.get(), "the round after the burst's first packet was slowed down");
        assertTrue(receiver.close("s"));
        StreamEvent.Closed closed = fixture.closed("s");

        assertEquals(0, closed.statistics().timestampJumps(), () -> "placed by its timestamps: " + closed.statistics()
                + ", gaps " + closed.timeline().gaps());
        assertEquals((long) total * PACKET_SAMPLES, closed.statistics().samplesWritten(),
                "as long as what was sent: no silence inserted for the stall");
        assertEquals((long) total * PACKET_SAMPLES, WavContent.read(closed.audioFile()).frameLength());
        assertEquals(List.of(), closed.timeline().gaps(), "no gap");
    }

    private StreamSpec spec(String id) {
        return new StreamSpec(id, AudioCodec.PCMU, 0, null, fixture.folder().resolve(id + ".wav"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] packet(byte[] tone, int index, long ssrc) {
        return rtp().payloadType(0).sequence(1_000 + index).timestamp(160_000L + (long) index * PACKET_SAMPLES)
                .ssrc(ssrc).payload(Arrays.copyOfRange(tone, index * PACKET_SAMPLES, (index + 1) * PACKET_SAMPLES))
                .bytes();
    }

    private static void sleepUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
