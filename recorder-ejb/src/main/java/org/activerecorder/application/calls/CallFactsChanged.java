package org.activerecorder.application.calls;

import java.util.Objects;
import java.util.Set;

/**
 * A CDI event fired inside the transaction that merged a call event, so observers (the recording rules) decide in
 * the same transaction: either the event and every decision it caused are stored, or none of them.
 *
 * @param facts          the call as it is now
 * @param trigger        what kind of event it was
 * @param changedUserKeys the user-data keys this event added or changed (empty for events without user data)
 */
public record CallFactsChanged(CallFacts facts, Trigger trigger, Set<String> changedUserKeys) {

    /**
     * The kind of call event. Rules run on {@link #ESTABLISHED} and again on each {@link #USER_DATA_UPDATED} or
     * {@link #INSTRUCTED}.
     */
    public enum Trigger {
        ESTABLISHED,
        USER_DATA_UPDATED,
        /**
         * An event on an established call that changed neither its state nor its user data but carries a routing
         * strategy's instruction in its extensions ({@code record=destination}, {@code disable_destination}, ...).
         */
        INSTRUCTED,
        RELEASED
    }

    public CallFactsChanged {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(trigger, "trigger");
        changedUserKeys = changedUserKeys == null ? Set.of() : Set.copyOf(changedUserKeys);
    }
}
