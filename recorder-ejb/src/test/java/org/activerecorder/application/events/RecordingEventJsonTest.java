package org.activerecorder.application.events;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.recording.CompletenessPolicy;
import org.activerecorder.domain.model.recording.GapCause;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.StoredAudio;
import org.activerecorder.domain.model.recording.StreamDescription;
import org.activerecorder.domain.model.recording.StreamEnd;
import org.activerecorder.domain.model.recording.StreamEndReason;
import org.activerecorder.domain.model.recording.StreamGap;
import org.activerecorder.domain.model.recording.StreamStatistics;
import org.activerecorder.domain.model.recording.StreamTimeline;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The events' JSON, as consumers read it: the field names are a public contract. */
class RecordingEventJsonTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Jsonb JSON = JsonbBuilder.create();

    /**
     * A recording whose agent stream failed after 2 s of a 10 s call, with 1 s of quiet, 40 ms lost on the network
     * and 120 ms (6 packets) dropped by the recorder's kernel.
     */
    static Recording incompleteRecording() {
        Recording recording = new Recording(new Call(new CallUuid("CALL1"), T0), new RecordingRequestId("rec-1"),
                new Dn("1001"), Map.of(), T0);
        recording.addStream(new StreamDescription("agent", new Dn("1001"), "a", "PCMU", 0, 8000, null, "a.wav"), T0);
        recording.addStream(new StreamDescription("customer", new Dn("5551234"), "b", "PCMU", 0, 8000, null, "b.wav"),
                T0);
        recording.streamEnded("agent", new StreamEnd(T0, new StreamStatistics(100, 0, 0, 0, 0, 0, 16_000, 100, 0, 0, 0,
                0, 0, 0), StreamEndReason.WRITE_FAILED, StreamTimeline.EMPTY), T0.plusSeconds(2));
        recording.streamEnded("customer", new StreamEnd(T0, new StreamStatistics(490, 0, 0, 1, 8, 3, 80_000, 500, 1,
                1, 1, 0, 0, 0, 6), StreamEndReason.REQUESTED, new StreamTimeline(List.of(
                new StreamGap(8000, 8000, GapCause.QUIET_SENDER), new StreamGap(40_000, 320, GapCause.NETWORK_LOSS),
                new StreamGap(56_000, 960, GapCause.RECEIVER_OVERFLOW)), 0, List.of(), 0)), T0.plusSeconds(10));
        recording.complete(new StoredAudio("2026/11/26/CALL1_1.wav", T0, Duration.ofSeconds(10), "ab"), Set.of(),
                CompletenessPolicy.defaults(), T0.plusSeconds(11));
        return recording;
    }

    @Test
    void anIncompleteRecordingsEventCarriesItsCompletenessAndReasons() {
        Recording recording = incompleteRecording();
        CompletenessSummary completeness = CompletenessSummary.of(recording);
        RecordingIncomplete event = new RecordingIncomplete(RecordingIncomplete.TYPE, 1, "CALL1", "rec-1", "1001",
                List.of("1001", "5551234"), "/r/CALL1_1.wav", "/api/recordings/1/audio", 10_000, "ab", "cd", T0,
                T0.plusSeconds(11), completeness, completeness.reasons());

        JsonObject json = Json.createReader(new StringReader(JSON.toJson(event))).readObject();

        assertEquals("RecordingIncomplete", json.getString("type"));
        assertEquals("2026-11-26T10:00:11Z", json.getString("completedAt"));
        JsonObject c = json.getJsonObject("completeness");
        assertEquals(600, c.getJsonNumber("packetsExpected").longValue());
        assertEquals(590, c.getJsonNumber("packetsReceived").longValue());
        assertEquals(8, c.getJsonNumber("packetsLost").longValue(), "2 on the network, 6 in the kernel");
        assertEquals(6, c.getJsonNumber("kernelDrops").longValue());
        assertEquals(1, c.getJsonNumber("packetsLate").longValue());
        assertEquals(3, c.getJsonNumber("packetsDuplicate").longValue());
        assertEquals(1, c.getJsonNumber("ssrcChanges").longValue());
        assertEquals(1, c.getJsonNumber("sequenceRestarts").longValue());
        assertEquals(1, c.getJsonNumber("sourceMoves").longValue());
        assertEquals(0.5, c.getJsonNumber("networkLossPercent").doubleValue(), "(2 lost + 1 late) of 600: not the"
                + " kernel's 6");
        assertFalse(c.getBoolean("oneSided"));
        JsonObject silence = c.getJsonObject("silenceMillis");
        assertEquals(Set.of("QUIET_SENDER", "NETWORK_LOSS", "SIGNALLED_PAUSE", "RECORDER_FAILURE", "SERVER_RESTART",
                "RECEIVER_OVERFLOW"), silence.keySet());
        assertEquals(120, silence.getJsonNumber("RECEIVER_OVERFLOW").longValue());
        assertEquals(1000, silence.getJsonNumber("QUIET_SENDER").longValue());
        assertEquals(40, silence.getJsonNumber("NETWORK_LOSS").longValue());
        assertEquals(8000, silence.getJsonNumber("RECORDER_FAILURE").longValue(), "agent lost from 2 s to 10 s");
        assertEquals("STREAM_WRITE_FAILED", json.getJsonArray("reasons").getJsonObject(0).getString("code"));
        assertEquals("RECEIVER_OVERFLOW", json.getJsonArray("reasons").getJsonObject(1).getString("code"));
        assertEquals(json.getJsonArray("reasons"), c.getJsonArray("reasons"));
    }

    @Test
    void aCompletedRecordingsEventKeepsEveryFieldItHadAndAddsCompleteness() {
        RecordingCompleted event = new RecordingCompleted(RecordingCompleted.TYPE, 1, "CALL1", "rec-1", "1001",
                List.of("1001"), "/r.wav", "/api/recordings/1/audio", 5000, "ab", "cd", T0, T0.plusSeconds(6),
                CompletenessSummary.of(incompleteRecording()));

        JsonObject json = Json.createReader(new StringReader(JSON.toJson(event))).readObject();

        assertEquals(Set.of("type", "recordingId", "callUuid", "requestId", "recordDn", "dns", "file", "audioUri",
                "durationMillis", "sha256", "audioSha256", "startedAt", "completedAt", "completeness"),
                json.keySet());
        assertEquals("ab", json.getString("sha256"));
        assertEquals("cd", json.getString("audioSha256"));
    }

    @Test
    void aCompletionWhoseFileIsHashedAfterItLeavesTheFilesSha256OutAndTheHashFollows() {
        RecordingCompleted completed = new RecordingCompleted(RecordingCompleted.TYPE, 1, "CALL1", "rec-1", "1001",
                List.of("1001"), "/r.wav", "/api/recordings/1/audio", 5000, null, "cd", T0, T0.plusSeconds(6),
                CompletenessSummary.of(incompleteRecording()));
        RecordingFileHashed hashed = new RecordingFileHashed(RecordingFileHashed.TYPE, 1, "CALL1", "1001", "/r.wav",
                "ab", "cd", T0.plusSeconds(9));

        JsonObject first = Json.createReader(new StringReader(JSON.toJson(completed))).readObject();
        JsonObject then = Json.createReader(new StringReader(JSON.toJson(hashed))).readObject();

        assertFalse(first.containsKey("sha256"), "not known yet: left out, not a wrong value");
        assertEquals("cd", first.getString("audioSha256"));
        assertEquals(Set.of("type", "recordingId", "callUuid", "recordDn", "file", "sha256", "audioSha256",
                "hashedAt"), then.keySet());
        assertEquals("RecordingFileHashed", then.getString("type"));
        assertEquals("ab", then.getString("sha256"));
        assertEquals("2026-11-26T10:00:09Z", then.getString("hashedAt"));
    }
}
