package org.activerecorder.application.internal;

import org.activerecorder.application.calls.CallControlCommand;
import org.activerecorder.application.events.RecordingEvent;
import org.activerecorder.application.events.RecordingFailed;
import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.RecordingRequestId;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep's part for recordings started on request: one whose media has not come within the timeout fails, once,
 * with a reason that says what to look at, its RecordingFailed event, and OFF for call control; one still within its
 * time, or joined by its media meanwhile, is left alone.
 */
class RequestedWithoutMediaTest {

    private final InMemoryRecordings recordings = new InMemoryRecordings();
    private final List<RecordingEvent> published = new ArrayList<>();
    private final List<CallControlCommand> sentToCallControl = new ArrayList<>();
    private final RecordingCompletion completion = new RecordingCompletion();
    private final Call call = new Call(new CallUuid("CALL-9"), Instant.now());

    @BeforeEach
    void wire() throws ReflectiveOperationException {
        RecorderSettings settings = new RecorderSettings(
                name -> name.equals(RecorderSettings.REQUESTED_TIMEOUT_SECONDS) ? "5" : null, name -> null);
        set("recordings", recordings);
        set("settings", settings);
        set("events", (org.activerecorder.application.events.RecordingEvents) published::add);
        set("callControl", new CallControlReports(sentToCallControl::add, settings, new InMemoryRecordingFolder()));
    }

    @Test
    void aRequestedRecordingWithoutMediaInTimeFailsOnceSayingWhatToLookAt() {
        Recording late = requested("rq-late", Instant.now().minusSeconds(6));
        Recording recent = requested("rq-recent", Instant.now().minusSeconds(1));
        Recording joined = requested("rq-joined", Instant.now().minusSeconds(7));
        joined.mediaJoins(Instant.now().minusSeconds(3));

        assertEquals(List.of(late.id()), completion.requestedTooLongAgo());
        assertTrue(completion.failIfNoMedia(late.id()));
        assertFalse(completion.failIfNoMedia(late.id()), "failed once");
        assertFalse(completion.failIfNoMedia(recent.id()));
        assertFalse(completion.failIfNoMedia(joined.id()));

        assertEquals(RecordingState.FAILED, late.state());
        assertTrue(late.failureReason().contains("no session of the Media Server came within 5 s"),
                late.failureReason());
        assertTrue(late.failureReason().contains("record=rq-late"), late.failureReason());
        RecordingFailed event = assertInstanceOf(RecordingFailed.class, published.get(0));
        assertEquals(late.id(), event.recordingId());
        assertEquals(1, published.size());
        assertEquals(List.of("OFF"), sentToCallControl.stream().map(c -> c.userData().get("GSIP_RECORD")).toList());
        assertEquals(RecordingState.REQUESTED, recent.state());
    }

    private Recording requested(String id, Instant at) {
        Recording recording = Recording.requested(call, new RecordingRequestId(id), new Dn("1001"), at);
        recordings.add(recording);
        return recording;
    }

    private void set(String field, Object value) throws ReflectiveOperationException {
        Field target = RecordingCompletion.class.getDeclaredField(field);
        target.setAccessible(true);
        target.set(completion, value);
    }
}
