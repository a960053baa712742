package org.activerecorder.infrastructure.media;

import org.activerecorder.application.StreamReports;
import org.activerecorder.application.ports.LiveStream;
import org.activerecorder.application.ports.ProgressiveAssembly;
import org.activerecorder.domain.model.recording.DtmfTone;
import org.activerecorder.domain.model.recording.GapCause;
import org.activerecorder.domain.model.recording.StreamEnd;
import org.activerecorder.domain.model.recording.StreamEndReason;
import org.activerecorder.domain.model.recording.StreamGap;
import org.activerecorder.domain.model.recording.StreamStatistics;
import org.activerecorder.rtp.api.DtmfEvent;
import org.activerecorder.rtp.api.Gap;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamTimeline;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaStreamEventsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** Records what it is asked to apply; fails while {@link #failing} is set, as a busy database would. */
    private static final class RecordingLifecycle implements StreamReports {
        final List<Object> applied = new ArrayList<>();
        boolean failing;

        @Override
        public void firstPacket(String streamId, Instant arrival) {
            apply(List.of(streamId, arrival));
        }

        @Override
        public void firstSampleSettled(String streamId, Instant firstSample) {
            apply(List.of(streamId, "settled", firstSample));
        }

        @Override
        public void streamClosed(String streamId, StreamEnd end) {
            apply(List.of(streamId, end));
        }

        private void apply(Object what) {
            if (failing) {
                throw new jakarta.ejb.EJBException("lock timeout");
            }
            applied.add(what);
        }
    }

    /** Takes a settled first sample of the streams in {@link #open} only, as the file built ahead does. */
    private static final class BuiltAhead implements ProgressiveAssembly {
        final java.util.Set<String> open = new java.util.HashSet<>();
        final List<Object> settled = new ArrayList<>();

        @Override
        public void streamsNow(long recordingId, List<LiveStream> streams) {
            throw new AssertionError("told with the recording locked, never by the events");
        }

        @Override
        public void firstSampleSettled(long recordingId, String streamId, Instant firstSample) {
            throw new AssertionError("told with the recording locked, never by the events");
        }

        @Override
        public boolean firstSampleSettled(String streamId, Instant firstSample) {
            if (!open.contains(streamId)) {
                return false;
            }
            settled.add(List.of(streamId, firstSample));
            return true;
        }

        @Override
        public boolean firstPacketArrived(String streamId, Instant arrival) {
            throw new AssertionError("told by the first packet's transaction, never by the events");
        }

        @Override
        public void discard(long recordingId) {
            throw new AssertionError("never by the events");
        }
    }

    private final RecordingLifecycle lifecycle = new RecordingLifecycle();
    private final BuiltAhead builtAhead = new BuiltAhead();
    private final MediaStreamEvents events = new MediaStreamEvents(lifecycle, builtAhead);

    private static StreamEvent.Closed closed() {
        org.activerecorder.rtp.api.StreamStatistics statistics = new org.activerecorder.rtp.api.StreamStatistics(
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        StreamTimeline timeline = new StreamTimeline(
                List.of(new Gap(800, 16000, org.activerecorder.rtp.api.GapCause.QUIET_SENDER),
                        new Gap(40000, 160, org.activerecorder.rtp.api.GapCause.NETWORK_LOSS),
                        new Gap(48000, 320, org.activerecorder.rtp.api.GapCause.RECEIVER_OVERFLOW)), 2,
                List.of(new DtmfEvent(24000, 11, 1600, 10, true)), 1);
        return new StreamEvent.Closed("s1", T0.plusMillis(20), Path.of("/tmp/s1.wav"), statistics,
                StreamEvent.CloseReason.RECEIVE_FAILED, timeline);
    }

    @Test
    void aClosedStreamArrivesInTheDomainsWordsWithEveryCounterInItsPlace() {
        events.onStreamEvent(closed());

        StreamEnd expected = new StreamEnd(T0.plusMillis(20),
                new StreamStatistics(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), StreamEndReason.RECEIVE_FAILED,
                new org.activerecorder.domain.model.recording.StreamTimeline(
                        List.of(new StreamGap(800, 16000, GapCause.QUIET_SENDER),
                                new StreamGap(40000, 160, GapCause.NETWORK_LOSS),
                                new StreamGap(48000, 320, GapCause.RECEIVER_OVERFLOW)), 2,
                        List.of(new DtmfTone(24000, 11, 1600, 10, true)), 1));
        assertEquals(List.of(List.of("s1", expected)), lifecycle.applied);
    }

    @Test
    void everyCloseReasonAndGapCauseHasItsDomainName() {
        for (StreamEvent.CloseReason reason : StreamEvent.CloseReason.values()) {
            assertEquals(reason.name(), StreamEndReason.valueOf(reason.name()).name());
            assertEquals(reason.losesAudio(), StreamEndReason.valueOf(reason.name()).losesAudio(), reason.name());
        }
        for (org.activerecorder.rtp.api.GapCause cause : org.activerecorder.rtp.api.GapCause.values()) {
            assertEquals(cause.name(), GapCause.valueOf(cause.name()).name());
            assertEquals(cause == org.activerecorder.rtp.api.GapCause.RECORDER_FAILURE
                    || cause == org.activerecorder.rtp.api.GapCause.SERVER_RESTART
                    || cause == org.activerecorder.rtp.api.GapCause.RECEIVER_OVERFLOW,
                    GapCause.valueOf(cause.name()).isOurLoss(), cause + ": the recorder's loss or not");
        }
    }

    @Test
    void aSettledFirstSampleIsHandedOnWithItsInstantUntouched() {
        Instant settled = T0.minusNanos(61_250_000); // sub-millisecond: the instant aligns the parties to the sample

        events.onStreamEvent(new StreamEvent.FirstSampleSettled("s1", settled));

        assertEquals(List.of(List.of("s1", "settled", settled)), lifecycle.applied);
    }

    @Test
    void aSettledFirstSampleOfAStreamBeingBuiltAheadGoesThereWithoutATransaction() {
        builtAhead.open.add("s1");
        Instant settled = T0.minusNanos(61_250_000);

        events.onStreamEvent(new StreamEvent.FirstSampleSettled("s1", settled));
        events.onStreamEvent(new StreamEvent.FirstSampleSettled("s2", T0));

        assertEquals(List.of(List.of("s1", settled)), builtAhead.settled);
        assertEquals(List.of(List.of("s2", "settled", T0)), lifecycle.applied, "s2 is not known there: looked up");
    }

    @Test
    void aSettledFirstSampleThatCannotBeAppliedIsThrownBackAndTakenWhenDeliveredAgain() {
        StreamEvent.FirstSampleSettled settled = new StreamEvent.FirstSampleSettled("s1", T0);
        lifecycle.failing = true;

        EventNotTaken refused = assertThrows(EventNotTaken.class, () -> events.onStreamEvent(settled));
        assertTrue(refused.getMessage().contains("FirstSampleSettled of stream s1"), refused.getMessage());
        assertEquals(List.of(), lifecycle.applied);

        lifecycle.failing = false;
        events.onStreamEvent(settled);
        assertEquals(List.of(List.of("s1", "settled", T0)), lifecycle.applied, "taken once the database answers");
    }

    @Test
    void anEventThatCannotBeAppliedIsThrownBackToBeDeliveredAgain() {
        lifecycle.failing = true;
        StreamEvent.FirstPacket first = new StreamEvent.FirstPacket("s1", T0,
                new InetSocketAddress("127.0.0.1", 40000), 42);

        assertThrows(EventNotTaken.class, () -> events.onStreamEvent(first));
        assertThrows(EventNotTaken.class, () -> events.onStreamEvent(closed()));

        lifecycle.failing = false;
        events.onStreamEvent(first);
        assertEquals(List.of(List.of("s1", T0)), lifecycle.applied, "taken once the database answers");
    }
}
