package org.activerecorder.application;

import java.time.Instant;

/**
 * The answer to a control request that was carried out: the recording and what it is now. Field names are a
 * public contract: add, never rename or remove.
 *
 * @param operation   {@code PAUSE}, {@code RESUME} or {@code STOP}
 * @param control     what the recording is now: {@code RECORDING}, {@code PAUSED} or {@code STOPPED}
 * @param state       its life-cycle state as {@code GET /api/recordings/{id}} shows it: {@code ACTIVE} until its file
 *                    is assembled (a stopped recording is assembled moments later)
 * @param at          when the request took effect (its arrival)
 * @param pausedSince when the current pause began, while paused
 * @param streams     how many open streams the operation reached
 */
public record RecordingControlled(long recordingId, String callUuid, String requestId, String recordDn,
                                  String operation, String control, String state, Instant at, Instant pausedSince,
                                  String requestedBy, int streams) {
}
