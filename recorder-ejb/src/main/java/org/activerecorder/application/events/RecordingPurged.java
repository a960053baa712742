package org.activerecorder.application.events;

import java.time.Instant;

/**
 * A recording's retention ended and its audio file was deleted; its row (metadata, streams, completeness record)
 * stays, saying so.
 *
 * @param type          always {@code RecordingPurged}
 * @param file          the deleted file, relative to the recordings folder
 * @param sha256        the deleted file's SHA-256, as it was stored
 * @param retentionDays the retention the decision to record gave it
 * @param retainUntil   when its retention ended
 * @param purgedAt      when its audio was deleted
 */
public record RecordingPurged(String type, long recordingId, String callUuid, String recordDn, String file,
                              String sha256, Integer retentionDays, Instant retainUntil, Instant purgedAt)
        implements RecordingEvent {
    public static final String TYPE = "RecordingPurged";
}
