package org.activerecorder.infrastructure.messaging.jms;

import jakarta.ejb.EJBAccessException;
import jakarta.persistence.PessimisticLockException;
import org.activerecorder.application.ControlOperation;
import org.activerecorder.application.ControlRefused;
import org.activerecorder.application.ControlRequest;
import org.activerecorder.application.RecordingControl;
import org.activerecorder.application.RecordingControlled;
import org.activerecorder.application.events.RecordingControlRefused;
import org.activerecorder.application.events.RecordingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command queue as a bridge uses it: each message becomes the same request a REST call makes (the arrival
 * instant, the sender, the DN and extension keys), and every message that is not carried out is answered with a
 * ControlRefused event carrying its correlation id: refusals, malformed messages, failures after a few tries.
 */
class RecorderCommandQueueTest {

    private static final Instant ARRIVED = Instant.parse("2026-11-30T20:00:02.345Z");

    private final List<String> applied = new ArrayList<>();
    private final List<RecordingEvent> published = new ArrayList<>();

    @Test
    void aCommandIsAppliedAsTheRestCallIsWithTheSenderAndTheArrivalInstant() {
        RecorderCommandQueue queue = new RecorderCommandQueue(recording(null), published::add);

        queue.handle("{\"operation\":\"PAUSE\",\"callUuid\":\"CALL-7\",\"dn\":\"1001\",\"id\":\"corr-1\","
                + "\"dest\":\"desk-9\"}", "bridge", "ID:42", ARRIVED);

        assertEquals(List.of("PAUSE CALL-7 dn 1001 id corr-1 dest desk-9 by bridge at " + ARRIVED), applied);
        assertTrue(published.isEmpty(), "the control publishes its own event on success");
    }

    @Test
    void aCommandMayNameTheCallByThisDnAndConnIdAsTLibDoes() {
        RecorderCommandQueue queue = new RecorderCommandQueue(recording(null), published::add);

        queue.handle("{\"operation\":\"pause\",\"thisDn\":\"1001\",\"connId\":\"006e02b5c1a3e001\","
                + "\"id\":\"corr-1\",\"dest\":\"desk-9\"}", "bridge", "ID:43", ARRIVED);

        assertEquals(List.of("PAUSE connId 006e02b5c1a3e001 dn 1001 id corr-1 dest desk-9 by bridge at " + ARRIVED),
                applied, "thisDn is the DN that picks the recording");
        assertTrue(published.isEmpty());
    }

    @Test
    void aRefusalOfACommandByConnIdSaysWhatTheControlSaid() {
        RecorderCommandQueue queue = new RecorderCommandQueue(recording(new ControlRefused(
                ControlRefused.Reason.UNKNOWN, "no call with connId c9 is known: send its call event first")),
                published::add);

        queue.handle("{\"operation\":\"resume\",\"thisDn\":\"1001\",\"connId\":\"c9\"}", "bridge", "ID:44",
                ARRIVED);

        RecordingControlRefused refused = onlyRefusal();
        assertEquals("UNKNOWN", refused.reason());
        assertEquals("no call with connId c9 is known: send its call event first", refused.explanation());
        assertNull(refused.callUuid());
        assertEquals("c9", refused.connId(), "the call as the message named it");
        assertEquals("1001", refused.dn());
        assertEquals("ID:44", refused.correlationId());
    }

