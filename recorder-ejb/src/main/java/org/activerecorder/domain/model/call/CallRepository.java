package org.activerecorder.domain.model.call;

import org.activerecorder.domain.model.CallUuid;

import java.util.Optional;

/** Where calls are kept. */
public interface CallRepository {

    Optional<Call> findByCallUuid(CallUuid callUuid);

    /**
     * The call with this CallUUID, created if the recorder has not seen it before. Safe when two
     * sessions of the same call arrive at the same moment: both get the same call.
     */
    Call findOrCreate(CallUuid callUuid);

    /** The call, locked for the rest of the transaction, so that concurrent sessions join it one at a time. */
    Call lock(Call call);
}
