package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.adapter.pipeline.AllowedPeers;
import org.activerecorder.rtp.adapter.pipeline.SampleSink;
import org.activerecorder.rtp.adapter.pipeline.StreamPipeline;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.AudioTap;
import org.activerecorder.rtp.api.Gap;
import org.activerecorder.rtp.api.GapCause;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamEvent.CloseReason;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;
import org.activerecorder.testsupport.Goertzel;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the EJB side asks of open streams, through the receiver and its loops over real sockets on 127.0.0.1 (a free
 * range of port pairs: see {@link ReceiverFixture}): which streams are open, pause and resume, a tap on the audio,
 * and the quiet limit that closes a stream whose sender went away; and that one stream's failure never takes its
 * loop or its Closed event with it.
 */
class StreamControlTest {

    private static final int PACKET_SAMPLES = 160;
    private static final long PACKET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    @RegisterExtension
    final ReceiverFixture fixture = new ReceiverFixture(50);

    private final List<StreamEvent> events = fixture.events();
    private RtpReceiver receiver;

    @Test
    void openStreamIdsAreTheStreamsOpenNowAndControlsOfUnknownStreamsSayNo() throws Exception {
        start(Duration.ZERO, StreamFileFactory.WAV);
        receiver.open(spec("a"));
        receiver.open(spec("b"));
        assertEquals(Set.of("a", "b"), receiver.openStreamIds());

        receiver.close("a");

        assertEquals(Set.of("b"), receiver.openStreamIds());
        assertFalse(receiver.pause("a", Instant.now()));
        assertFalse(receiver.resume("nobody", Instant.now()));
        assertFalse(receiver.attachTap("a", (id, position, samples, offset, count) -> { }));
        receiver.detachTap("a", (id, position, samples, offset, count) -> { }); // nothing to detach: no failure
        assertTrue(receiver.pause("b", Instant.now()));
        assertTrue(receiver.resume("b", Instant.now()));
    }

    @Test
    void streamsQuietForTheLimitAreClosedAsNoMediaWhileALiveOneGoesOn() throws Exception {
        Duration limit = Duration.ofMillis(600);
        start(limit, StreamFileFactory.WAV);
        long opened = System.nanoTime();
        receiver.open(spec("never"));
        int stopped = port(receiver.open(spec("stopped")).localRtp());
        int talking = port(receiver.open(spec("talking")).localRtp());
        byte[] tone = ToneSource.encoded(440, 150 * PACKET_SAMPLES, true);

        long lastOfStopped;
        try (RtpSender sender = new RtpSender()) {
            for (int i = 0; i < 9; i++) {
                sender.send(packet(tone, i, 1), stopped);
            }
            lastOfStopped = System.nanoTime(); // before the last packet: the loop cannot stamp it earlier
            sender.send(packet(tone, 9, 1), stopped);
            long start = System.nanoTime();
            for (int i = 0; i < 150; i++) { // 3 s in real time: five times the limit, never quiet for 20 ms
                sleepUntil(start + i * PACKET_NANOS);
                sender.send(packet(tone, i, 2), talking);
            }
        }

        StreamEvent.Closed never = closed("never");
        StreamEvent.Closed gone = closed("stopped");
        assertEquals(CloseReason.NO_MEDIA, never.reason());
        assertNull(never.firstSample(), "no media ever came");
        assertTrue(fixture.publishedNanos(never) - opened >= limit.toNanos(), "counted from the open");
        assertEquals(CloseReason.NO_MEDIA, gone.reason());
        assertTrue(fixture.publishedNanos(gone) - lastOfStopped >= limit.toNanos(), "counted from the last packet");
        assertEquals(10 * PACKET_SAMPLES, gone.statistics().samplesWritten());
        assertArrayEquals(ToneSource.decodeWithJdk(Arrays.copyOf(tone, 10 * PACKET_SAMPLES), true),
                WavContent.read(gone.audioFile()).samples(), "what came before the sender went is all there");
        assertFalse(receiver.close("stopped"), "already ended");
        assertEquals(Set.of("talking"), receiver.openStreamIds());

        assertTrue(receiver.close("talking"), "the live stream was still open");
        assertEquals(CloseReason.REQUESTED, closed("talking").reason());
        assertEquals(150, closed("talking").statistics().packetsReceived());
        assertEquals(0, receiver.portPairsInUse());
        assertEquals(3, fixture.closedCount(), "one Closed each");
    }

