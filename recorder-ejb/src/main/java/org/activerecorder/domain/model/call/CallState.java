package org.activerecorder.domain.model.call;

import java.util.Locale;
import java.util.Optional;

/** Where the call is, as call control last said: established (parties connected) or released (it ended). */
public enum CallState {
    ESTABLISHED,
    RELEASED;

    /** The name call events use: {@code established} or {@code released}. */
    public String eventName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state an event names ({@code established}, {@code released}, in any case), if it is one. */
    public static Optional<CallState> named(String name) {
        for (CallState state : values()) {
            if (state.name().equalsIgnoreCase(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
