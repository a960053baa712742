package org.activerecorder.application.events;

import java.time.Instant;

/**
 * Someone entitled started, paused, resumed or stopped a recording ({@code POST /api/calls/{callUuid}/recording/...}
 * or the queue {@code RecorderCommands}).
 *
 * @param type        {@code RecordingRequested} (a start: call control was asked for the media), {@code RecordingPaused},
 *                    {@code RecordingResumed} or {@code RecordingStopped}
 * @param recordingId the recorder's id of the recording
 * @param callUuid    the call's CallUUID
 * @param requestId   the Media Server's {@code record=} id
 * @param recordDn    the recorded DN
 * @param control     what the recording is now: {@code RECORDING}, {@code PAUSED} or {@code STOPPED}
 * @param requestedBy the user who asked (the API login)
 * @param at          when the request arrived: the instant the pause, resume or stop takes effect in the audio
 * @param id          the {@code id} the request carried (a third party's correlation id), or {@code null}
 * @param dest        the {@code dest} the request carried, or {@code null}
 * @param streams     how many open streams the operation reached
 */
public record RecordingControlEvent(String type, long recordingId, String callUuid, String requestId, String recordDn,
                                   String control, String requestedBy, Instant at, String id, String dest,
                                   int streams) implements RecordingEvent {
    public static final String REQUESTED = "RecordingRequested";
    /** A start on a call whose media still flowed after a stop: the new recording is active at once. */
    public static final String STARTED = "RecordingStarted";
    public static final String PAUSED = "RecordingPaused";
    public static final String RESUMED = "RecordingResumed";
    public static final String STOPPED = "RecordingStopped";
}