    @Test
    void aPausedSpanOfAToneComesOutAsSilenceOfTheRightLength() throws Exception {
        start(Duration.ZERO, StreamFileFactory.WAV);
        int port = port(receiver.open(spec("held")).localRtp());
        int packets = 150; // 3 s: tone, then 1 s paused from packet 50, then tone again from packet 100
        byte[] tone = ToneSource.encoded(1000, packets * PACKET_SAMPLES, true);

        try (RtpSender sender = new RtpSender()) {
            long start = System.nanoTime();
            for (int i = 0; i < packets; i++) {
                sleepUntil(start + i * PACKET_NANOS);
                if (i == 50) {
                    assertTrue(receiver.pause("held", Instant.now()));
                } else if (i == 100) {
                    assertTrue(receiver.resume("held", Instant.now()));
                }
                sender.send(packet(tone, i, 3), port);
            }
            Await.until(() -> received("held") == packets, "every packet taken");
        }
        assertTrue(receiver.close("held"));

        StreamEvent.Closed held = closed("held");
        assertEquals(packets, held.statistics().packetsReceived(), "paused packets are received and counted");
        short[] audio = WavContent.read(held.audioFile()).samples();
        assertEquals(packets * PACKET_SAMPLES, audio.length);
        int slack = 800; // 100 ms either side: the pause is placed by wall-clock time, the packets by their arrival
        int pausedFrom = 50 * PACKET_SAMPLES;
        int pausedTo = 100 * PACKET_SAMPLES;
        assertEquals(1000, Goertzel.dominant(audio, 0, pausedFrom - slack, 8000, 100, 3500, 5), 5, "tone before");
        short[] paused = Arrays.copyOfRange(audio, pausedFrom + slack, pausedTo - slack);
        assertArrayEquals(new short[paused.length], paused, "silence while paused");
        assertEquals(1000, Goertzel.dominant(audio, pausedTo + slack, audio.length - pausedTo - slack, 8000, 100, 3500,
                5), 5, "tone after");
        List<Gap> pauses = held.timeline().gaps().stream().filter(gap -> gap.cause() == GapCause.SIGNALLED_PAUSE)
                .collect(Collectors.toList());
        assertEquals(1, pauses.size(), held.timeline().toString());
        assertEquals(pausedFrom, pauses.get(0).startSample(), slack);
        assertEquals(pausedTo - pausedFrom, pauses.get(0).lengthSamples(), 2 * slack);
    }

    @Test
    void aTapHearsTheAudioAsItIsPlacedUntilItIsDetached() throws Exception {
        start(Duration.ZERO, StreamFileFactory.WAV);
        int port = port(receiver.open(spec("live")).localRtp());
        byte[] tone = ToneSource.encoded(440, 100 * PACKET_SAMPLES, true);
        short[] heard = new short[100 * PACKET_SAMPLES];
        AtomicInteger samplesHeard = new AtomicInteger();
        Set<String> tappedStreams = ConcurrentHashMap.newKeySet();
        AudioTap tap = (id, position, samples, offset, count) -> {
            tappedStreams.add(id);
            System.arraycopy(samples, offset, heard, (int) position, count);
            samplesHeard.addAndGet(count);
        };
        assertTrue(receiver.attachTap("live", tap));
        received("live"); // the attach runs on the loop's next turn: a round trip proves it has run

        try (RtpSender sender = new RtpSender()) {
            for (int i = 0; i < 50; i++) {
                sender.send(packet(tone, i, 4), port);
            }
            Await.until(() -> samplesHeard.get() == 50 * PACKET_SAMPLES, "the tap heard the first 50 packets");
            receiver.detachTap("live", tap);
            received("live"); // a round trip through the loop's commands: the detach has run
            for (int i = 50; i < 100; i++) {
                sender.send(packet(tone, i, 4), port);
            }
            Await.until(() -> received("live") == 100, "every packet taken");
        }
        assertTrue(receiver.close("live"));

        assertEquals(Set.of("live"), tappedStreams);
        assertEquals(50 * PACKET_SAMPLES, samplesHeard.get(), "nothing after the detach");
        short[] recorded = WavContent.read(closed("live").audioFile()).samples();
        assertArrayEquals(Arrays.copyOf(recorded, 50 * PACKET_SAMPLES), Arrays.copyOf(heard, 50 * PACKET_SAMPLES),
                "the tap hears what the file gets, at the same positions");
        assertEquals(100 * PACKET_SAMPLES, recorded.length, "the file gets everything, tap or not");
    }

