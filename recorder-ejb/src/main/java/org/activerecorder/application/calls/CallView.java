package org.activerecorder.application.calls;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A call as the API shows it ({@code GET /api/calls/{callUuid}}): what call control said of it, its attached data
 * with each key's time, and its recordings. Field names are a public contract: add, never rename or remove.
 *
 * @param state        {@code established}, {@code released}, or {@code null} before either was heard
 * @param direction    {@code inbound}, {@code outbound}, {@code internal} or {@code null}
 * @param lastEventAt  when the last call event arrived; {@code null} when the call is known from its sessions only
 * @param userData     the attached data: each key's value and when it got that value
 * @param recordings   the ids of the call's recordings, the newest first
 */
public record CallView(String callUuid, String state, String connId, String thisDn, String otherDn, String ani,
                       String dnis, String direction, String agentId, Instant firstSeenAt, Instant establishedAt,
                       Instant releasedAt, Instant lastEventAt, Map<String, UserDataEntry> userData,
                       List<Long> recordings) {

    /** One key of the attached data. */
    public record UserDataEntry(String value, Instant updatedAt) {
    }
}
