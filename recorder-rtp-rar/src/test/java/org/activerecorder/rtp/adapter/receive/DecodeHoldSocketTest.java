package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.decode.DecodeSlots;
import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.adapter.metrics.LoopFigures;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.GapCause;
import org.activerecorder.rtp.api.OpenedStream;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.rtp.api.StreamStatistics;
import org.activerecorder.testsupport.Goertzel;
import org.activerecorder.testsupport.ToneSource;
import org.activerecorder.testsupport.WavContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A decode worker that stalls (a collector's pause, the JIT's work at start) costs an Opus stream a delay, not audio:
 * once the stream's decode backlog is as deep as its slots and window allow, the loop leaves its packets in the
 * socket and reads them when the worker has caught up. Over real sockets on 127.0.0.1 ({@link ReceiverFixture}); the
 * stall is the worker's start held back while the sender plays two seconds of a paced 1 kHz tone. Before the hold,
 * every packet past the slots' second was refused, a recorder failure gap each.
 */
class DecodeHoldSocketTest {

    private static final int PACKETS = 150;
    /** The worker starts after this many packets have been sent: 2 s, twice what the slots hold. */
    private static final int STALLED_FOR = 100;
    private static final int PACKET_SAMPLES = 320;
    private static final int RATE = 16_000;

    @RegisterExtension
    final ReceiverFixture fixture = new ReceiverFixture(5);

    /** The loop's figures (the metrics' source) just before the worker came back, and after the stream closed. */
    private LoopFigures whileStalled;
    private LoopFigures afterClose;

    @Test
    void aDecodeWorkerStalledForTwoSecondsDelaysTheStreamAndLosesNothing() throws Exception {
        assertTrue(STALLED_FOR > DecodeSlots.SLOTS * 2, "the stall outlasts the slots");
        StreamEvent.Closed closed = playWithTheWorkerStalled(PACKETS, STALLED_FOR);

        StreamStatistics statistics = closed.statistics();
        assertEquals(0, statistics.packetsUndecoded(), "no packet refused, failed or late: " + statistics);
        assertEquals(0, statistics.packetsLost());
        assertEquals((long) PACKETS * PACKET_SAMPLES, statistics.samplesWritten(), "the stream's length, no shift");
        assertTrue(closed.timeline().gaps().stream().noneMatch(gap -> gap.cause() == GapCause.RECORDER_FAILURE),
                "no recorder failure gap: " + closed.timeline().gaps());
        short[] audio = WavContent.read(closed.audioFile()).samples();
        assertEquals((long) PACKETS * PACKET_SAMPLES, audio.length);
        for (int second = 0; second < 3; second++) {
            int from = second * RATE + 1_600; // past the decoder's first frames
            assertEquals(1000, Goertzel.dominant(audio, from, RATE - 3_200, RATE, 100, 7_000, 5), 10,
                    "the tone in second " + second);
        }
        assertEquals(1, whileStalled.streamsHeld(), "the metrics show the stream held while the worker is away");
        assertTrue(whileStalled.decodeHolds() >= 1);
        assertTrue(afterClose.decodeHolds() >= whileStalled.decodeHolds(), "a closed stream's holds stay counted");
        assertEquals(0, afterClose.streamsHeld());
        assertEquals(0, afterClose.decodeHoldLimits());
    }

    /**
     * The worker is still stalled when the BYE comes, the stream held and the call's last two seconds in its socket:
     * the close finishes the decoding on the loop, what the slots hold and what waits in the socket, and nothing is
     * lost. Before, the close read the socket into full slots: every one of the 150 packets refused or late.
     */
    @Test
    void aStreamHeldWhenItClosesHasItsLastPacketsDecodedByTheClose() throws Exception {
        StreamEvent.Closed closed = playWithTheWorkerStalled(PACKETS, PACKETS);

        StreamStatistics statistics = closed.statistics();
        assertEquals(PACKETS, statistics.packetsReceived());
        assertEquals(0, statistics.packetsUndecoded(), "decoded at the close: " + statistics);
        assertEquals((long) PACKETS * PACKET_SAMPLES, statistics.samplesWritten());
        short[] audio = WavContent.read(closed.audioFile()).samples();
        assertEquals(1000, Goertzel.dominant(audio, 2 * RATE, RATE - 1_600, RATE, 100, 7_000, 5), 10,
                "the tone in the last second");
    }

