package org.activerecorder.sip.siprec;

import java.util.List;
import java.util.Objects;

/**
 * Which streams a participant sends and receives (RFC 7865 {@code <participantstreamassoc>}; pre-RFC SRCs put
 * {@code <send>} and {@code <recv>} inside {@code <participant>}, the legacy schema wraps each id in {@code <id>}).
 * A partial update gives the association of a participant in full: a participant put on hold is sent with its
 * {@code <recv>} alone (RFC 7865's hold example), so an association replaces the previous one whole.
 *
 * @param participantId the participant
 * @param sends         stream ids it sends, in order
 * @param receives      stream ids it receives, in order
 */
public record StreamAssociation(String participantId, List<String> sends, List<String> receives) {
    public StreamAssociation {
        Objects.requireNonNull(participantId, "participantId");
        sends = List.copyOf(sends);
        receives = List.copyOf(receives);
    }
}
