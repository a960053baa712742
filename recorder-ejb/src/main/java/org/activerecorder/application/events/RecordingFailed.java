package org.activerecorder.application.events;

import java.time.Instant;

/**
 * A recording could not be finished; its stream files are kept for recovery.
 *
 * @param type         always {@code RecordingFailed}
 * @param reason       what went wrong, for a person to read
 */
public record RecordingFailed(String type, long recordingId, String callUuid, String recordDn, String reason,
                              Instant failedAt) implements RecordingEvent {
    public static final String TYPE = "RecordingFailed";
}
