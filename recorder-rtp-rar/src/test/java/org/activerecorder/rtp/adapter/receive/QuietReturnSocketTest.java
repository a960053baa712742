package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.Gap;
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
import java.util.concurrent.atomic.AtomicLong;
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
            long start = playPaced(sender, tone, port, before);
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
        assertPlacedByTimestamps(receiver, total);
    }

    @Test
    void aBurstWhoseRestComesOnlyAfterItsFirstWasReadIsPlacedByItsTimestampsThoughTheRoundOutlastsTheDecision()
            throws Exception {
        // the first packet of the catch-up is read alone, then the round is slowed while the rest of the burst
        // queues: the wait for the decision runs out with every successor still in the socket
        int before = 50;
        int owed = STALL_MILLIS / 20;
        int total = before + owed + 75; // still sending when the slowed round ends
        RtpReceiver receiver = fixture.start(1);
        int port = receiver.open(spec("s")).localRtp().getPort();
        playSlowedReturn(receiver, port, before, total, true);
        assertPlacedByTimestamps(receiver, total);
    }

    @Test
    void aHoldWithAFrozenClockEndsInSilenceOfItsLengthThoughTheRoundOutlastsTheDecision() throws Exception {
        // the same slowed round after a real hold: the sender sends nothing for the stall, its timestamps stand
        // still (the next packet carries the next timestamp), then it sends paced again; what queues in the socket
        // behind the first packet never gets back on the wall clock, which a sender still late would not either:
        // the timestamps stand until a second of paced packets read on time proves the hold (LagWatch)
        int before = 50;
        int total = before + 125;
        RtpReceiver receiver = fixture.start(1);
        int port = receiver.open(spec("s")).localRtp().getPort();
        playSlowedReturn(receiver, port, before, total, false);
        assertTrue(receiver.close("s"));
        StreamEvent.Closed closed = fixture.closed("s");

        assertEquals(1, closed.statistics().timestampJumps(), () -> "re-anchored: " + closed.statistics());
        assertEquals(total, closed.statistics().packetsReceived());
        long silence = closed.statistics().samplesWritten() - (long) total * PACKET_SAMPLES;
        assertTrue(silence >= (STALL_MILLIS - 40) * 8L && silence <= (STALL_MILLIS + 120) * 8L,
                () -> "the hold's " + STALL_MILLIS + " ms as silence, got " + silence / 8 + " ms");
        assertEquals(1, closed.timeline().gaps().size(), () -> "one gap, the hold: " + closed.timeline().gaps());
    }

    @Test
    void aHoldWithAFrozenClockWhoseFirstPacketsWaitedTogetherInTheSocketEndsInSilenceOfItsLength() throws Exception {
        // the loop is held while a hold's first packets come back paced: read, they come right behind each other as
        // a backlog's would, but none of them is back on the wall clock
        RtpReceiver receiver = fixture.start(1);
        int port = receiver.open(spec("s")).localRtp().getPort();
        int decoy = receiver.open(spec("decoy")).localRtp().getPort();
        int before = 50;
        int total = before + 125; // the hold proven over a second of packets read on time (LagWatch)
        CountDownLatch returnQueued = new CountDownLatch(1);
        AtomicInteger phase = new AtomicInteger();
        receiver.loops().get(0).afterServing(stream -> {
            if (stream.id().equals("decoy") && phase.compareAndSet(0, 1)) {
                await(returnQueued); // a round where "s" was not ready, held until its first packets queue
            }
        });
        byte[] tone = ToneSource.encoded(440, total * PACKET_SAMPLES, true);
        try (RtpSender sender = new RtpSender()) {
            long start = playPaced(sender, tone, port, before);
            sender.send(packet(tone, 0, SSRC + 1), decoy);
            Await.until(() -> phase.get() == 1, "the loop held");
            long back = start + (before - 1) * PACKET_NANOS + TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
            for (int i = before; i < total; i++) {
                sleepUntil(back + (i - before) * PACKET_NANOS);
                sender.send(packet(tone, i, SSRC), port); // the next timestamp: the clock stood still
                if (i == before + 4) {
                    returnQueued.countDown(); // five packets of the hold's end wait in the socket
                }
            }
            Await.until(() -> fixture.received("s") == total, "every packet taken");
        }
        assertTrue(receiver.close("s"));
        StreamEvent.Closed closed = fixture.closed("s");

        assertEquals(1, closed.statistics().timestampJumps(), () -> "re-anchored: " + closed.statistics());
        long silence = closed.statistics().samplesWritten() - (long) total * PACKET_SAMPLES;
        assertTrue(silence >= (STALL_MILLIS - 40) * 8L && silence <= (STALL_MILLIS + 120) * 8L,
                () -> "the hold's " + STALL_MILLIS + " ms as silence, got " + silence / 8 + " ms");
    }

    @Test
    void aHoldWithAFrozenClockOnALoopAsleepInItsSelectorIsSilenceFromWhereItBegan() throws Exception {
        // a stream alone on its loop: during the hold the loop sleeps in its selector, up to half a second a time,
        // and the packet that ends the hold wakes it about 250 ms after the look before that sleep. Read as it
        // arrived, it and its paced successors prove the hold at once: the silence begins where the sender went
        // quiet, not where a second of steady lag would prove it (LagWatch), as it would for a busy loop's read
        int before = 50;
        int after = 25;
        long holdMillis = 1_230; // the third sleep of the hold, 250 ms in
        RtpReceiver receiver = fixture.start(1);
        int port = receiver.open(spec("s")).localRtp().getPort();
        byte[] tone = ToneSource.encoded(440, (before + after) * PACKET_SAMPLES, true);
        try (RtpSender sender = new RtpSender()) {
            long start = playPaced(sender, tone, port, before);
            long back = start + before * PACKET_NANOS + TimeUnit.MILLISECONDS.toNanos(holdMillis);
            for (int i = before; i < before + after; i++) {
                sleepUntil(back + (i - before) * PACKET_NANOS);
                sender.send(packet(tone, i, SSRC), port); // the next timestamp: the clock stood still
            }
            Await.until(() -> fixture.received("s") == before + after, "every packet taken");
        }
        assertTrue(receiver.close("s"));
        StreamEvent.Closed closed = fixture.closed("s");

        assertEquals(1, closed.statistics().timestampJumps(), () -> "re-anchored: " + closed.statistics());
        assertEquals(1, closed.timeline().gaps().size(), () -> "one gap, the hold: " + closed.timeline().gaps());
        Gap hold = closed.timeline().gaps().get(0);
        assertEquals(before * PACKET_SAMPLES, hold.startSample(), () -> "silence from where it went quiet: " + hold);
        assertTrue(hold.lengthSamples() >= (holdMillis - 40) * 8 && hold.lengthSamples() <= (holdMillis + 120) * 8,
                () -> "the hold's " + holdMillis + " ms, got " + hold.lengthSamples() / 8 + " ms");
    }

    @Test
    void aStalledLoopAndALateSenderCatchingUpSlowlyArePlacedByTheTimestamps() throws Exception {
        // series AA's W17: the loop stalls right after reading packet 49 (a collector's allocation stall) while the
        // sender, on the same starved machine, stalls too and then catches up slower than it can send (a packet every
        // 16 ms instead of 20); the loop's next rounds are slow (300 ms each), so this socket is ready in every one of
        // them and the loop never sees it empty. The first packet read after the stall lags 680 ms, and none is back
        // within 200 ms of the wall clock until 1.2 s later: long past any wait for a decision.
        RtpReceiver receiver = fixture.start(1);
        int port = receiver.open(spec("s")).localRtp().getPort();
        int before = 50;
        int total = 200;
        long slowUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        AtomicInteger phase = new AtomicInteger();
        AtomicLong slowEnds = new java.util.concurrent.atomic.AtomicLong(slowUntil);
        receiver.loops().get(0).afterServing(stream -> {
            if (!stream.id().equals("s")) {
                return;
            }
            if (phase.compareAndSet(-1, 1)) { // armed before packet 49 was sent: this serve read it
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)); // the loop stalls
                slowEnds.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_200));
            } else if (phase.get() == 1 && System.nanoTime() - slowEnds.get() < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300)); // then its rounds are slow
            }
        });
        byte[] tone = ToneSource.encoded(440, total * PACKET_SAMPLES, true);
        try (RtpSender sender = new RtpSender()) {
            long start = playPaced(sender, tone, port, before - 1);
            phase.set(-1);
            sleepUntil(start + (before - 1) * PACKET_NANOS);
            sender.send(packet(tone, before - 1, SSRC), port);
            Await.until(() -> phase.get() == 1, "the loop stalled");
            long resumed = start + (before - 1) * PACKET_NANOS + TimeUnit.MILLISECONDS.toNanos(500);
            for (int i = before; i < total; i++) {
                long catchingUp = resumed + (i - before) * TimeUnit.MILLISECONDS.toNanos(16);
                sleepUntil(Math.max(catchingUp, start + i * PACKET_NANOS));
                sender.send(packet(tone, i, SSRC), port);
            }
            Await.until(() -> fixture.received("s") == total, "every packet taken");
        }
        assertPlacedByTimestamps(receiver, total);
    }

    /**
     * Series AV's pattern (docs/performance.md): a sender starved behind stalls {@value #STALL_MILLIS} ms and sends
     * its last packet alone, with the loop healthy and looking at the socket all along; the BYE's close comes a second
     * later. Nothing follows that packet, as nothing follows the end of a hold's first packet but its paced
     * successors: it is placed by its timestamp (before: re-anchored by the stall, 700 ms of silence inserted).
     */
    @Test
    void aStalledSendersLastPacketAloneIsPlacedByItsTimestampWhenItsWaitRunsOut() throws Exception {
        RtpReceiver receiver = fixture.start(1);
        playLonePacket(receiver);
        Await.until(() -> fixture.received("s") == 51, "the lone packet decided by the loop's sweep, unclosed");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
        assertPlacedByTimestamps(receiver, 51);
    }

    /** The same with the close coming 50 ms after the lone packet, before its wait runs out. */
    @Test
    void aStalledSendersLastPacketAloneIsPlacedByItsTimestampWhenTheCloseComesFirst() throws Exception {
        RtpReceiver receiver = fixture.start(1);
        playLonePacket(receiver);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        assertPlacedByTimestamps(receiver, 51);
    }

    /** Packets 0-49 paced, then {@value #STALL_MILLIS} ms of nothing, then packet 50 (its own timestamp) alone. */
    private void playLonePacket(RtpReceiver receiver) throws Exception {
        int port = receiver.open(spec("s")).localRtp().getPort();
        byte[] tone = ToneSource.encoded(440, 51 * PACKET_SAMPLES, true);
        try (RtpSender sender = new RtpSender()) {
            long start = playPaced(sender, tone, port, 50);
            sleepUntil(start + 49 * PACKET_NANOS + TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS));
            sender.send(packet(tone, 50, SSRC), port);
        }
    }

    /**
     * Plays {@code before} paced packets, stalls {@value #STALL_MILLIS} ms, sends the next packet alone, slows the
     * round that reads it by {@value #SLOW_ROUND_MILLIS} ms and, while it is slowed, sends the rest: when
     * {@code catchingUp}, at once as many as the stall owed, then paced on the original schedule (a sender catching
     * up); else paced from the packet after the stall (the end of a hold with a frozen clock). Packet {@code i} always
     * carries the {@code i}-th timestamp.
     */
    private void playSlowedReturn(RtpReceiver receiver, int port, int before, int total, boolean catchingUp)
            throws Exception {
        CountDownLatch restQueued = new CountDownLatch(1);
        AtomicInteger phase = new AtomicInteger();
        receiver.loops().get(0).afterServing(stream -> {
            if (phase.compareAndSet(1, 2)) {
                // the round that read the return's first packet, alone, waits for the rest to queue, then is slowed
                // down past the decision's wait and the sweep's interval
                await(restQueued);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SLOW_ROUND_MILLIS));
            }
        });
        byte[] tone = ToneSource.encoded(440, total * PACKET_SAMPLES, true);
        int owed = STALL_MILLIS / 20;
        try (RtpSender sender = new RtpSender()) {
            long start = playPaced(sender, tone, port, before);
            phase.set(1);
            long back = start + (before - 1) * PACKET_NANOS + TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
            sleepUntil(back);
            sender.send(packet(tone, before, SSRC), port);
            Await.until(() -> phase.get() == 2, "the first packet back read, alone");
            int next = before + 1;
            if (catchingUp) {
                for (; next < before + owed; next++) {
                    sender.send(packet(tone, next, SSRC), port);
                }
            }
            for (; next < total; next++) {
                long due = catchingUp ? start + next * PACKET_NANOS : back + (next - before) * PACKET_NANOS;
                sleepUntil(due);
                sender.send(packet(tone, next, SSRC), port);
                if (next == (catchingUp ? before + owed + 3 : before + 5)) {
                    restQueued.countDown(); // the catch-up and a few paced ones, or a few paced after the hold
                }
            }
            restQueued.countDown();
            Await.until(() -> fixture.received("s") == total, "every packet taken");
        }
    }

    /** Sends packets {@code 0..before-1} 20 ms apart and waits until the stream has taken them; when it began. */
    private long playPaced(RtpSender sender, byte[] tone, int port, int before) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < before; i++) {
            sleepUntil(start + i * PACKET_NANOS);
            sender.send(packet(tone, i, SSRC), port);
        }
        Await.until(() -> fixture.received("s") == before, "the paced packets taken");
        return start;
    }

    private void assertPlacedByTimestamps(RtpReceiver receiver, int total) throws Exception {
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
