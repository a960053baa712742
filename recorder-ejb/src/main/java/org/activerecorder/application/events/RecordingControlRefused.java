package org.activerecorder.application.events;

import java.time.Instant;

/**
 * A control request that came on the queue {@code RecorderCommands} was not carried out: the requester learns why from
 * this event, as a REST caller learns it from the answer. Published at once (not inside a transaction: the refusal is
 * the outcome). A malformed message is refused the same way, with what could be read of it.
 *
 * @param type          always {@code ControlRefused}
 * @param recordingId   always 0: a refused request changed no recording (the call's recordings are found by
 *                      {@code callUuid})
 * @param callUuid      the call named by the request, or {@code null} when the message named none readable
 * @param operation     {@code start}, {@code stop}, {@code pause} or {@code resume} as asked, or {@code null}
 * @param reason        for machines: {@code UNKNOWN}, {@code NOT_ALLOWED}, {@code INCOMPLETE}, {@code NOT_SUPPORTED},
 *                      {@code MALFORMED}, {@code NOT_ENTITLED}, {@code FAILED}
 * @param explanation   for a person: what was refused and what to do about it
 * @param requestedBy   who sent it (the message's validated user, or {@code jms})
 * @param dn            the DN the request named, or {@code null}
 * @param id            the requester's {@code id}, or {@code null}
 * @param dest          the requester's {@code dest}, or {@code null}
 * @param correlationId the message's {@code JMSCorrelationID}, else its {@code JMSMessageID}: how the requester matches
 *                      this answer to its message
 * @param at            when the request arrived
 * @param connId        the connection id the request named the call by (with {@code dn}, T-Lib's way), or
 *                      {@code null}; such a refusal has no {@code callUuid}
 */
public record RecordingControlRefused(String type, long recordingId, String callUuid, String operation, String reason,
                                      String explanation, String requestedBy, String dn, String id, String dest,
                                      String correlationId, Instant at, String connId) implements RecordingEvent {
    public static final String TYPE = "ControlRefused";
}
