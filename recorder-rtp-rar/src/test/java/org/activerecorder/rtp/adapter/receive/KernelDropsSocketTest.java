package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.adapter.metrics.LoopFigures;
import org.activerecorder.rtp.adapter.pipeline.AllowedPeers;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.AudioTap;
import org.activerecorder.rtp.api.Gap;
import org.activerecorder.rtp.api.GapCause;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel really drops: a stream with the smallest receive buffer, its receive loop held up for two seconds of a
 * paced 20 ms sender, loses most of those packets in its socket. The hole must be the receiver's
 * ({@link GapCause#RECEIVER_OVERFLOW}), not the network's, and the drops counted on the stream and in the metrics.
 * Linux only (it reads {@code /proc/net/udp}); a free range of port pairs of 127.0.0.1 ({@link ReceiverFixture}).
 */
class KernelDropsSocketTest {

    private static final int PACKET_SAMPLES = 160;
    private static final long PACKET_NANOS = 20_000_000L;
    private static final int PACKETS = 250;
    private static final int BLOCK_FROM = 50;
    private static final int BLOCK_UNTIL = 150;

    @RegisterExtension
    final ReceiverFixture fixture = new ReceiverFixture(5);

    @ParameterizedTest(name = "{0} stream(s) a port")
    @ValueSource(ints = {1, 2})
    void aHoleTheKernelDroppedIsTheReceiversOverflowAndItsDropsAreCounted(int streamsPerPort) throws Exception {
        RtpReceiver receiver = startWithTheSmallestBuffer(Duration.ofMillis(100), streamsPerPort);
        StreamEvent.Closed closed = playWithTheLoopHeld(receiver, BLOCK_UNTIL);

        StreamStatistics statistics = closed.statistics();
        List<Gap> gaps = closed.timeline().gaps();
        assertTrue(statistics.packetsLost() > 10, "the kernel dropped most of the held packets: " + statistics);
        assertEquals(statistics.packetsLost(), statistics.kernelDrops(), "every missing packet was a kernel drop");
        assertEquals(List.of(GapCause.RECEIVER_OVERFLOW), gaps.stream().map(Gap::cause).distinct().toList(),
                "the hole is the receiver's, not the network's: " + gaps);
        assertEquals(statistics.packetsLost() * PACKET_SAMPLES,
                closed.timeline().silentSamples(GapCause.RECEIVER_OVERFLOW));
        assertEquals((long) PACKETS * PACKET_SAMPLES, WavContent.read(closed.audioFile()).frameLength(),
                "the packets queued before the overflow are placed by their timestamps, the hole is silence");
        long total = receiver.loopFigures().stream().map(LoopFigures::totals)
                .mapToLong(StreamStatistics::kernelDrops).sum();
        assertEquals(statistics.kernelDrops(), total, "the server's metrics count them");
    }

    /**
     * The loop is held until the call's last packet has been sent (a sender bursting as the call ends, the loop
     * behind: series AR in docs/performance.md): the kernel drops the newest packets, the call's last, and no packet
     * after them makes a hole. Before, the stream ended short by those packets, its record without a gap, and its
     * recording {@code COMPLETED}; now the drops no hole took are a {@link GapCause#RECEIVER_OVERFLOW} gap at the end,
     * and the file is as long as what was sent.
     */
    @ParameterizedTest(name = "{0} stream(s) a port")
    @ValueSource(ints = {1, 2})
    void theCallsLastPacketsDroppedByTheKernelAreAGapAtTheEnd(int streamsPerPort) throws Exception {
        RtpReceiver receiver = startWithTheSmallestBuffer(Duration.ofMillis(100), streamsPerPort);
        StreamEvent.Closed closed = playWithTheLoopHeld(receiver, PACKETS);

        StreamStatistics statistics = closed.statistics();
        assertTrue(statistics.kernelDrops() > 10, "the kernel dropped the call's last packets: " + statistics);
        assertTrue(statistics.packetsLost() < statistics.kernelDrops() / 2,
                "most of them with no packet after them to make a hole: " + statistics);
        assertEquals(PACKETS, statistics.packetsReceived() + statistics.kernelDrops(), "every packet received or dropped");
        List<Gap> gaps = closed.timeline().gaps();
        assertEquals(List.of(GapCause.RECEIVER_OVERFLOW), gaps.stream().map(Gap::cause).distinct().toList(),
                "the receiver's: " + gaps);
        assertEquals(statistics.kernelDrops() * PACKET_SAMPLES,
                closed.timeline().silentSamples(GapCause.RECEIVER_OVERFLOW), "as long as the packets dropped: " + gaps);
        assertEquals((long) PACKETS * PACKET_SAMPLES, gaps.get(gaps.size() - 1).endSample(), "the last gap ends it");
        assertEquals((long) PACKETS * PACKET_SAMPLES, statistics.samplesWritten());
        assertEquals((long) PACKETS * PACKET_SAMPLES, WavContent.read(closed.audioFile()).frameLength(),
                "the stream as long as what was sent, its end silence");
    }

    /**
     * As above, but the stream is closed as soon as the loop is let go, the drop counter read once a second as in the
     * server: the last drops are not read yet when the close comes. The close waits for a reading before it ends the
     * stream (its socket open till then), so the count, the gap and the length are whole; before, the stream ended
     * with the count of the reading before, short of the last drops, and the file short by them.
     */
    @ParameterizedTest(name = "{0} stream(s) a port")
    @ValueSource(ints = {1, 2})
    void dropsNotReadYetWhenTheCloseComesAreWaitedFor(int streamsPerPort) throws Exception {
        RtpReceiver receiver = startWithTheSmallestBuffer(Duration.ofSeconds(1), streamsPerPort);
        StreamEvent.Closed closed = playWithTheLoopHeld(receiver, PACKETS, false);

        StreamStatistics statistics = closed.statistics();
        assertTrue(statistics.kernelDrops() > 10, "the kernel dropped the call's last packets: " + statistics);
        assertEquals(PACKETS, statistics.packetsReceived() + statistics.kernelDrops(),
                "every packet received or counted as dropped: " + statistics);
        assertEquals(statistics.kernelDrops() * PACKET_SAMPLES,
                closed.timeline().silentSamples(GapCause.RECEIVER_OVERFLOW));
        assertEquals((long) PACKETS * PACKET_SAMPLES, WavContent.read(closed.audioFile()).frameLength());
    }

    /**
     * Rule 5 of docs/port-groups.md: two streams share a port; one ends, and later its loop is held while the other
     * goes on until its end, whose last packets the kernel drops. The socket's count does not say whose the drops
     * were: the stream that had ended before must not take them for its own end (its record a false gap, its file
     * longer than what was sent), even when it is closed first; the other takes them, and the figures count them once.
     */
    @Test
    void onASharedPortTheDroppedEndIsTheStreamThatWasStillSendingNotOneThatHadEnded() throws Exception {
        RtpReceiver receiver = startWithTheSmallestBuffer(Duration.ofMillis(100), 2);
        try (RtpSender ended = new RtpSender()) {
            int port = receiver.open(new StreamSpec("ended", AudioCodec.PCMU, 0, ended.address(),
                    fixture.folder().resolve("ended.wav"))).localRtp().getPort();
            byte[] tone = ToneSource.encoded(1000, BLOCK_FROM * PACKET_SAMPLES, true);
            ended.send(packet(tone, 0, 0x0E0E_0E0EL), port);
            Await.until(() -> fixture.received("ended") == 1, "ended latched");
            StreamEvent.Closed held = playWithTheLoopHeld(receiver, PACKETS, true, (i, heldPort) -> {
                assertEquals(port, heldPort, "the two streams share the port");
                if (i > 0 && i < BLOCK_FROM) {
                    LockSupport.parkNanos(PACKET_NANOS / 2); // its own datagram: the loop wakes for it
                    ended.send(packet(tone, i, 0x0E0E_0E0EL), port);
                }
            }, List.of("ended"));
            StreamEvent.Closed closedFirst = fixture.closed("ended");

            StreamStatistics early = closedFirst.statistics();
            assertEquals(0, early.kernelDrops(), "nothing of it was dropped: " + early);
            assertEquals(List.of(), closedFirst.timeline().gaps(), "no gap at its end");
            assertEquals((long) BLOCK_FROM * PACKET_SAMPLES, WavContent.read(closedFirst.audioFile()).frameLength(),
                    "as long as what it sent");
            StreamStatistics late = held.statistics();
            assertTrue(late.kernelDrops() > 10, "the other's end was dropped: " + late);
            assertEquals(PACKETS, late.packetsReceived() + late.kernelDrops(), "every packet received or dropped");
            assertEquals((long) PACKETS * PACKET_SAMPLES, WavContent.read(held.audioFile()).frameLength());
            long total = receiver.loopFigures().stream().map(LoopFigures::totals)
                    .mapToLong(StreamStatistics::kernelDrops).sum();
            assertEquals(late.kernelDrops(), total, "the server's metrics count each drop once");
        }
    }

    private RtpReceiver startWithTheSmallestBuffer(Duration dropReadings, int streamsPerPort) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/udp6")) || Files.isReadable(Path.of("/proc/net/udp")),
                "Linux publishes per-socket drops in /proc/net/udp");
        ReceiverSettings free = fixture.settings(1);
        ReceiverSettings settings = new ReceiverSettings(InetAddress.getLoopbackAddress(), free.portMin(),
                free.portMax(), 1, AllowedPeers.parse("127.0.0.1"), Duration.ZERO,
                ReceiverSettings.MIN_RECEIVE_BUFFER_BYTES, free.decodeHoldLimit()).withStreamsPerPort(streamsPerPort);
        return fixture.startSharingAnyBuffer(settings, dropReadings); // the smallest buffer would share no port
    }

    /**
     * Plays {@link #PACKETS} paced packets of a tone with the stream's loop held from packet {@link #BLOCK_FROM} until
     * packet {@code blockUntil} is due (or the last was sent), waits for drop readings that began after the last
     * packet, and closes the stream.
     */
    private StreamEvent.Closed playWithTheLoopHeld(RtpReceiver receiver, int blockUntil) throws Exception {
        return playWithTheLoopHeld(receiver, blockUntil, true);
    }

    private StreamEvent.Closed playWithTheLoopHeld(RtpReceiver receiver, int blockUntil, boolean awaitReadings)
            throws Exception {
        return playWithTheLoopHeld(receiver, blockUntil, awaitReadings, (i, port) -> { }, List.of());
    }

    /** Something more sent after each of the held stream's packets: packet {@code i} went to {@code port}. */
    private interface AfterEach {
        void sent(int i, int port) throws Exception;
    }

    /** @param closeFirst streams closed before the held one, in order */
    private StreamEvent.Closed playWithTheLoopHeld(RtpReceiver receiver, int blockUntil, boolean awaitReadings,
                                                   AfterEach afterEach, List<String> closeFirst) throws Exception {
        OpenedStream stream = receiver.open(new StreamSpec("held", AudioCodec.PCMU, 0, null,
                fixture.folder().resolve("held.wav")));
        int port = stream.localRtp().getPort();

        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        byte[] tone = ToneSource.encoded(440, PACKETS * PACKET_SAMPLES, true);
        AudioTap hold = (id, position, samples, offset, count) -> {
            blocked.countDown();
            awaitQuietly(release);
        };
        long start = System.nanoTime();
        try (RtpSender sender = new RtpSender()) {
            for (int i = 0; i < PACKETS; i++) {
                LockSupport.parkNanos(start + i * PACKET_NANOS - System.nanoTime());
                if (i == BLOCK_FROM) {
                    // the tap runs on the loop: holding it holds the loop, and the socket's buffer fills
                    receiver.attachTap("held", hold);
                }
                if (i == blockUntil) {
                    releaseTheLoop(receiver, blocked, release, hold);
                }
                sender.send(packet(tone, i), port);
                afterEach.sent(i, port);
            }
        }
        if (blockUntil >= PACKETS) {
            releaseTheLoop(receiver, blocked, release, hold);
        }
        long readings = receiver.dropReadings();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (awaitReadings && receiver.dropReadings() < readings + 2 && System.nanoTime() < deadline) {
            Thread.sleep(10); // a reading that began after the last packet: every drop is counted by then
        }
        for (String id : closeFirst) {
            receiver.close(id);
            fixture.closed(id);
        }
        receiver.close("held");
        return fixture.closed("held");
    }

    private static void releaseTheLoop(RtpReceiver receiver, CountDownLatch blocked, CountDownLatch release,
                                       AudioTap hold) throws InterruptedException {
        assertTrue(blocked.await(1, TimeUnit.SECONDS), "the loop was held");
        release.countDown();
        receiver.detachTap("held", hold);
    }

    private static byte[] packet(byte[] tone, int index) {
        return packet(tone, index, 0x5EED_5EEDL);
    }

    private static byte[] packet(byte[] tone, int index, long ssrc) {
        return rtp().payloadType(0).sequence(1000 + index).timestamp(5000L + (long) index * PACKET_SAMPLES)
                .ssrc(ssrc)
                .payload(Arrays.copyOfRange(tone, index * PACKET_SAMPLES, (index + 1) * PACKET_SAMPLES)).bytes();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
