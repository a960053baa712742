package org.activerecorder.sip.siprec;

import java.util.Objects;

/**
 * A media stream of the recorded call (RFC 7865 {@code <stream>}); its label is the {@code a=label} of the SDP
 * m-line that carries it to the recorder (RFC 4574, RFC 7866). Labels are any token: {@code 1}, {@code 96},
 * {@code 16777227}, {@code a_leg} have all been seen.
 *
 * @param id        {@code stream_id} (pre-RFC: {@code id})
 * @param sessionId the communication session it belongs to ({@code session_id}, pre-RFC {@code session}), "" if unsaid
 * @param label     the {@code <label>} text, "" when the stream has none
 */
public record MediaStream(String id, String sessionId, String label) {
    public MediaStream {
        Objects.requireNonNull(id, "id");
        sessionId = sessionId == null ? "" : sessionId;
        label = label == null ? "" : label;
    }

    /** This stream with the non-empty fields of {@code newer} in place of its own (a partial update). */
    MediaStream updatedBy(MediaStream newer) {
        return new MediaStream(id, newer.sessionId.isEmpty() ? sessionId : newer.sessionId,
                newer.label.isEmpty() ? label : newer.label);
    }
}
