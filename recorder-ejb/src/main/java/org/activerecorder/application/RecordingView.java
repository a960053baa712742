package org.activerecorder.application;

import org.activerecorder.application.events.CompletenessSummary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A recording as the API and the console show it. Field names are a public contract: add, never rename or remove.
 *
 * @param audioFile        the stereo file, relative to the recordings folder, once assembled
 * @param state            {@code ACTIVE}, {@code COMPLETED}, {@code INCOMPLETE} or {@code FAILED}
 * @param oneSided         whether only one party's audio was ever sent (known once assembled)
 * @param reasons          what is missing and why, once assembled; empty when everything is there
 * @param completeness     the streams' counters added up and the silence per cause (its {@code reasons} and
 *                         {@code oneSided} are the fields above)
 * @param assemblyAttempts how many times the stereo file was tried (more than 1 after a failure)
 * @param control          what was asked of it: {@code RECORDING}, {@code PAUSED} or {@code STOPPED} (the pauses
 *                         themselves are each stream's {@code SIGNALLED_PAUSE} gaps)
 * @param pausedSince      when the current pause on request began, while paused
 * @param stoppedAt        when it was stopped on request, if it was
 * @param userData         the call's attached data as call control sent it, merged over its events (empty until an
 *                         event came: a recording whose sessions came first shows it once the event arrives)
 * @param agentId          the agent of the call, as its latest call event said
 * @param ani              the calling number, from the call events
 * @param dnis             the dialled number, from the call events
 * @param connId           T-Server's connection id of the call, from the call events
 * @param direction        {@code inbound}, {@code outbound} or {@code internal}, from the call events
 * @param pauses           every pause on request, in order: the pause timeline (the last one is open while paused)
 * @param retentionDays    days to keep the recording after it finished, as the decision to record it said (a rule,
 *                         the DN's configuration); {@code null} when none did
 * @param retainUntil      when its retention ends: {@code finishedAt} plus {@code retentionDays} for a recording that
 *                         finished with a file; {@code null} otherwise. Its audio is deleted then (unless retention
 *                         is not enforced), its metadata kept
 * @param purgedAt         when its audio was deleted at the end of its retention; {@code null} while it is kept
 * @param sha256           the SHA-256 of the stereo file; {@code null} until it is taken, when that is after the
 *                         completion ({@code recorder.file-sha256=after-completion}: by the sweep, within 5 minutes)
 * @param audioSha256      the SHA-256 of the stereo file's audio data (its bytes after the 44-byte header), taken as
 *                         they were written; {@code null} for recordings stored before it was kept
 */
public record RecordingView(long id, String callUuid, String requestId, String recordDn, String state,
                            Instant startedAt, Instant finishedAt, Long durationMillis, String audioFile,
                            String sha256, String failureReason, Map<String, String> attributes,
                            List<StreamView> streams, boolean oneSided, List<CompletenessSummary.Reason> reasons,
                            CompletenessSummary completeness, int assemblyAttempts, String control,
                            Instant pausedSince, Instant stoppedAt, Map<String, String> userData, String agentId,
                            String ani, String dnis, String connId, String direction, List<PauseView> pauses,
                            Integer retentionDays, Instant retainUntil, Instant purgedAt, String audioSha256) {

    /**
     * One pause on request: every stream of the recording is silent from {@code pausedAt} to {@code resumedAt}.
     *
     * @param pausedAt       when the pause arrived
     * @param resumedAt      when the resume (or the stop, see {@code endedByStop}) arrived; {@code null} while paused,
     *                       or when the call ended during the pause
     * @param pausedBy       who paused
     * @param resumedBy      who ended the pause
     * @param endedByStop    whether a stop ended the pause (nothing after it was recorded)
     * @param durationMillis {@code resumedAt - pausedAt}, once ended
     */
    public record PauseView(Instant pausedAt, Instant resumedAt, String pausedBy, String resumedBy,
                            boolean endedByStop, Long durationMillis) {
    }

    /**
     * One party's stream of a recording, with its completeness record.
     *
     * @param firstPacketAt when its first packet arrived
     * @param firstSampleAt the instant of the first sample of its audio: where it is placed in the recording
     * @param endReason     {@code REQUESTED}, {@code STOPPED} (by a stop on request), {@code NO_MEDIA}, {@code ADAPTER_STOPPED}, {@code WRITE_FAILED},
     *                      {@code RECEIVE_FAILED}, {@code RECOVERED_AT_START} or {@code NOT_IN_MEDIA_PLANE}
     * @param gaps          its silent stretches with their causes, in order
     * @param gapsOmitted   further gaps that were not listed
     * @param dtmf          the keys the party pressed (RFC 4733 telephone events)
     * @param dtmfOmitted   further key presses that were not listed
     * @param kernelDrops   packets the recorder's kernel dropped on the stream's socket (its receive buffer was full)
     */
    public record StreamView(String id, String dn, String side, String state, String sipCallId, String codec,
                             String localRtp, String mediaSource, Instant openedAt, Instant firstPacketAt,
                             Instant endedAt, String endReason, long packetsReceived, long packetsLost,
                             long packetsLate, long packetsDuplicate, long packetsMalformed, long packetsForeign,
                             long samplesWritten, Instant firstSampleAt, int sampleRate, long packetsExpected,
                             long ssrcChanges, long sequenceRestarts, long sourceMoves, long comfortNoisePackets,
                             long telephoneEventPackets, long timestampJumps, List<GapView> gaps, long gapsOmitted,
                             List<DtmfView> dtmf, long dtmfOmitted, long kernelDrops) {
    }

    /**
     * A silent stretch of a stream, counted from the first sample of the stream.
     *
     * @param cause {@code QUIET_SENDER}, {@code NETWORK_LOSS}, {@code SIGNALLED_PAUSE}, {@code RECORDER_FAILURE},
     *              {@code SERVER_RESTART} or {@code RECEIVER_OVERFLOW}
     */
    public record GapView(long startMillis, long lengthMillis, long startSample, long lengthSamples, String cause) {
    }

    /**
     * A key the party pressed, counted from the first sample of the stream.
     *
     * @param key   {@code 0-9}, {@code *}, {@code #}, {@code A-D}, {@code F} (flash) or {@code ?}
     * @param event the RFC 4733 event code
     * @param ended whether its end was received (otherwise its duration is the longest seen)
     */
    public record DtmfView(long atMillis, String key, int event, long durationMillis, int volume, boolean ended) {
    }
}
