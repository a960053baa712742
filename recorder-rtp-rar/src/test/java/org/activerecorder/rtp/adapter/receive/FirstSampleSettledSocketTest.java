package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.adapter.pipeline.ArrivalClock;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.testsupport.ToneSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The instant of a stream's sample 0 is published during the call, once it is final
 * ({@link StreamEvent.FirstSampleSettled}), over real sockets on 127.0.0.1 ({@link ReceiverFixture}). Every stream
 * here is paced in real time with its first packet {@value #FIRST_LATE_MILLIS} ms late against the ones after it (as
 * a receive loop busy at the first packet would read it), so the instant is the first arrival corrected by the
 * estimate, not the arrival itself: the settled event carries the estimate, not a copy of the FirstPacket's arrival.
 */
class FirstSampleSettledSocketTest {

    private static final int PACKET_SAMPLES = 160;
    private static final long PACKET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int FIRST_LATE_MILLIS = 60;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @RegisterExtension
    final ReceiverFixture fixture = new ReceiverFixture(10);

    private final List<StreamEvent> events = fixture.events();
    private RtpReceiver receiver;

    @Test
    void aStreamPacedPastTheEstimatesWindowGetsOneSettledFirstSampleDuringTheCallWithItsClosedInstant()
            throws Exception {
        receiver = fixture.start(1);
        int port = receiver.open(spec("paced")).localRtp().getPort();
        int packets = 280; // 5.6 s: past the window, whose first packet after it settles the estimate
        byte[] tone = ToneSource.encoded(440, packets * PACKET_SAMPLES, true);

        long start;
        try (RtpSender sender = new RtpSender()) {
            start = System.nanoTime();
            sendPaced(sender, port, tone, 0, packets, 0);
            Await.until(() -> fixture.received("paced") == packets, "every packet taken");
        }
        StreamEvent.FirstSampleSettled settled = fixture.only(StreamEvent.FirstSampleSettled.class, "paced");
        long settledAt = fixture.publishedNanos(settled);
        long closing = System.nanoTime();
        assertTrue(receiver.close("paced"));
        StreamEvent.Closed closed = fixture.closed("paced");

        assertTrue(settledAt - start >= ArrivalClock.ESTIMATE_SECONDS * SECOND,
                "settled by the window's end: " + (settledAt - start) / 1_000_000 + " ms after the first packet");
        assertTrue(settledAt - closing < 0, "published during the call, not at its end");
        assertEquals(closed.firstSample(), settled.firstSample(), "exactly the instant the Closed event carries");
        StreamEvent.FirstPacket first = fixture.only(StreamEvent.FirstPacket.class, "paced");
        assertCorrectedByTheLateFirstPacket(first, settled.firstSample());
        assertInOrder(first, settled, closed);
        assertEquals(1, events.stream().filter(StreamEvent.FirstSampleSettled.class::isInstance).count(), "once");
    }

    @Test
    void timestampsReanchoredBeforeTheWindowEndsSettleTheFirstSampleWithThePacketThatJumped() throws Exception {
        receiver = fixture.start(1);
        int port = receiver.open(spec("jumping")).localRtp().getPort();
        int before = 100; // 2 s: the estimate has held steady for a second, so it has a correction to settle
        int after = 25;
        byte[] tone = ToneSource.encoded(440, (before + after) * PACKET_SAMPLES, true);
        long jump = 120L * 8000; // two minutes ahead, in sequence: the sender reset its timestamps

        try (RtpSender sender = new RtpSender()) {
            sendPaced(sender, port, tone, 0, before, 0);
            Await.until(() -> fixture.received("jumping") == before, "the packets before the jump taken");
            assertEquals(List.of(), settledEvents("jumping"), "not settled while the window runs");

            sender.send(packet(tone, before, jump), port);
            // nothing more is sent until it comes: the packet that re-anchored the timestamps settled the estimate
            Await.until(() -> !settledEvents("jumping").isEmpty(), "FirstSampleSettled at the re-anchor");
            sendPaced(sender, port, tone, before + 1, after - 1, jump);
            Await.until(() -> fixture.received("jumping") == before + after, "every packet taken");
        }
        assertTrue(receiver.close("jumping"));
        StreamEvent.Closed closed = fixture.closed("jumping");

        assertEquals(1, closed.statistics().timestampJumps(), "the timestamps were re-anchored once");
        StreamEvent.FirstSampleSettled settled = fixture.only(StreamEvent.FirstSampleSettled.class, "jumping");
        assertEquals(closed.firstSample(), settled.firstSample(), "exactly the instant the Closed event carries");
        StreamEvent.FirstPacket first = fixture.only(StreamEvent.FirstPacket.class, "jumping");
        assertCorrectedByTheLateFirstPacket(first, settled.firstSample());
        assertInOrder(first, settled, closed);
    }

