package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.testsupport.Goertzel;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamEvent.CloseReason;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;
import org.activerecorder.rtp.adapter.pipeline.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receiver over real sockets on 127.0.0.1, on a range of port pairs free when each test starts (see
 * {@link ReceiverFixture}), with its loops on a plain thread pool instead of a WorkManager.
 */
class RtpReceiverTest {

    private static final int PACKETS = 250; // 5 s of 20 ms packets
    private static final int PACKET_SAMPLES = 160;
    private static final long SSRC_A = 0xA1A1_A1A1L;
    private static final long SSRC_B = 0xB2B2_B2B2L;

    @RegisterExtension
    final ReceiverFixture fixture = new ReceiverFixture(50);

    private final List<StreamEvent> events = fixture.events();
    private RtpReceiver receiver;

    @Test
    void recordsTwoStreamsThroughReorderingDuplicatesLossAndStrayDatagrams() throws Exception {
        start(2, StreamFileFactory.WAV);
        OpenedStream a = receiver.open(spec("a", AudioCodec.PCMU, 0));
        OpenedStream b = receiver.open(spec("b", AudioCodec.PCMA, 8));
        int portA = a.localRtp().getPort();
        int portB = b.localRtp().getPort();
        assertEquals(InetAddress.getLoopbackAddress(), a.localRtp().getAddress());
        assertEquals(0, portA % 2);
        assertEquals(0, portB % 2);
        assertNotEquals(portA, portB);
        assertTrue(portA >= fixture.ports().first() && portB + 1 <= fixture.ports().last());
        assertPortHeld(portA + 1);

        byte[] toneA = ToneSource.encoded(440, PACKETS * PACKET_SAMPLES, true);
        byte[] toneB = ToneSource.encoded(1000, PACKETS * PACKET_SAMPLES, false);
        Instant before = Instant.now();
        InetSocketAddress sourceA;
        Instant afterFirst;
        try (RtpSender senderA = new RtpSender(); RtpSender senderB = new RtpSender(); RtpSender stray = new RtpSender()) {
            sourceA = senderA.address();
            senderA.send(packet(toneA, 0, 0, SSRC_A), portA);
            afterFirst = Instant.now();
            int acceptedA = 1;
            for (int i = 1; i < PACKETS; i++) {
                if (i == 50) {
                    senderA.send(packet(toneA, 0, 51, SSRC_A), portA); // reordered pair: 51 before 50
                    senderA.send(packet(toneA, 0, 50, SSRC_A), portA);
                    acceptedA += 2;
                } else if (i != 51 && i != 100) {                   // 100 is lost
                    senderA.send(packet(toneA, 0, i, SSRC_A), portA);
                    acceptedA++;
                }
                if (i == 70) {
                    senderA.send(packet(toneA, 0, 70, SSRC_A), portA); // duplicate
                }
                if (i == 20) {
                    senderA.send(new byte[] {(byte) 0x80, 0, 0, 1, 2}, portA); // malformed, from the latched source
                }
                if (i == 30) {
                    stray.send(packet(toneA, 0, 31, SSRC_A), portA);   // valid RTP from a foreign port
                }
                senderA.send(new byte[] {(byte) 0x81, (byte) 200, 0, 6, 0, 0, 0, 1}, portA + 1); // RTCP: counted, dropped
                keepUp("a", acceptedA, i);
            }
            for (int i = 0; i < PACKETS; i++) {
                senderB.send(packet(toneB, 8, i, SSRC_B), portB);
                keepUp("b", i + 1, i);
            }
            Await.until(() -> received("a") == PACKETS - 1 && received("b") == PACKETS, "all packets received");
        }

        assertTrue(receiver.close("a"));
        assertTrue(receiver.close("b"));
        assertFalse(receiver.close("a"), "closing again does nothing");

        for (int port : new int[] {portA, portA + 1, portB, portB + 1}) {
            assertPortFree(port);
        }
        assertEquals(0, receiver.portPairsInUse());
        assertEquals(0, receiver.openStreams());

        StreamEvent.FirstPacket firstA = only(StreamEvent.FirstPacket.class, "a");
        assertEquals(sourceA, firstA.source());
        assertEquals(SSRC_A, firstA.ssrc());
        // 500 ms of slack: on a loaded 2-core machine the loop may read the packet late, never before it was sent
        assertFalse(firstA.arrival().isBefore(before) || firstA.arrival().isAfter(afterFirst.plusMillis(500)),
                "first packet stamped at its arrival: " + firstA.arrival() + ", sent between " + before + " and "
                        + afterFirst);

        StreamEvent.Closed closedA = only(StreamEvent.Closed.class, "a");
        assertEquals(CloseReason.REQUESTED, closedA.reason());
        assertEquals(firstA.arrival(), closedA.firstSample());
        assertEquals(folder().resolve("a.wav"), closedA.audioFile());
        StreamStatistics statsA = closedA.statistics();
        assertEquals(List.of(PACKETS - 1L, 1L, 1L, 0L, 1L, 1L, (long) PACKETS * PACKET_SAMPLES),
                List.of(statsA.packetsReceived(), statsA.packetsMalformed(), statsA.packetsForeign(), statsA.packetsLate(), statsA.packetsLost(),
                        statsA.packetsDuplicate(), statsA.samplesWritten()));
        assertTrue(events.indexOf(firstA) < events.indexOf(closedA));

        StreamEvent.Closed closedB = only(StreamEvent.Closed.class, "b");
        StreamStatistics statsB = closedB.statistics();
        assertEquals(List.of((long) PACKETS, 0L, 0L, 0L, 0L, 0L, (long) PACKETS * PACKET_SAMPLES),
                List.of(statsB.packetsReceived(), statsB.packetsMalformed(), statsB.packetsForeign(), statsB.packetsLate(), statsB.packetsLost(),
                        statsB.packetsDuplicate(), statsB.samplesWritten()));

        short[] expectedA = ToneSource.decodeWithJdk(toneA, true);
        Arrays.fill(expectedA, 100 * PACKET_SAMPLES, 101 * PACKET_SAMPLES, (short) 0);
        assertRecording(folder().resolve("a.wav"), expectedA, 440);
        assertRecording(folder().resolve("b.wav"), ToneSource.decodeWithJdk(toneB, false), 1000);
    }

