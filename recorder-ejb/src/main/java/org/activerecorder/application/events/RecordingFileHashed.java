package org.activerecorder.application.events;

import java.time.Instant;

/**
 * A stored recording's file has been hashed after its completion ({@code recorder.file-sha256=after-completion}):
 * its {@code RecordingCompleted} or {@code RecordingIncomplete} went out without the file's SHA-256, which this
 * carries. Sent once per such recording, when the sweep has read the file back.
 *
 * @param type        always {@code RecordingFileHashed}
 * @param recordingId the recorder's id of the recording
 * @param callUuid    the call's CallUUID
 * @param recordDn    the DN that asked for the recording (left channel)
 * @param file        absolute path of the stereo WAV on the recorder host
 * @param sha256      hex SHA-256 of the file
 * @param audioSha256 hex SHA-256 of its audio data, as the completion carried it
 * @param hashedAt    when the file was hashed
 */
public record RecordingFileHashed(String type, long recordingId, String callUuid, String recordDn, String file,
                                  String sha256, String audioSha256, Instant hashedAt) implements RecordingEvent {
    public static final String TYPE = "RecordingFileHashed";
}
