package org.activerecorder.application.internal;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import org.activerecorder.application.RecordingView;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallDirection;
import org.activerecorder.domain.model.call.CallState;
import org.activerecorder.domain.model.call.CallUpdate;
import org.activerecorder.domain.model.recording.CompletenessPolicy;
import org.activerecorder.domain.model.recording.DtmfTone;
import org.activerecorder.domain.model.recording.Filing;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/recordings/{id}} as JSON: per stream its counters, gaps and key presses, in milliseconds too. */
class RecordingViewJsonTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aStreamShowsItsCompletenessRecord() throws ReflectiveOperationException {
        Recording recording = new Recording(new Call(new CallUuid("CALL1"), T0), new RecordingRequestId("rec-1"),
                new Dn("1001"), Map.of(), T0);
        recording.addStream(new StreamDescription("agent", new Dn("1001"), "a", "PCMU", 0, 8000, null, "a.wav"), T0);
        recording.streamEnded("agent", new StreamEnd(T0.plusMillis(20),
                new StreamStatistics(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), StreamEndReason.REQUESTED,
                new StreamTimeline(List.of(new StreamGap(8000, 4000, GapCause.SIGNALLED_PAUSE)), 2,
                        List.of(new DtmfTone(16_000, 11, 1600, 10, true)), 0)), T0.plusSeconds(3));

        java.lang.reflect.Field id = Recording.class.getDeclaredField("id"); // assigned by the database
        id.setAccessible(true);
        id.set(recording, 7L);

        RecordingView view = RecordingCatalogService.view(recording);
        JsonObject json = Json.createReader(new StringReader(JsonbBuilder.create().toJson(view))).readObject();

