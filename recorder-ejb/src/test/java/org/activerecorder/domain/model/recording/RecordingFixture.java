package org.activerecorder.domain.model.recording;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Recordings and stream ends for domain tests: an agent (DN 1001, recorded) and a customer (DN 5551234). */
final class RecordingFixture {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Dn AGENT = new Dn("1001");
    static final Dn CUSTOMER = new Dn("5551234");
    static final int RATE = 8000;

    private RecordingFixture() {
    }

    static Recording recording() {
        return new Recording(new Call(new CallUuid("CALL1"), T0), new RecordingRequestId("rec-1"), AGENT,
                Map.of("tenant", "Environment"), T0);
    }

    static RecordingStream add(Recording recording, String streamId, Dn dn, String sipCallId, Instant at) {
        return recording.addStream(new StreamDescription(streamId, dn, sipCallId, "PCMU", 0, RATE, null,
                streamId + ".wav"), at);
    }

    /** {@code seconds} of audio, every packet expected received (50 per second). */
    static StreamStatistics clean(int seconds) {
        return statistics(seconds * 50L, 0, 0, seconds * RATE);
    }

    static StreamStatistics statistics(long expected, long lost, long late, long samples) {
        return new StreamStatistics(expected - lost - late, 0, 0, late, lost, 0, samples, expected, 0, 0, 0, 0, 0, 0);
    }

    static StreamEnd end(Instant firstSample, StreamStatistics statistics, StreamEndReason reason) {
        return new StreamEnd(firstSample, statistics, reason, StreamTimeline.EMPTY);
    }

    static StreamEnd requested(Instant firstSample, int seconds) {
        return end(firstSample, clean(seconds), StreamEndReason.REQUESTED);
    }

    static StoredAudio audio(Instant start, Duration duration) {
        return new StoredAudio("2026/11/26/CALL1_1.wav", start, duration, "ab12");
    }

    static StreamTimeline gaps(StreamGap... gaps) {
        return new StreamTimeline(List.of(gaps), 0, List.of(), 0);
    }
}