    @Test
    void aBugInOneStreamsQuietFlushClosesThatStreamOnceAndTheLoopGoesOn() throws Exception {
        start(Duration.ZERO, FailingFile.breakingFor("broken", 0)); // one loop serves both streams
        int broken = port(receiver.open(spec("broken")).localRtp());
        int healthy = port(receiver.open(spec("healthy")).localRtp());
        byte[] tone = ToneSource.encoded(440, 100 * PACKET_SAMPLES, true);

        try (RtpSender sender = new RtpSender()) {
            for (int i = 0; i < 20; i++) { // 0.4 s: written out only by the quiet sweep, which then breaks
                sender.send(packet(tone, i, 5), broken);
            }
            Await.until(() -> events.stream().anyMatch(e -> e instanceof StreamEvent.Closed
                    && e.streamId().equals("broken")), "the broken stream closed");
            for (int i = 0; i < 100; i++) {
                sender.send(packet(tone, i, 6), healthy);
            }
            Await.until(() -> received("healthy") == 100, "the other stream on the loop still receives");
        }

        assertEquals(CloseReason.WRITE_FAILED, closed("broken").reason());
        assertFalse(receiver.close("broken"));
        assertTrue(receiver.close("healthy"));
        assertEquals(CloseReason.REQUESTED, closed("healthy").reason());
        assertEquals(100 * PACKET_SAMPLES, closed("healthy").statistics().samplesWritten());
        assertEquals(2, fixture.closedCount(), "one Closed each");
    }

    @Test
    void aBugOnAPacketClosesOnlyItsStreamWithExactlyOneClosed() throws Exception {
        start(Duration.ZERO, FailingFile.breakingFor("broken", 0));
        int broken = port(receiver.open(spec("broken")).localRtp());
        int healthy = port(receiver.open(spec("healthy")).localRtp());
        byte[] tone = ToneSource.encoded(440, 100 * PACKET_SAMPLES, true);

        try (RtpSender sender = new RtpSender()) {
            for (int i = 0; i < 100; i++) { // past a second: the window writes while taking a packet, and breaks
                sender.send(packet(tone, i, 7), broken);
                sender.send(packet(tone, i, 8), healthy);
            }
            Await.until(() -> received("healthy") == 100, "the other stream on the loop still receives");
        }
        Await.until(() -> events.stream().anyMatch(e -> e instanceof StreamEvent.Closed
                && e.streamId().equals("broken")), "the broken stream closed");

        assertTrue(closed("broken").reason().losesAudio(), closed("broken").reason().toString());
        assertTrue(receiver.close("healthy"));
        assertEquals(CloseReason.REQUESTED, closed("healthy").reason());
        assertEquals(2, fixture.closedCount(), "one Closed each");
    }