    @Test
    void stopClosesEveryStreamWithAFinishedFileAndReleasesPortsAndThreads() throws Exception {
        start(2, StreamFileFactory.WAV);
        byte[] tone = ToneSource.encoded(440, 10 * PACKET_SAMPLES, true);
        int[] ports = new int[3];
        for (int i = 0; i < 3; i++) {
            ports[i] = receiver.open(spec("s" + i, AudioCodec.PCMU, 0)).localRtp().getPort();
        }
        try (RtpSender sender = new RtpSender()) {
            for (int i = 0; i < 10; i++) {
                sender.send(packet(tone, 0, i, SSRC_A), ports[0]);
            }
            Await.until(() -> received("s0") == 10, "packets received");
        }

        receiver.stop(Duration.ofSeconds(5));

        List<StreamEvent.Closed> closed = events.stream().filter(StreamEvent.Closed.class::isInstance)
                .map(StreamEvent.Closed.class::cast).collect(Collectors.toList());
        assertEquals(3, closed.size());
        for (StreamEvent.Closed event : closed) {
            assertEquals(CloseReason.ADAPTER_STOPPED, event.reason());
            assertTrue(WavContent.read(event.audioFile()).isRecorderFormat());
        }
        assertEquals(10 * PACKET_SAMPLES, WavContent.read(folder().resolve("s0.wav")).frameLength());
        for (int port : ports) {
            assertPortFree(port);
            assertPortFree(port + 1);
        }
        assertEquals(0, receiver.openStreams());
        assertEquals(0, receiver.portPairsInUse());
        fixture.threads().shutdown();
        assertTrue(fixture.threads().awaitTermination(2, TimeUnit.SECONDS), "loop threads given back");
        assertThrows(StreamOpenRefused.class, () -> receiver.open(spec("late", AudioCodec.PCMU, 0)));
    }

