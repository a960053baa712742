package org.activerecorder.domain.model.rule;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which parties a decision records: the DN the event is about, or both parties of the call. */
public enum RecordedParties {
    THIS_DN("thisDn"),
    BOTH("both");

    private final String jsonName;

    RecordedParties(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name in the API and the docs. */
    public String jsonName() {
        return jsonName;
    }

    public static Optional<RecordedParties> named(String name) {
        return Arrays.stream(values()).filter(p -> p.jsonName.toLowerCase(Locale.ROOT)
                .equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }
}