    @Test
    void aStoppedStreamKeepsItsPortDropsWhatComesAndIsRecordedAgainUnderANewIdUntilItsSessionEnds() throws Exception {
        start(Duration.ZERO, StreamFileFactory.WAV);
        InetSocketAddress local = receiver.open(spec("session")).localRtp();
        byte[] before = ToneSource.encoded(440, 50 * PACKET_SAMPLES, true);
        byte[] during = ToneSource.encoded(700, 25 * PACKET_SAMPLES, true);
        byte[] after = ToneSource.encoded(1000, 50 * PACKET_SAMPLES, true);

        try (RtpSender sender = new RtpSender()) {
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                sleepUntil(start + i * PACKET_NANOS);
                sender.send(packet(before, i, 1), port(local));
            }
            Await.until(() -> received("session") == 50, "the first second received");
            sleepUntil(start + 51 * PACKET_NANOS); // the last packet's 20 ms have been spoken by then
            assertTrue(receiver.stopRecording("session", Instant.now()));
            StreamEvent.Closed stopped = closed("session");
            assertEquals(CloseReason.STOPPED, stopped.reason());
            short[] first = WavContent.read(stopped.audioFile()).samples();
            assertTrue(first.length >= 50 * PACKET_SAMPLES && first.length <= 60 * PACKET_SAMPLES,
                    "the file ends at the stop: " + first.length + " samples");
            assertArrayEquals(ToneSource.decodeWithJdk(before, true), Arrays.copyOf(first, 50 * PACKET_SAMPLES),
                    "all that came before the stop is there");
            assertTrue(receiver.stopRecording("session", Instant.now()), "a second stop changes nothing");
            assertTrue(receiver.openStreamIds().contains("session"), "the port stays open for the session");

            long resume = System.nanoTime();
            for (int i = 0; i < 25; i++) { // the same sender goes on: dropped, never written anywhere
                sleepUntil(resume + i * PACKET_NANOS);
                sender.send(rtp().payloadType(0).sequence(1050 + i).timestamp(5000L + (50L + i) * PACKET_SAMPLES)
                        .ssrc(1).payload(Arrays.copyOfRange(during, i * PACKET_SAMPLES, (i + 1) * PACKET_SAMPLES))
                        .bytes(), port(local));
            }
            Optional<OpenedStream> again = receiver.recordAgain("session", "again", folder().resolve("again.wav"));
            assertEquals(Optional.of(new OpenedStream("again", local)), again, "the same port, the new id");
            assertEquals(Optional.empty(), receiver.recordAgain("session", "twice", folder().resolve("twice.wav")),
                    "a stream being recorded is not recorded again");
            assertFalse(folder().resolve("twice.wav").toFile().exists(), "and leaves no file");
            assertEquals(Set.of("session", "again"), receiver.openStreamIds());

            long restart = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                sleepUntil(restart + i * PACKET_NANOS);
                sender.send(rtp().payloadType(0).sequence(1075 + i).timestamp(5000L + (75L + i) * PACKET_SAMPLES)
                        .ssrc(1).payload(Arrays.copyOfRange(after, i * PACKET_SAMPLES, (i + 1) * PACKET_SAMPLES))
                        .bytes(), port(local));
            }
            Await.until(() -> received("again") == 50, "the new segment's packets");
        }
        assertTrue(receiver.close("session"), "the session's id ends the stream it became");

        StreamEvent.Closed recorded = closed("again");
        assertEquals(CloseReason.REQUESTED, recorded.reason());
        assertArrayEquals(ToneSource.decodeWithJdk(after, true), WavContent.read(recorded.audioFile()).samples(),
                "the new file holds exactly what came after the start, from its first sample");
        assertEquals(50, recorded.statistics().packetsReceived());
        assertEquals(0, recorded.statistics().packetsLost(), "a new segment does not count the stop as loss");
        assertEquals(2, fixture.closedCount(), "one Closed each");
        assertEquals(Set.of(), receiver.openStreamIds());
        assertEquals(0, receiver.portPairsInUse());
    }

    @Test
    void audioFromBeforeTheStopThatArrivesLateIsStillRecordedAndNothingFromAfterIt() throws Exception {
        start(Duration.ZERO, StreamFileFactory.WAV);
        InetSocketAddress local = receiver.open(spec("late")).localRtp();
        byte[] tone = ToneSource.encoded(440, 60 * PACKET_SAMPLES, true);
        try (RtpSender sender = new RtpSender()) {
            long start = System.nanoTime();
            for (int i = 0; i < 40; i++) {
                sleepUntil(start + i * PACKET_NANOS);
                sender.send(packet(tone, i, 1), port(local));
            }
            sleepUntil(start + 50 * PACKET_NANOS); // the sender was held up: packets 40-49 not sent yet
            assertTrue(receiver.stopRecording("late", Instant.now()));
            for (int i = 40; i < 60; i++) { // then it catches up: 40-49 from before the stop, 50-59 from after
                sender.send(packet(tone, i, 1), port(local));
            }
        }

        StreamEvent.Closed stopped = closed("late");
        assertEquals(CloseReason.STOPPED, stopped.reason());
        short[] samples = WavContent.read(stopped.audioFile()).samples();
        assertArrayEquals(ToneSource.decodeWithJdk(Arrays.copyOf(tone, 49 * PACKET_SAMPLES), true),
                Arrays.copyOf(samples, 49 * PACKET_SAMPLES), "what was said before the stop is all there");
        for (int i = 51 * PACKET_SAMPLES; i < samples.length; i++) {
            assertEquals(0, samples[i], "nothing from after the stop, at sample " + i);
        }
    }

    @Test
    void packetsQueuedInTheSocketWhenTheByeClosesTheStreamAreRecorded() throws Exception {
        start(Duration.ZERO, StreamFileFactory.WAV);
        InetSocketAddress local = receiver.open(spec("bye")).localRtp();
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger taps = new AtomicInteger();
        receiver.attachTap("bye", (id, position, samples, offset, count) -> {
            if (taps.getAndIncrement() == 0) {
                held.countDown();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300)); // the loop is busy: the rest queues up
            }
        });
        receiver.statistics("bye"); // a round trip on the loop: the tap's command (queued before it) has run
        byte[] tone = ToneSource.encoded(440, 60 * PACKET_SAMPLES, true);
        try (RtpSender sender = new RtpSender()) {
            sender.send(packet(tone, 0, 1), port(local));
            assertTrue(held.await(5, TimeUnit.SECONDS), "the loop took the first packet");
            for (int i = 1; i < 60; i++) { // the last packets, then at once the BYE's close
                sender.send(packet(tone, i, 1), port(local));
            }
        }
        assertTrue(receiver.close("bye"));

        StreamEvent.Closed closed = closed("bye");
        assertEquals(60, closed.statistics().packetsReceived(), "what was queued when the BYE came is recorded");
        assertArrayEquals(ToneSource.decodeWithJdk(tone, true), WavContent.read(closed.audioFile()).samples());
    }

    @Test
    void aStreamClosedWhileItsRecordingIsStoppedPublishesNothingMore() throws Exception {
        start(Duration.ZERO, StreamFileFactory.WAV);
        receiver.open(spec("session"));
        assertTrue(receiver.stopRecording("session", Instant.now()));
        assertEquals(CloseReason.STOPPED, closed("session").reason());

        assertTrue(receiver.close("session"));

        assertEquals(1, events.size(), "only the stop's Closed: " + events);
        assertEquals(Optional.empty(), receiver.recordAgain("session", "late", folder().resolve("late.wav")));
        assertEquals(0, receiver.portPairsInUse());
    }

    private void start(Duration quietLimit, StreamFileFactory files) throws IOException {
        receiver = fixture.start(fixture.settings(1).withQuietLimit(quietLimit), files);
    }

    private Path folder() {
        return fixture.folder();
    }

    private StreamSpec spec(String id) {
        return new StreamSpec(id, AudioCodec.PCMU, 0, null, folder().resolve(id + ".wav"));
    }

    private static int port(InetSocketAddress address) {
        return address.getPort();
    }

    private static byte[] packet(byte[] tone, int index, long ssrc) {
        return rtp().payloadType(0).sequence(1000 + index).timestamp(5000L + (long) index * PACKET_SAMPLES)
                .ssrc(ssrc).payload(Arrays.copyOfRange(tone, index * PACKET_SAMPLES, (index + 1) * PACKET_SAMPLES))
                .bytes();
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private long received(String id) {
        return fixture.received(id);
    }

    private StreamEvent.Closed closed(String id) throws InterruptedException {
        return fixture.closed(id);
    }

}
