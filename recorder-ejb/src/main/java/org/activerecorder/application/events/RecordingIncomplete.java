package org.activerecorder.application.events;

import java.time.Instant;
import java.util.List;

/**
 * A recording is finished and stored, but audio is missing from it: lost on the recorder's side (a failure, a stop
 * or crash of the server, a missing stream file) or on the network beyond the tolerance. {@link #reasons} says
 * what and why. The fields are those of {@link RecordingCompleted}, plus the reasons.
 *
 * @param type    always {@code RecordingIncomplete}
 * @param reasons what is missing and why (also in {@code completeness.reasons})
 */
public record RecordingIncomplete(String type, long recordingId, String callUuid, String requestId, String recordDn,
                                  List<String> dns, String file, String audioUri, long durationMillis, String sha256,
                                  String audioSha256, Instant startedAt, Instant completedAt,
                                  CompletenessSummary completeness,
                                  List<CompletenessSummary.Reason> reasons) implements RecordingEvent {
    public static final String TYPE = "RecordingIncomplete";
}
