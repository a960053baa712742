package org.activerecorder.sip.siprec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A party of the recorded call (RFC 7865 {@code <participant>}).
 *
 * @param id            {@code participant_id} (pre-RFC: {@code id})
 * @param aors          its addresses of record, from {@code <nameID aor=...>} (RFC) and {@code <aor>} (pre-RFC), in
 *                      order
 * @param names         its display names ({@code <name>}), in order
 * @param extensionData vendor values found inside the participant (e.g. Acme Packet's {@code callingParty}), local
 *                      element name to text; bounded, first value of a name wins
 */
public record Participant(String id, List<String> aors, List<String> names, Map<String, String> extensionData) {
    public Participant {
        Objects.requireNonNull(id, "id");
        aors = List.copyOf(aors);
        names = List.copyOf(names);
        extensionData = Collections.unmodifiableMap(new LinkedHashMap<>(extensionData));
    }

    /** A participant known only by its id (an association in a partial update names one declared earlier). */
    static Participant known(String id) {
        return new Participant(id, List.of(), List.of(), Map.of());
    }

    /** The first AoR, or "" when the metadata gives none. */
    public String aor() {
        return aors.isEmpty() ? "" : aors.get(0);
    }

    /** This participant with the non-empty fields of {@code newer} in place of its own (a partial update). */
    Participant updatedBy(Participant newer) {
        Map<String, String> extensions = new LinkedHashMap<>(extensionData);
        extensions.putAll(newer.extensionData);
        return new Participant(id, newer.aors.isEmpty() ? aors : newer.aors,
                newer.names.isEmpty() ? names : newer.names, extensions);
    }
}