    @Test
    void aWriteFailureEndsOnlyItsOwnStreamAndTheLoopGoesOn() throws Exception {
        start(1, FailingFile.failingFor("doomed", 1)); // one loop serves both streams
        int doomed = receiver.open(spec("doomed", AudioCodec.PCMU, 0)).localRtp().getPort();
        int healthy = receiver.open(spec("healthy", AudioCodec.PCMU, 0)).localRtp().getPort();
        byte[] tone = ToneSource.encoded(440, PACKETS * PACKET_SAMPLES, true);

        try (RtpSender sender = new RtpSender()) {
            for (int i = 0; i < PACKETS; i++) {
                sender.send(packet(tone, 0, i, SSRC_A), doomed);
                sender.send(packet(tone, 0, i, SSRC_B), healthy);
                keepUp("healthy", i + 1, i);
            }
            Await.until(() -> received("healthy") == PACKETS, "the healthy stream received everything");
        }

        StreamEvent.Closed failed = only(StreamEvent.Closed.class, "doomed");
        assertEquals(CloseReason.WRITE_FAILED, failed.reason());
        // the first write comes when the 52nd packet no longer fits the ring (8_192 samples) behind the 51 that
        // wait (8_160 samples): all but the newest 4_096
        assertEquals(4064, failed.statistics().samplesWritten(), "one batch made it before the disk filled");
        assertEquals(4064, WavContent.read(failed.audioFile()).frameLength(), "valid up to the last good flush");
        assertFalse(receiver.close("doomed"), "the stream already ended");
        assertPortFree(doomed);

        assertTrue(receiver.close("healthy"));
        StreamEvent.Closed fine = only(StreamEvent.Closed.class, "healthy");
        assertEquals(CloseReason.REQUESTED, fine.reason());
        assertEquals(PACKETS * PACKET_SAMPLES, fine.statistics().samplesWritten());
    }

    @Test
    void aFailedOpenLeavesNoPortAndNoFileBehind() throws Exception {
        receiver = fixture.start(fixture.settings(1, 2), StreamFileFactory.WAV); // two pairs
        Path existing = folder().resolve("existing.wav");
        Files.write(existing, new byte[] {42});

        StreamOpenRefused fileRefused = assertThrows(StreamOpenRefused.class,
                () -> receiver.open(new StreamSpec("e", AudioCodec.PCMU, 0, null, existing)));
        assertTrue(fileRefused.getMessage().contains("cannot create the audio file"), fileRefused.getMessage());
        assertArrayEquals(new byte[] {42}, Files.readAllBytes(existing));
        assertEquals(0, receiver.portPairsInUse());

        receiver.open(spec("one", AudioCodec.PCMU, 0));
        Path otherFile = folder().resolve("other.wav");
        assertThrows(StreamOpenRefused.class,
                () -> receiver.open(new StreamSpec("one", AudioCodec.PCMU, 0, null, otherFile)));
        assertFalse(Files.exists(otherFile));
        assertEquals(1, receiver.portPairsInUse());

        receiver.open(spec("two", AudioCodec.PCMU, 0));
        StreamOpenRefused full = assertThrows(StreamOpenRefused.class,
                () -> receiver.open(spec("three", AudioCodec.PCMU, 0)));
        assertTrue(full.getMessage().contains("no free RTP/RTCP port pair"), full.getMessage());
        assertFalse(Files.exists(folder().resolve("three.wav")));
        assertEquals(2, receiver.portPairsInUse());
        assertEquals(2, receiver.openStreams());
        assertTrue(events.isEmpty(), "failed opens publish nothing");
    }

    @Test
    void aStreamThatGoesQuietHasAllItsAudioOnDiskWhileStillOpen() throws Exception {
        start(1, StreamFileFactory.WAV);
        int port = receiver.open(spec("quiet", AudioCodec.PCMU, 0)).localRtp().getPort();
        int packets = 30; // 0.6 s: less than the second that would trigger a write by itself
        byte[] tone = ToneSource.encoded(440, packets * PACKET_SAMPLES, true);
        try (RtpSender sender = new RtpSender()) {
            for (int i = 0; i < packets; i++) {
                sender.send(packet(tone, 0, i, SSRC_A), port);
            }
        }
        Await.until(() -> received("quiet") == packets, "every packet taken");

        // no BYE, no close: the sender has just stopped (hold, or a Media Server that died)
        Await.until(() -> fileFrames(folder().resolve("quiet.wav")) == packets * PACKET_SAMPLES,
                "the quiet stream's audio is written out within the sweep interval");
        assertArrayEquals(ToneSource.decodeWithJdk(tone, true),
                WavContent.readStreamFile(folder().resolve("quiet.wav")).samples());
        assertTrue(receiver.close("quiet"));
    }

