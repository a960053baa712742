package org.activerecorder.infrastructure.messaging.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.activerecorder.application.calls.CallEvent;
import org.activerecorder.application.calls.CallEventApplied;
import org.activerecorder.application.calls.CallEventRefused;
import org.activerecorder.application.calls.CallEvents;
import org.activerecorder.application.calls.CallView;
import org.activerecorder.application.events.CallEventRejected;
import org.activerecorder.application.events.RecordingEvent;
import org.activerecorder.domain.model.CallUuid;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue's call events: applied as the API applies them; one that can never be applied is taken off the queue and
 * published as CallEventRejected with its message id and reason; a passing failure goes back to the broker.
 */
class CallEventsQueueTest {

    private final List<CallEvent> applied = new ArrayList<>();
    private final List<RecordingEvent> published = new ArrayList<>();
    private RuntimeException failure;
    private CallEventRefused refusal;

    private final CallEvents calls = new CallEvents() {
        @Override
        public CallEventApplied apply(CallEvent event) throws CallEventRefused {
            if (failure != null) {
                throw failure;
            }
            if (refusal != null) {
                throw refusal;
            }
            applied.add(event);
            return new CallEventApplied(true, null);
        }

        @Override
        public Optional<CallView> find(CallUuid callUuid) {
            return Optional.empty();
        }
    };
    private final CallEventsQueue queue = new CallEventsQueue(calls, published::add);

    @Test
    void anEventIsAppliedToTheCallItNames() {
        queue.onMessage(text("ID:1", "{\"callUuid\":\"Q-1\",\"state\":\"established\",\"userData\":{\"a\":1}}"));

        assertEquals(1, applied.size());
        assertEquals(new CallUuid("Q-1"), applied.get(0).callUuid());
        assertEquals(Map.of("a", "1"), applied.get(0).update().userData());
        assertTrue(published.isEmpty());
    }

    @Test
    void anEventWithABadValueIsRejectedWithItsMessageIdAndReasonAndNotRetried() {
        queue.onMessage(text("ID:2", "{\"callUuid\":\"Q-2\",\"state\":\"ringing\"}"));

        assertTrue(applied.isEmpty());
        CallEventRejected rejected = assertInstanceOf(CallEventRejected.class, published.get(0));
        assertEquals("CallEventRejected", rejected.type());
        assertEquals("Q-2", rejected.callUuid());
        assertEquals("ID:2", rejected.messageId());
        assertTrue(rejected.reason().startsWith("'state' must be"), rejected.reason());
        assertTrue(rejected.rejected() >= 1);
    }

    @Test
    void somethingThatIsNotJsonIsRejectedWithoutACall() {
        queue.onMessage(text("ID:3", "state=established"));

        CallEventRejected rejected = assertInstanceOf(CallEventRejected.class, published.get(0));
        assertNull(rejected.callUuid());
        assertTrue(rejected.reason().startsWith("the call event is not JSON"), rejected.reason());
    }

    @Test
    void aMessageThatIsNotTextIsRejected() {
        queue.onMessage(message(BytesMessage.class, "ID:4", null));

        assertTrue(assertInstanceOf(CallEventRejected.class, published.get(0)).reason()
                .contains("TextMessage of JSON"));
    }

    @Test
    void aLimitTheCallRefusesIsRejectedLikeABadValue() {
        refusal = new CallEventRefused("the call would hold 101 userData keys; at most 100");

        queue.onMessage(text("ID:5", "{\"callUuid\":\"Q-5\",\"userData\":{\"k\":\"v\"}}"));

        CallEventRejected rejected = assertInstanceOf(CallEventRejected.class, published.get(0));
        assertEquals("Q-5", rejected.callUuid());
        assertEquals(refusal.getMessage(), rejected.reason());
    }

    @Test
    void aPassingFailureGoesBackToTheBrokerForRedelivery() {
        failure = new IllegalStateException("database busy");

        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> queue.onMessage(text("ID:6", "{\"callUuid\":\"Q-6\",\"state\":\"released\"}")));

        assertSame(failure, thrown);
        assertTrue(published.isEmpty(), "nothing is rejected: the event comes again");
    }

    private static Message text(String id, String text) {
        return message(TextMessage.class, id, text);
    }

    /** A message that answers its id and text; nothing else is asked of it. */
    private static <T extends Message> T message(Class<T> type, String id, String text) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getJMSMessageID" -> id;
                    case "getText" -> text;
                    case "toString" -> type.getSimpleName() + " " + id;
                    default -> throw new UnsupportedOperationException(method.getName());
                }));
    }
}
