package org.activerecorder.domain.model.call;

import java.util.Set;

/**
 * What merging one event changed in a call: the state it moved from and to, and the user-data keys it added, changed
 * or deleted. Rules run on a move to established and on user-data changes of an established call.
 *
 * @param before         the call's state before the event ({@code null}: none heard yet)
 * @param after          the call's state after it
 * @param changedKeys    user-data keys added, changed or deleted
 * @param factsChanged   whether a fact other than user data and state changed
 */
public record CallChange(CallState before, CallState after, Set<String> changedKeys, boolean factsChanged) {

    public CallChange {
        changedKeys = Set.copyOf(changedKeys);
    }

    public boolean becameEstablished() {
        return after == CallState.ESTABLISHED && before != CallState.ESTABLISHED;
    }

    public boolean becameReleased() {
        return after == CallState.RELEASED && before != CallState.RELEASED;
    }

    /** Whether the event changed anything at all. */
    public boolean any() {
        return before != after || !changedKeys.isEmpty() || factsChanged;
    }
}