    /**
     * The loop reads one datagram per ready socket a round and rests between short rounds; a sender catching up (here
     * 2 s of audio sent at once, no pacing, beside a stream that is paced) still has every packet read: its socket is
     * ready round after round, which the loop takes as a backlog, reading it dry without resting.
     */
    @Test
    void aBurstIntoOneSocketIsReadWholeBesideAPacedStream() throws Exception {
        start(1, StreamFileFactory.WAV);
        int burstPort = receiver.open(spec("burst", AudioCodec.PCMU, 0)).localRtp().getPort();
        int pacedPort = receiver.open(spec("paced", AudioCodec.PCMU, 0)).localRtp().getPort();
        int packets = 100;
        byte[] burstTone = ToneSource.encoded(440, packets * PACKET_SAMPLES, true);
        byte[] pacedTone = ToneSource.encoded(1000, 10 * PACKET_SAMPLES, true);
        try (RtpSender sender = new RtpSender()) {
            for (int i = 0; i < 10; i++) {
                sender.send(packet(pacedTone, 0, i, SSRC_B), pacedPort);
                Thread.sleep(20);
            }
            for (int i = 0; i < packets; i++) {
                sender.send(packet(burstTone, 0, i, SSRC_A), burstPort);
            }
        }
        Await.until(() -> received("burst") == packets, "every packet of the burst taken");
        Await.until(() -> received("paced") == 10, "every paced packet taken");
        assertTrue(receiver.close("burst"));
        assertTrue(receiver.close("paced"));
        assertRecording(folder().resolve("burst.wav"), ToneSource.decodeWithJdk(burstTone, true), 440);
        assertRecording(folder().resolve("paced.wav"), ToneSource.decodeWithJdk(pacedTone, true), 1000);
    }

    private static long fileFrames(Path file) {
        try {
            return WavContent.readStreamFile(file).frameLength();
        } catch (IOException stillBeingCreated) {
            return -1;
        }
    }

    @Test
    void aFileSlowToReachTheDiskHoldsUpNeitherTheLoopNorTheOtherStreams() throws Exception {
        CountDownLatch disk = new CountDownLatch(1);
        start(1, SlowDiskFile.forPrefix("slow", disk)); // one loop: both streams on it
        int slowPort = receiver.open(spec("slow", AudioCodec.PCMU, 0)).localRtp().getPort();
        int otherPort = receiver.open(spec("other", AudioCodec.PCMU, 0)).localRtp().getPort();
        byte[] tone = ToneSource.encoded(1000, 50 * PACKET_SAMPLES, true);
        try (RtpSender slowSender = new RtpSender(); RtpSender otherSender = new RtpSender()) {
            for (int i = 0; i < 10; i++) {
                slowSender.send(packet(tone, 0, i, SSRC_A), slowPort);
            }
            Await.until(() -> received("slow") == 10, "the slow stream's packets taken");
            CompletableFuture<Boolean> closing =
                    CompletableFuture.supplyAsync(() -> receiver.close("slow"), fixture.threads());
            Await.until(() -> !receiver.openStreamIds().contains("slow"), "the close under way");

            // its file now waits for the disk; the loop reads the other stream meanwhile (and answers for it)
            for (int i = 0; i < 50; i++) {
                otherSender.send(packet(tone, 0, i, SSRC_B), otherPort);
            }
            Await.until(() -> received("other") == 50, "the other stream's packets taken while the slow file waits");
            assertFalse(closing.isDone(), "close returns only once the file is on disk");
            assertTrue(events.stream().noneMatch(e -> e instanceof StreamEvent.Closed),
                    "no Closed event before the file is on disk: " + events);

            disk.countDown();
            assertTrue(closing.get(5, TimeUnit.SECONDS));
        }
        StreamEvent.Closed closed = only(StreamEvent.Closed.class, "slow");
        assertEquals(CloseReason.REQUESTED, closed.reason());
        assertEquals(10 * PACKET_SAMPLES, WavContent.read(closed.audioFile()).frameLength());
        assertTrue(receiver.close("other"));
    }