    @Test
    void aRefusalIsPublishedWithItsReasonAndTheMessagesCorrelationId() {
        RecorderCommandQueue queue = new RecorderCommandQueue(recording(
                new ControlRefused(ControlRefused.Reason.NOT_ALLOWED, "recording 3 is already paused")), published::add);

        queue.handle("{\"operation\":\"pause\",\"callUuid\":\"CALL-7\",\"id\":\"corr-2\"}", "bridge", "corr-msg-2",
                ARRIVED);

        RecordingControlRefused refused = onlyRefusal();
        assertEquals("ControlRefused", refused.type());
        assertEquals("CALL-7", refused.callUuid());
        assertEquals("pause", refused.operation());
        assertEquals("NOT_ALLOWED", refused.reason());
        assertEquals("recording 3 is already paused", refused.explanation());
        assertEquals("bridge", refused.requestedBy());
        assertEquals("corr-2", refused.id());
        assertEquals("corr-msg-2", refused.correlationId());
        assertEquals(ARRIVED, refused.at());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON|{pause|the message is not JSON|",
            "not an object|[\"pause\"]|must be a JSON object|",
            "empty|' '|the message is empty|",
            "no operation|{\"callUuid\":\"CALL-7\"}|'operation' is missing|CALL-7",
            "unknown operation|{\"operation\":\"rewind\",\"callUuid\":\"CALL-7\"}|no operation 'rewind'|CALL-7",
            "no call|{\"operation\":\"stop\"}|the call is missing: send 'callUuid', or 'thisDn' and 'connId'|",
            "both ways|{\"operation\":\"stop\",\"callUuid\":\"CALL-7\",\"thisDn\":\"1001\",\"connId\":\"c1\"}"
                    + "|the call is named twice|CALL-7",
            "connId alone|{\"operation\":\"stop\",\"connId\":\"c1\"}|'connId' names a call with its DN|",
            "dn and thisDn differ|{\"operation\":\"stop\",\"dn\":\"1001\",\"thisDn\":\"1002\",\"connId\":\"c1\"}"
                    + "|'dn' 1001 and 'thisDn' 1002 differ|",
            "connId too long|{\"operation\":\"stop\",\"thisDn\":\"1001\",\"connId\":\"ccccccccccccccccccccccccccccccccccc"
                    + "cccccccccccccccccccccccccccccc\"}"
                    + "|a connId has 1 to 64 characters|",
            "bad call|{\"operation\":\"stop\",\"callUuid\":\"a b\"}|not a CallUUID|",
            "number as dn|{\"operation\":\"stop\",\"callUuid\":\"CALL-7\",\"dn\":1001}|'dn' must be a string|CALL-7"})
    void aMalformedMessageIsRefusedOnceWithWhatWasWrongAndNeverApplied(String name, String body, String says,
                                                                     String callUuid) {
        RecorderCommandQueue queue = new RecorderCommandQueue(recording(null), published::add);

        queue.handle(body, "bridge", "ID:7", ARRIVED);

        assertTrue(applied.isEmpty());
        RecordingControlRefused refused = onlyRefusal();
        assertEquals("MALFORMED", refused.reason());
        assertTrue(refused.explanation().contains(says), refused.explanation());
        assertEquals(callUuid, refused.callUuid());
        java.util.regex.Matcher connId = java.util.regex.Pattern.compile("\"connId\":\"([^\"]*)\"").matcher(body);
        assertEquals(connId.find() ? connId.group(1) : null, refused.connId(), "the connId as the message gave it");
        assertEquals("ID:7", refused.correlationId());
    }

    @Test
    void aFailureIsTriedAgainThenRefusedNeverLost() {
        RecorderCommandQueue queue = new RecorderCommandQueue((operation, request) -> {
            applied.add(operation.name());
            throw new PessimisticLockException("lock timeout");
        }, published::add);

        queue.handle("{\"operation\":\"stop\",\"callUuid\":\"CALL-7\"}", "bridge", "ID:9", ARRIVED);

        assertEquals(RecorderCommandQueue.ATTEMPTS, applied.size());
        RecordingControlRefused refused = onlyRefusal();
        assertEquals("FAILED", refused.reason());
        assertTrue(refused.explanation().contains("lock timeout"), refused.explanation());
    }

    @Test
    void aDeniedCallIsNotEntitledAndNotTriedAgain() {
        RecorderCommandQueue queue = new RecorderCommandQueue((operation, request) -> {
            applied.add(operation.name());
            throw new EJBAccessException("WFLYEJB0364: Invocation on method ... is not allowed");
        }, published::add);

        queue.handle("{\"operation\":\"resume\",\"callUuid\":\"CALL-7\"}", "someone", null, ARRIVED);

        assertEquals(1, applied.size());
        assertEquals("NOT_ENTITLED", onlyRefusal().reason());
        assertNull(onlyRefusal().correlationId());
    }

    private RecordingControlRefused onlyRefusal() {
        assertEquals(1, published.size(), () -> "one event: " + published);
        return (RecordingControlRefused) published.get(0);
    }

    /** A control that notes each request and answers, or refuses with {@code refusal}. */
    private RecordingControl recording(ControlRefused refusal) {
        return (ControlOperation operation, ControlRequest request) -> {
            if (refusal != null) {
                throw refusal;
            }
            applied.add(operation + " " + request.call() + " dn " + request.dn() + " id " + request.id()
                    + " dest " + request.dest() + " by " + request.requestedBy() + " at " + request.arrivedAt());
            return new RecordingControlled(3, "CALL-7", "rec-1", "1001", operation.name(),
                    "PAUSED", "ACTIVE", request.arrivedAt(), request.arrivedAt(), request.requestedBy(), 2);
        };
    }
}
