package org.activerecorder.domain.model.call;

import org.activerecorder.domain.model.Dn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one call event says about a call: the facts it names ({@code null} where it names none: they stay as they
 * are) and the user-data keys it sets or, with a {@code null} value, deletes. Checked against the limits the database
 * and people can live with when made, so a call never holds what it could not store.
 *
 * @param state     {@code null} on an update that does not change it
 * @param userData  keys to set (value) or delete ({@code null}), in the event's order
 */
public record CallUpdate(CallState state, String connId, Dn thisDn, Dn otherDn, String ani, String dnis,
                         CallDirection direction, String agentId, Map<String, String> userData) {

    /** Characters of {@code connId}, {@code ani}, {@code dnis}, {@code agentId} at most (the columns' length). */
    public static final int MAX_FACT_LENGTH = 64;
    /** Characters of a user-data key at most. */
    public static final int MAX_KEY_LENGTH = 64;
    /** Characters of a user-data value at most. */
    public static final int MAX_VALUE_LENGTH = 1024;
    /** User-data keys one call holds at most (and so one event names at most). */
    public static final int MAX_KEYS = 100;

    public CallUpdate {
        fact("connId", connId);
        fact("ani", ani);
        fact("dnis", dnis);
        fact("agentId", agentId);
        Map<String, String> copy = new LinkedHashMap<>();
        if (userData != null) {
            if (userData.size() > MAX_KEYS) {
                throw new InvalidCallData("userData has " + userData.size() + " keys; a call holds at most " + MAX_KEYS);
            }
            userData.forEach((key, value) -> {
                key(key);
                if (value != null && value.length() > MAX_VALUE_LENGTH) {
                    throw new InvalidCallData("userData '" + key + "' is " + value.length()
                            + " characters long; at most " + MAX_VALUE_LENGTH);
                }
                copy.put(key, value);
            });
        }
        userData = Collections.unmodifiableMap(copy);
    }

    /** An update of user data only. */
    public static CallUpdate userData(Map<String, String> userData) {
        return new CallUpdate(null, null, null, null, null, null, null, null, userData);
    }

    private static void fact(String name, String value) {
        if (value != null && value.length() > MAX_FACT_LENGTH) {
            throw new InvalidCallData("'" + name + "' is " + value.length() + " characters long; at most "
                    + MAX_FACT_LENGTH);
        }
    }

    private static void key(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidCallData("a userData key must not be empty");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidCallData("userData key '" + key.substring(0, 20) + "...' is " + key.length()
                    + " characters long; at most " + MAX_KEY_LENGTH);
        }
    }
}