    @Test
    void aFileSlowToReachTheDiskHoldsUpNoOtherStreamsEnd() throws Exception {
        CountDownLatch disk = new CountDownLatch(1);
        start(1, SlowDiskFile.forPrefix("slow", disk));
        receiver.open(spec("slow", AudioCodec.PCMU, 0)); // the first stream opened: the first closer
        List<String> others = new ArrayList<>();
        for (int i = 1; i < RtpReceiver.FILE_CLOSERS; i++) {
            others.add("other-" + i);
            receiver.open(spec("other-" + i, AudioCodec.PCMU, 0));
        }
        CompletableFuture<Boolean> closing =
                CompletableFuture.supplyAsync(() -> receiver.close("slow"), fixture.threads());
        Await.until(() -> !receiver.openStreamIds().contains("slow"), "the slow close under way");
        try {
            // With one closer these would queue behind the slow file, and so would every recording's completion.
            for (String other : others) {
                assertTrue(receiver.close(other), other + " closed while the slow file waits for the disk");
                fixture.closed(other);
            }
            assertFalse(closing.isDone(), "the slow file is still waiting for the disk");
        } finally {
            disk.countDown();
        }
        assertTrue(closing.get(5, TimeUnit.SECONDS));
        assertEquals(CloseReason.REQUESTED, only(StreamEvent.Closed.class, "slow").reason());
    }

    /**
     * A BYE's close does not wait for the disk: {@code closeLater} returns while the stream's file still waits to be
     * forced (the thread that asked is free for the next BYE), and the file, the Closed event and the port follow
     * once the disk goes on (series BJ: a hundred BYEs a second held the container's four executor threads in
     * {@code close}).
     */
    @Test
    void closeLaterReturnsBeforeTheFileIsOnDiskAndTheCloseFollows() throws Exception {
        CountDownLatch disk = new CountDownLatch(1);
        start(1, SlowDiskFile.forPrefix("slow", disk));
        int port = receiver.open(spec("slow", AudioCodec.PCMU, 0)).localRtp().getPort();
        byte[] tone = ToneSource.encoded(1000, 10 * PACKET_SAMPLES, true);
        try (RtpSender sender = new RtpSender()) {
            for (int i = 0; i < 10; i++) {
                sender.send(packet(tone, 0, i, SSRC_A), port);
            }
            Await.until(() -> received("slow") == 10, "the stream's packets taken");
        }
        try {
            CompletableFuture<Boolean> closing =
                    CompletableFuture.supplyAsync(() -> receiver.closeLater("slow"), fixture.threads());
            assertTrue(closing.get(5, TimeUnit.SECONDS), "returned while the file waits for the disk");
            assertFalse(receiver.openStreamIds().contains("slow"));
            assertFalse(receiver.closeLater("slow"), "closed already");
            assertTrue(events.stream().noneMatch(e -> e instanceof StreamEvent.Closed),
                    "no Closed event before the file is on disk: " + events);
        } finally {
            disk.countDown();
        }
        fixture.closed("slow");
        StreamEvent.Closed closed = only(StreamEvent.Closed.class, "slow");
        assertEquals(CloseReason.REQUESTED, closed.reason());
        assertEquals(10 * PACKET_SAMPLES, WavContent.read(closed.audioFile()).frameLength(), "every packet in it");
        Await.until(() -> {
            try {
                assertPortFree(port);
                return true;
            } catch (IOException stillBound) {
                return false;
            }
        }, "the port released");
    }

    /** A real WAV file whose close (where it is forced to disk) waits until the test lets the disk go on. */
    private static final class SlowDiskFile extends ForwardingFile {
        private final CountDownLatch disk;

        private SlowDiskFile(WavFile file, CountDownLatch disk) {
            super(file);
            this.disk = disk;
        }

        static StreamFileFactory forPrefix(String prefix, CountDownLatch disk) {
            return (path, rate) -> {
                WavFile wav = WavFile.create(path, rate);
                return path.getFileName().toString().startsWith(prefix) ? new SlowDiskFile(wav, disk) : wav;
            };
        }

        @Override
        public void close() throws IOException {
            try {
                disk.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.close();
        }
    }

