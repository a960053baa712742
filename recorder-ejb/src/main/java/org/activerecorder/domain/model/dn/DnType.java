package org.activerecorder.domain.model.dn;

import java.util.Arrays;
import java.util.Optional;

/** What a DN is on the switch; the names are the API's. */
public enum DnType {
    EXTENSION("extension"),
    ACD_POSITION("acd-position"),
    AGENT_LOGIN("agent-login"),
    TRUNK_GROUP("trunk-group"),
    TREATMENT_PORT("treatment-port"),
    ROUTING_POINT("routing-point"),
    OTHER("other");

    private final String jsonName;

    DnType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Optional<DnType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equalsIgnoreCase(name)).findFirst();
    }

    /** The names, for a message saying what is accepted. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(DnType::jsonName).toList());
    }
}
