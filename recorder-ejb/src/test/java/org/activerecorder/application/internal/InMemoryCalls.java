package org.activerecorder.application.internal;

import org.activerecorder.domain.model.CallUuid;
import org.activerecorder.domain.model.call.Call;
import org.activerecorder.domain.model.call.CallRepository;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
    public List<Call> findByConnId(String connId) {
        return calls.values().stream().filter(call -> connId.equals(call.connId()))
                .sorted(Comparator.comparing(Call::firstSeenAt).reversed()).toList();
    }

    /** A call first seen at {@code at}: for tests of several calls over time. */
    Call add(CallUuid callUuid, Instant at) {
        Call call = new Call(callUuid, at);
        calls.put(callUuid, call);
        return call;
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
