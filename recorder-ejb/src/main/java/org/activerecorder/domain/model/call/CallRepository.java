package org.activerecorder.domain.model.call;

import org.activerecorder.domain.model.CallUuid;

import java.util.List;
import java.util.Optional;

/** Where calls are kept. */
public interface CallRepository {

    Optional<Call> findByCallUuid(CallUuid callUuid);

    /**
     * The calls whose events named this connection id, the most recent first (by when the recorder first saw them):
     * T-Server reuses connection ids, so an old, released call may still carry the id of a new one.
     */
    List<Call> findByConnId(String connId);

    /**
     * The call with this CallUUID, created if the recorder has not seen it before. Safe when two
     * sessions of the same call arrive at the same moment: both get the same call.
     */
    Call findOrCreate(CallUuid callUuid);

    /** The call, locked for the rest of the transaction, so that concurrent sessions join it one at a time. */
    Call lock(Call call);

    /** {@link #findOrCreate} then {@link #lock}: a repository may do both in fewer steps. */
    default Call findOrCreateLocked(CallUuid callUuid) {
        return lock(findOrCreate(callUuid));
    }
}
