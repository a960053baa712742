package org.activerecorder.application.events;

import java.time.Instant;

/**
 * A call event from the queue {@code CallEvents} that the recorder did not apply (not JSON, a wrong type, an unknown
 * state, a limit passed): the sender hears of it here, since a queue has no answer. Published on the same topic as
 * the recording events with {@code eventType = 'CallEventRejected'}; it concerns no recording, so
 * {@code recordingId} is 0.
 *
 * @param type         {@code CallEventRejected}
 * @param recordingId  0: no recording
 * @param callUuid     the call the event named, when it could be read; {@code null} otherwise
 * @param messageId    the JMS message id of the refused event
 * @param reason       what is wrong with it, naming the field (the same message the API answers with 400)
 * @param receivedAt   when it was taken from the queue
 * @param rejected     events refused since the server started (with this one)
 */
public record CallEventRejected(String type, long recordingId, String callUuid, String messageId, String reason,
                                Instant receivedAt, long rejected) implements RecordingEvent {

    public static final String TYPE = "CallEventRejected";

    public CallEventRejected(String callUuid, String messageId, String reason, Instant receivedAt, long rejected) {
        this(TYPE, 0, callUuid, messageId, reason, receivedAt, rejected);
    }
}
