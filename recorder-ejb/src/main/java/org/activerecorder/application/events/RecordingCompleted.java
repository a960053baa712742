package org.activerecorder.application.events;

import java.time.Instant;
import java.util.List;

/**
 * A recording is finished and stored, and holds everything that was said (within the network loss tolerance).
 *
 * @param type           always {@code RecordingCompleted}
 * @param recordingId    the recorder's id of the recording ({@code GET /api/recordings/{id}})
 * @param callUuid       the call's CallUUID
 * @param requestId      the Media Server's {@code record=} id
 * @param recordDn       the DN that asked for the recording (left channel)
 * @param dns            the DNs of all streams, recorded DN first
 * @param file           absolute path of the stereo WAV on the recorder host
 * @param audioUri       path of the audio in the recorder's API
 * @param durationMillis length of the recording
 * @param sha256         hex SHA-256 of the file; {@code null} (left out) when it is taken after the completion
 *                       ({@code recorder.file-sha256=after-completion}) and comes in {@link RecordingFileHashed}
 * @param audioSha256    hex SHA-256 of the file's audio data: its bytes after the 44-byte header
 * @param startedAt      when the first session of the recording was answered
 * @param completedAt    when the recorder began to store the file (its last stream's end had reached it); the file is
 *                       written, forced and the recording stored in the same transaction, milliseconds after
 * @param completeness   its completeness record (counters, silence per cause, one-sided, reasons)
 */
public record RecordingCompleted(String type, long recordingId, String callUuid, String requestId, String recordDn,
                                 List<String> dns, String file, String audioUri, long durationMillis, String sha256,
                                 String audioSha256, Instant startedAt, Instant completedAt,
                                 CompletenessSummary completeness)
        implements RecordingEvent {
    public static final String TYPE = "RecordingCompleted";
}
