package org.activerecorder.application.internal;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallRepository;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Calls in a map: for application service tests. Locks are no-ops. */
final class InMemoryCalls implements CallRepository {

    private final Map<CallUuid, Call> calls = new HashMap<>();
    private final Instant firstSeenAt;

    InMemoryCalls(Instant firstSeenAt) {
        this.firstSeenAt = firstSeenAt;
    }

    @Override
    public Optional<Call> findByCallUuid(CallUuid callUuid) {
        return Optional.ofNullable(calls.get(callUuid));
    }

    @Override
    public Call findOrCreate(CallUuid callUuid) {
        return calls.computeIfAbsent(callUuid, id -> new Call(id, firstSeenAt));
    }

    @Override
    public Call lock(Call call) {
        return call;
    }
}