        assertEquals(7, json.getInt("id"));
        assertEquals("ACTIVE", json.getString("state"));
        assertTrue(json.getJsonArray("reasons").isEmpty());
        assertEquals(8, json.getJsonObject("completeness").getJsonNumber("packetsExpected").longValue());
        JsonObject stream = json.getJsonArray("streams").getJsonObject(0);
        assertEquals("REQUESTED", stream.getString("endReason"));
        assertEquals("2026-11-26T10:00:00.020Z", stream.getString("firstSampleAt"));
        long[] counters = {stream.getJsonNumber("packetsReceived").longValue(),
                stream.getJsonNumber("packetsMalformed").longValue(), stream.getJsonNumber("packetsForeign").longValue(),
                stream.getJsonNumber("packetsLate").longValue(), stream.getJsonNumber("packetsLost").longValue(),
                stream.getJsonNumber("packetsDuplicate").longValue(), stream.getJsonNumber("samplesWritten").longValue(),
                stream.getJsonNumber("packetsExpected").longValue(), stream.getJsonNumber("ssrcChanges").longValue(),
                stream.getJsonNumber("sequenceRestarts").longValue(), stream.getJsonNumber("sourceMoves").longValue(),
                stream.getJsonNumber("comfortNoisePackets").longValue(),
                stream.getJsonNumber("telephoneEventPackets").longValue(),
                stream.getJsonNumber("timestampJumps").longValue(), stream.getJsonNumber("kernelDrops").longValue()};
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L),
                java.util.Arrays.stream(counters).boxed().toList());
        JsonObject gap = stream.getJsonArray("gaps").getJsonObject(0);
        assertEquals(1000, gap.getJsonNumber("startMillis").longValue());
        assertEquals(500, gap.getJsonNumber("lengthMillis").longValue());
        assertEquals("SIGNALLED_PAUSE", gap.getString("cause"));
        assertEquals(2, stream.getJsonNumber("gapsOmitted").longValue());
        JsonObject key = stream.getJsonArray("dtmf").getJsonObject(0);
        assertEquals("#", key.getString("key"));
        assertEquals(2000, key.getJsonNumber("atMillis").longValue());
        assertEquals(200, key.getJsonNumber("durationMillis").longValue());
    }

    @Test
    void thePauseTimelineShowsEachPauseWithItsLengthAndWhoStartedAndEndedIt() {
        Recording recording = new Recording(new Call(new CallUuid("CALL2"), T0), new RecordingRequestId("rec-2"),
                new Dn("1001"), Map.of(), T0);
        recording.pause(T0.plusMillis(2000), "desk-1");
        recording.resume(T0.plusMillis(4250), "supervisor");
        recording.pause(T0.plusMillis(5000), "bridge");

        JsonObject json = json(recording);

        JsonObject first = json.getJsonArray("pauses").getJsonObject(0);
        assertEquals("2026-11-26T10:00:02Z", first.getString("pausedAt"));
        assertEquals("2026-11-26T10:00:04.250Z", first.getString("resumedAt"));
        assertEquals("desk-1", first.getString("pausedBy"));
        assertEquals("supervisor", first.getString("resumedBy"));
        assertEquals(2250, first.getJsonNumber("durationMillis").longValue());
        assertEquals(false, first.getBoolean("endedByStop"));
        JsonObject open = json.getJsonArray("pauses").getJsonObject(1);
        assertEquals("bridge", open.getString("pausedBy"));
        assertTrue(!open.containsKey("resumedAt") || open.isNull("resumedAt"), open.toString());
        assertEquals("PAUSED", json.getString("control"));
    }

    @Test
    void aRecordingShowsItsRetentionAndUntilWhenItIsKeptOnceFinishedAndWhenItsAudioWent() {
        Recording recording = Recording.requested(new Call(new CallUuid("CALL3"), T0), new RecordingRequestId("rec-3"),
                new Dn("1001"), new Filing("{dn}_{callUuid}", 30), T0);
        JsonObject running = json(recording);
        assertEquals(30, running.getInt("retentionDays"));
        assertTrue(!running.containsKey("retainUntil"), "counted from the finish: " + running);

        recording.mediaJoins(T0);
        recording.addStream(new StreamDescription("agent", new Dn("1001"), "a", "PCMU", 0, 8000, null, "a.wav"), T0);
        recording.streamEnded("agent", new StreamEnd(T0, StreamStatistics.NONE, StreamEndReason.REQUESTED,
                StreamTimeline.EMPTY), T0.plusSeconds(80));
        recording.complete(new StoredAudio("f.wav", T0, Duration.ofSeconds(80), "ab"), Set.of(),
                CompletenessPolicy.defaults(), T0.plusSeconds(90));
        JsonObject finished = json(recording);

        assertEquals(30, finished.getInt("retentionDays"));
        assertEquals("2026-12-26T10:01:30Z", finished.getString("retainUntil"), "finishedAt + 30 days");
        assertTrue(!finished.containsKey("purgedAt"), finished::toString);

        recording.purge(Instant.parse("2026-12-26T10:01:40Z"));
        assertEquals("2026-12-26T10:01:40Z", json(recording).getString("purgedAt"));
    }

    @Test
    void aRecordingWithoutRetentionShowsNone() {
        Recording recording = new Recording(new Call(new CallUuid("CALL4"), T0), new RecordingRequestId("rec-4"),
                new Dn("1001"), Map.of(), T0);
        recording.stop(T0.plusSeconds(1), "desk-1");

        JsonObject json = json(recording);

        assertTrue(!json.containsKey("retentionDays") && !json.containsKey("retainUntil"), json::toString);
    }

    @Test
    void aRecordingShowsItsCallsAttachedDataAndFactsOnceTheCallEventCame() {
        Call call = new Call(new CallUuid("CALL2"), T0);
        Recording recording = new Recording(call, new RecordingRequestId("rec-2"), new Dn("1001"), Map.of(), T0);
        JsonObject before = json(recording);
        assertTrue(before.getJsonObject("userData").isEmpty());
        assertTrue(!before.containsKey("agentId"), before::toString); // JSON-B leaves nulls out

        call.merge(new CallUpdate(CallState.ESTABLISHED, "conn-9", null, null, "5551234", "8000",
                CallDirection.INBOUND, "agent7", Map.of("Segment", "gold", "Case", "17")), T0.plusSeconds(5), "{}");
        JsonObject after = json(recording);

        assertEquals(Json.createObjectBuilder().add("Case", "17").add("Segment", "gold").build(),
                after.getJsonObject("userData"));
        assertEquals("agent7", after.getString("agentId"));
        assertEquals("5551234", after.getString("ani"));
        assertEquals("8000", after.getString("dnis"));
        assertEquals("conn-9", after.getString("connId"));
        assertEquals("inbound", after.getString("direction"));
    }

    private static JsonObject json(Recording recording) {
        try {
            java.lang.reflect.Field id = Recording.class.getDeclaredField("id");
            id.setAccessible(true);
            id.set(recording, 8L);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return Json.createReader(new StringReader(JsonbBuilder.create().toJson(RecordingCatalogService.view(recording))))
                .readObject();
    }
}
