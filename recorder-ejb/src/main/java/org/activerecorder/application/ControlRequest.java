package org.activerecorder.application;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;

import java.time.Instant;
import java.util.Objects;

/**
 * One request to control a call's recording, as it arrived.
 *
 * @param call        the call, by its CallUUID or by T-Server's connection id (then {@code dn} is required: T-Lib's
 *                    {@code thisDn})
 * @param dn          which of the call's recordings (by its recorded DN) when it has several; {@code null}: the one
 *                    still recording
 * @param id          the requester's {@code id} extension key (correlation), kept in the event; may be {@code null}
 * @param dest        the requester's {@code dest} extension key, kept in the event; may be {@code null}
 * @param requestedBy who asked (the API login)
 * @param arrivedAt   when the request arrived: a pause silences from this instant, a stop ends here
 */
public record ControlRequest(CallReference call, Dn dn, String id, String dest, String requestedBy,
                             Instant arrivedAt) {

    public ControlRequest {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(arrivedAt, "arrivedAt");
    }

    /** A request about the call with this CallUUID. */
    public ControlRequest(CallUuid callUuid, Dn dn, String id, String dest, String requestedBy, Instant arrivedAt) {
        this(CallReference.of(callUuid), dn, id, dest, requestedBy, arrivedAt);
    }
}
