package org.activerecorder.domain.model.recording;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.Dn;

import java.time.Instant;

/**
 * What recordings are searched by; every part is optional ({@code null}) and the parts combine with AND.
 *
 * @param callUuid the call's recordings
 * @param dn       recordings of this DN: the recorded DN or a party of one of its streams
 * @param agentId  recordings of calls whose call events named this agent
 * @param from     recordings started at or after this instant
 * @param to       recordings started before this instant
 * @param key      recordings of calls whose user data has this key
 * @param value    ... with exactly this value (only with {@code key})
 * @param ani      recordings of calls whose call events gave this calling number
 * @param dnis     recordings of calls whose call events gave this dialled number
 * @param state    recordings in this state
 */
public record RecordingSearch(CallUuid callUuid, Dn dn, String agentId, Instant from, Instant to, String key,
                              String value, String ani, String dnis, RecordingState state) {

    /** Every recording. */
    public static final RecordingSearch ALL = new RecordingSearch(null, null, null, null, null, null, null);

    /** A search by everything but the calling and dialled numbers and the state. */
    public RecordingSearch(CallUuid callUuid, Dn dn, String agentId, Instant from, Instant to, String key,
                           String value) {
        this(callUuid, dn, agentId, from, to, key, value, null, null, null);
    }

    public RecordingSearch {
        if (value != null && key == null) {
            throw new IllegalArgumentException("a user-data value is searched for under a key: give the key too");
        }
    }
}
