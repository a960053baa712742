package org.activerecorder.domain.model.call;

import java.util.Locale;
import java.util.Optional;

/** Which way the call goes, seen from the contact centre. */
public enum CallDirection {
    INBOUND,
    OUTBOUND,
    INTERNAL;

    /** The name call events use: {@code inbound}, {@code outbound} or {@code internal}. */
    public String eventName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction an event names, in any case ({@code Inbound} is what T-Server's CallType reads as). */
    public static Optional<CallDirection> named(String name) {
        for (CallDirection direction : values()) {
            if (direction.name().equalsIgnoreCase(name)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }
}
