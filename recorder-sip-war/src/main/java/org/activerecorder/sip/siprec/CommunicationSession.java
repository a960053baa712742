package org.activerecorder.sip.siprec;

import java.util.List;
import java.util.Objects;

/**
 * The call being recorded, as the metadata names it (RFC 7865 {@code <session>}, a Communication Session).
 *
 * @param id            {@code session_id} (pre-RFC: {@code id}); the SIPREC session id of the call identity rule
 * @param sipSessionIds the {@code <sipSessionID>} values (RFC 7989 Session-IDs of the call's dialogs), in order
 * @param groupId       the group it belongs to ({@code <group-ref>}, pre-RFC {@code group=}), "" when none
 */
public record CommunicationSession(String id, List<String> sipSessionIds, String groupId) {
    public CommunicationSession {
        Objects.requireNonNull(id, "id");
        sipSessionIds = List.copyOf(sipSessionIds);
        groupId = groupId == null ? "" : groupId;
    }
}
