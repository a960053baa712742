package org.activerecorder.application;

import org.activerecorder.domain.model.CallUuid;

import java.util.Objects;

/**
 * How a control request names its call: by its CallUUID, or by T-Server's connection id, as T-Lib's
 * {@code TRequestPrivateService} does (with the DN, {@code thisDn}, that picks the recording). A connection id is
 * resolved when the request is carried out, against the call events the recorder has received.
 *
 * @param callUuid the call's CallUUID, or {@code null} when it is named by {@code connId}
 * @param connId   T-Server's connection id, or {@code null} when the call is named by {@code callUuid}
 */
public record CallReference(CallUuid callUuid, String connId) {

    /** Characters of a connection id at most: what a call event may give ({@code recorded_call.conn_id}). */
    public static final int MAX_CONN_ID_LENGTH = 64;

    public CallReference {
        if ((callUuid == null) == (connId == null)) {
            throw new IllegalArgumentException("name the call by its callUuid or by its connId, one of the two");
        }
        if (connId != null && (connId.isBlank() || connId.length() > MAX_CONN_ID_LENGTH)) {
            throw new IllegalArgumentException("a connId has 1 to " + MAX_CONN_ID_LENGTH + " characters, not blank");
        }
    }

    /** The call with this CallUUID. */
    public static CallReference of(CallUuid callUuid) {
        return new CallReference(Objects.requireNonNull(callUuid, "callUuid"), null);
    }

    /** The call T-Server knows by this connection id. */
    public static CallReference byConnId(String connId) {
        return new CallReference(null, Objects.requireNonNull(connId, "connId"));
    }

    /** For people: {@code 0001AAC3-1F2B}, or {@code connId 006e02b5c1a3e001}. */
    @Override
    public String toString() {
        return callUuid != null ? callUuid.value() : "connId " + connId;
    }
}
