package org.activerecorder.application;

import org.activerecorder.domain.model.Dn;
import org.activerecorder.domain.model.recording.StreamParty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who is who in one recording session, as its signalling says now: a SIPREC session's metadata update may name the
 * recorded party, or the senders of its streams, only after the streams were opened.
 *
 * @param recordDn   the recorded party's DN
 * @param streams    every stream of the session with the party it carries and its side
 * @param attributes recording attributes to set (an empty value removes one), e.g. the rule that decided and when
 * @param cause      why, in words, for the log ("SIPREC metadata update in re-INVITE")
 */
public record SessionParties(Dn recordDn, List<StreamParty> streams, Map<String, String> attributes, String cause) {
    public SessionParties {
        Objects.requireNonNull(recordDn, "recordDn");
        streams = List.copyOf(streams);
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("a session has at least one stream");
        }
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        cause = Objects.requireNonNullElse(cause, "");
    }
}