    /**
     * A stream whose recording is stopped and started again records a segment under each id: each segment settles its
     * own sample 0 (here by a re-anchor each), once, with the instant of its own Closed event.
     */
    @Test
    void eachSegmentOfAStoppedAndRestartedStreamSettlesItsOwnFirstSample() throws Exception {
        receiver = fixture.start(1);
        int port = receiver.open(spec("session")).localRtp().getPort();
        int steady = 75; // 1.5 s: the estimate has held for a second (one that is still falling is not believed)
        byte[] tone = ToneSource.encoded(440, 2 * (steady + 5) * PACKET_SAMPLES, true);
        long firstJump = 120L * 8000;
        long secondJump = 240L * 8000;

        try (RtpSender sender = new RtpSender()) {
            sendPaced(sender, port, tone, 0, steady, 0);
            sendPaced(sender, port, tone, steady, 5, firstJump);
            Await.until(() -> fixture.received("session") == steady + 5, "the first segment's packets taken");
            assertTrue(receiver.stopRecording("session", Instant.now()));
            fixture.closed("session");
            assertTrue(receiver.recordAgain("session", "again", fixture.folder().resolve("again.wav")).isPresent());

            sendPaced(sender, port, tone, steady + 5, steady, firstJump);
            sendPaced(sender, port, tone, 2 * steady + 5, 5, secondJump);
            Await.until(() -> fixture.received("again") == steady + 5, "the second segment's packets taken");
        }
        assertTrue(receiver.close("session"));

        for (String segment : List.of("session", "again")) {
            StreamEvent.Closed closed = fixture.closed(segment);
            assertEquals(1, closed.statistics().timestampJumps(), segment + " re-anchored once");
            StreamEvent.FirstSampleSettled settled = fixture.only(StreamEvent.FirstSampleSettled.class, segment);
            assertEquals(closed.firstSample(), settled.firstSample(), segment + ": the instant its Closed carries");
            StreamEvent.FirstPacket first = fixture.only(StreamEvent.FirstPacket.class, segment);
            assertCorrectedByTheLateFirstPacket(first, settled.firstSample());
            assertInOrder(first, settled, closed);
        }
    }

    /**
     * A stream that ends before its estimate is final gets no settled event: its estimate becomes final only at its
     * close, where the Closed event carries the instant, a moment later (a settled event then would say nothing new).
     */
    @Test
    void aStreamClosedAfterTwoSecondsGetsNoSettledEventItsClosedCarriesTheInstant() throws Exception {
        receiver = fixture.start(1);
        int port = receiver.open(spec("short")).localRtp().getPort();
        int packets = 100; // 2 s
        byte[] tone = ToneSource.encoded(440, packets * PACKET_SAMPLES, true);

        try (RtpSender sender = new RtpSender()) {
            sendPaced(sender, port, tone, 0, packets, 0);
            Await.until(() -> fixture.received("short") == packets, "every packet taken");
        }
        assertTrue(receiver.close("short"));
        StreamEvent.Closed closed = fixture.closed("short");

        // the loop publishes a settled event before it ends the segment, so the Closed event is the last word
        assertEquals(List.of(), settledEvents("short"), "no FirstSampleSettled: " + events);
        assertCorrectedByTheLateFirstPacket(fixture.only(StreamEvent.FirstPacket.class, "short"),
                closed.firstSample());
    }

    /**
     * Sends packets {@code from} to {@code from + count - 1} in real time, from now: packet {@code from} at once, and
     * those after it each {@value #FIRST_LATE_MILLIS} ms before its time, so that the first came that much later than
     * the ones after it.
     */
    private static void sendPaced(RtpSender sender, int port, byte[] tone, int from, int count, long timestampShift) {
        long start = System.nanoTime();
        long early = TimeUnit.MILLISECONDS.toNanos(FIRST_LATE_MILLIS);
        for (int i = from; i < from + count; i++) {
            if (i > from) {
                sleepUntil(start + (i - from) * PACKET_NANOS - early);
            }
            sender.send(packet(tone, i, timestampShift), port);
        }
    }

    /** Sample 0 was the first packet's lateness before its arrival (give or take the loopback's jitter). */
    private static void assertCorrectedByTheLateFirstPacket(StreamEvent.FirstPacket first, Instant firstSample) {
        long correctionMillis = Duration.between(firstSample, first.arrival()).toMillis();
        assertTrue(correctionMillis >= FIRST_LATE_MILLIS - 20 && correctionMillis <= ArrivalClock.MAX_CORRECTION_MILLIS,
                "sample 0 " + correctionMillis + " ms before the first arrival, expected about " + FIRST_LATE_MILLIS);
    }

    private void assertInOrder(StreamEvent... ofOneStream) {
        for (int i = 1; i < ofOneStream.length; i++) {
            assertTrue(events.indexOf(ofOneStream[i - 1]) < events.indexOf(ofOneStream[i]), "in order: " + events);
        }
    }

    private List<StreamEvent> settledEvents(String streamId) {
        return events.stream().filter(StreamEvent.FirstSampleSettled.class::isInstance)
                .filter(event -> event.streamId().equals(streamId)).toList();
    }

    private StreamSpec spec(String id) {
        return new StreamSpec(id, AudioCodec.PCMU, 0, null, fixture.folder().resolve(id + ".wav"));
    }

    private static byte[] packet(byte[] tone, int index, long timestampShift) {
        return rtp().payloadType(0).sequence(1000 + index)
                .timestamp(5000L + timestampShift + (long) index * PACKET_SAMPLES).ssrc(0x5E77_1EDL)
                .payload(Arrays.copyOfRange(tone, index * PACKET_SAMPLES, (index + 1) * PACKET_SAMPLES)).bytes();
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