    /**
     * A stream that ends gives its audio window's ring back to its loop, and the next stream opened on that loop
     * records in it (RingPool): each file holds exactly its own stream's audio, and the hole a lost packet leaves in
     * the second stream is silence, not what the first stream's audio left in the ring.
     */
    @Test
    void aStreamOpenedAfterAnotherEndedRecordsOnlyItsOwnAudioInTheRingItGaveBack() throws Exception {
        start(1, StreamFileFactory.WAV);
        int packets = 100;
        byte[] first = ToneSource.encoded(440, packets * PACKET_SAMPLES, true);
        byte[] second = ToneSource.encoded(1000, packets * PACKET_SAMPLES, true);
        long[] before = receiver.loops().get(0).rings().counts();

        sendAndClose("first", first, packets, -1);
        assertEquals(2 * 8192, receiver.loops().get(0).rings().idleBytes(), "the ended stream's ring is kept");
        sendAndClose("second", second, packets, 60);

        long[] after = receiver.loops().get(0).rings().counts();
        assertEquals(2, after[0] - before[0], "two rings taken");
        assertEquals(1, after[1] - before[1], "the second stream's is the first's");
        assertRecording(folder().resolve("first.wav"), ToneSource.decodeWithJdk(first, true), 440);
        short[] expected = ToneSource.decodeWithJdk(second, true);
        Arrays.fill(expected, 60 * PACKET_SAMPLES, 61 * PACKET_SAMPLES, (short) 0); // packet 60 is lost
        assertRecording(folder().resolve("second.wav"), expected, 1000);
    }

    /** Sends {@code packets} of {@code tone} to a new stream {@code id} ({@code lost}: one not sent), closes it. */
    private void sendAndClose(String id, byte[] tone, int packets, int lost) throws Exception {
        int port = receiver.open(spec(id, AudioCodec.PCMU, 0)).localRtp().getPort();
        try (RtpSender sender = new RtpSender()) {
            int sent = 0;
            for (int i = 0; i < packets; i++) {
                if (i != lost) {
                    sender.send(packet(tone, 0, i, SSRC_A), port);
                    sent++;
                }
                keepUp(id, sent, i);
            }
            int all = sent;
            Await.until(() -> received(id) == all, id + ": every packet taken");
        }
        assertTrue(receiver.close(id));
        Await.until(() -> events.stream().anyMatch(event -> event instanceof StreamEvent.Closed
                && event.streamId().equals(id)), id + " closed");
    }

    @Test
    void closingAStreamThatWasNeverOpenedDoesNothing() throws IOException {
        start(1, StreamFileFactory.WAV);

        assertFalse(receiver.close("nobody"));
        assertTrue(events.isEmpty());
    }

    private void start(int loops, StreamFileFactory files) throws IOException {
        receiver = fixture.start(fixture.settings(loops), files);
    }

    private Path folder() {
        return fixture.folder();
    }

    private StreamSpec spec(String id, AudioCodec codec, int payloadType) {
        return new StreamSpec(id, codec, payloadType, null, folder().resolve(id + ".wav"));
    }

    /** Packet {@code index} of an encoded tone; sequence and timestamp start close to their wrap. */
    private static byte[] packet(byte[] tone, int payloadType, int index, long ssrc) {
        return rtp().payloadType(payloadType).sequence(65_500 + index)
                .timestamp(0xFFFF_C000L + (long) index * PACKET_SAMPLES).ssrc(ssrc)
                .payload(Arrays.copyOfRange(tone, index * PACKET_SAMPLES, (index + 1) * PACKET_SAMPLES)).bytes();
    }

    /**
     * Every 25 packets, waits until the stream has taken what was sent: a test sends much faster than real time,
     * and a loop thread descheduled on a busy machine must not turn into lost datagrams in the socket buffer.
     */
    private void keepUp(String id, long accepted, int index) throws InterruptedException {
        if (index % 25 == 24) {
            Await.until(() -> received(id) >= accepted, id + " keeping up");
        }
    }

    private long received(String id) {
        return fixture.received(id);
    }

    private <T extends StreamEvent> T only(Class<T> type, String streamId) {
        return fixture.only(type, streamId);
    }

    private static void assertRecording(Path file, short[] expected, double frequency) throws IOException {
        WavContent wav = WavContent.read(file);
        assertTrue(wav.isRecorderFormat(), wav.format().toString());
        assertEquals(expected.length, wav.frameLength());
        assertArrayEquals(expected, wav.samples());
        assertEquals(frequency, Goertzel.dominant(wav.samples(), 0, wav.samples().length, 8000, 100, 3500, 5), 5);
    }

    private static void assertPortHeld(int port) {
        assertThrows(IOException.class, () -> bind(port).close(), "port " + port + " should be bound");
    }

    private static void assertPortFree(int port) throws IOException {
        bind(port).close();
    }

    private static DatagramChannel bind(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }
}