    /**
     * A worker that does not come back within the hold's limit (a second here, {@code decodeHoldLimitSeconds}; 4 s by
     * default) does not have the stream left in its socket until it overflows: it is read again, and what finds no
     * room is refused, a recorder failure gap over exactly its span, the stream's length unchanged; the metrics count
     * the limit reached.
     */
    @Test
    void aWorkerStalledPastTheHoldsLimitHasThePacketsRefusedAndTheStreamKeepsItsLength() throws Exception {
        StreamEvent.Closed closed = playWithTheWorkerStalled(fixture.settings(1).withDecodeHoldLimit(
                Duration.ofSeconds(1)), PACKETS, 125);

        StreamStatistics statistics = closed.statistics();
        assertTrue(statistics.packetsUndecoded() > 0, "refused after the hold's limit: " + statistics);
        assertEquals(PACKETS, statistics.packetsReceived());
        assertEquals((long) PACKETS * PACKET_SAMPLES, statistics.samplesWritten(), "the stream's length, no shift");
        long failed = closed.timeline().gaps().stream().filter(gap -> gap.cause() == GapCause.RECORDER_FAILURE)
                .mapToLong(gap -> gap.lengthSamples()).sum();
        assertEquals(statistics.packetsUndecoded() * PACKET_SAMPLES, failed, "a failure gap over each refused packet");
        assertTrue(afterClose.decodeHolds() >= 1);
        assertTrue(afterClose.decodeHoldLimits() >= 1, "the limit reached is counted: " + afterClose);
    }

    /** With the limit at 0 a stream is never held: the packets past the slots are refused, as before the hold. */
    @Test
    void aLimitOfZeroNeverHoldsTheStream() throws Exception {
        StreamEvent.Closed closed = playWithTheWorkerStalled(fixture.settings(1).withDecodeHoldLimit(Duration.ZERO),
                PACKETS, STALLED_FOR);

        assertTrue(closed.statistics().packetsUndecoded() > 0, "refused: " + closed.statistics());
        assertEquals(PACKETS, closed.statistics().packetsReceived());
        assertEquals(0, whileStalled.streamsHeld());
        assertEquals(0, afterClose.decodeHolds());
    }

    /**
     * Plays {@code packets} of a paced 1 kHz tone to an Opus stream whose loop's decode worker starts only after
     * {@code stalledFor} of them were sent, then closes the stream.
     */
    private StreamEvent.Closed playWithTheWorkerStalled(int packets, int stalledFor) throws Exception {
        return playWithTheWorkerStalled(fixture.settings(1), packets, stalledFor);
    }

    private StreamEvent.Closed playWithTheWorkerStalled(ReceiverSettings settings, int packets, int stalledFor)
            throws Exception {
        CountDownLatch stallOver = new CountDownLatch(1);
        Executor heldBack = task -> fixture.threads().execute(() -> {
            try {
                stallOver.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            task.run();
        });
        RtpReceiver receiver = fixture.startDecodingOn(settings, heldBack);
        OpenedStream stream = receiver.open(new StreamSpec("held", AudioCodec.OPUS, 111, null,
                fixture.folder().resolve("held.wav")));
        List<byte[]> tone = ToneSource.opus(1_000, packets * 20);

        try (RtpSender sender = new RtpSender()) {
            long start = System.nanoTime();
            for (int i = 0; i < packets; i++) {
                if (i == stalledFor) {
                    whileStalled = receiver.loopFigures().get(0);
                    stallOver.countDown();
                }
                sender.send(rtp().payloadType(111).sequence(1_000 + i).timestamp(960L * i).ssrc(0x0A0B)
                        .payload(tone.get(i)).bytes(), stream.localRtp().getPort());
                LockSupport.parkNanos(start + (i + 1) * 20_000_000L - System.nanoTime());
            }
        }
        if (stalledFor >= packets) {
            // held once the oldest span waiting is within a packet of the window's second (45 packets of 20 ms)
            Await.until(() -> fixture.received("held") >= 40, "the backlog filled");
            Thread.sleep(200); // the loop is holding the stream: the rest waits in the socket
            whileStalled = receiver.loopFigures().get(0);
        } else {
            Await.until(() -> fixture.received("held") == packets, "every packet read");
        }
        receiver.close("held");
        StreamEvent.Closed closed = fixture.closed("held");
        stallOver.countDown();
        afterClose = receiver.loopFigures().get(0);
        return closed;
    }
}
