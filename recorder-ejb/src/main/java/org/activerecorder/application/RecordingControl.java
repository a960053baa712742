package org.activerecorder.application;

import jakarta.ejb.Local;

/**
 * Start, pause, resume and stop of a call's recording on request (an agent desktop, a supervisor, a call-control
 * bridge). Callers need the role {@code admin}, {@code supervisor} or {@code control}.
 *
 * <p>Start asks call control to record {@link ControlRequest#dn()} (required): the recording is created
 * {@code REQUESTED} with the request's {@code id} as its {@code record=} id (a fresh one when none or an unusable one is
 * given), {@code START_RECORDING} (3013) is sent, and the Media Server's sessions that carry that id join it. One
 * whose media does not come in time fails.
 *
 * <p>Pause silences every open stream of the recording from the request's arrival (audio received after that
 * instant, even already in memory, is silenced too) until resume; a stream joining meanwhile is silenced from its
 * start. Stop ends every stream at once (their ports close: media still arriving is discarded) and the recording is
 * assembled and published as usual. Each is published as an event. The recording is the call's recording of
 * {@link ControlRequest#dn()} when given (its newest), else the one still recording, else the newest (so that a
 * request on a finished one is refused with its state).
 *
 * <p>The call is named by its CallUUID, or by T-Server's connection id with the DN ({@link CallReference}): the most
 * recent call whose events gave that id and that is not released (the only one that had it, even released).
 */
@Local
public interface RecordingControl {

    /**
     * @throws ControlRefused {@code UNKNOWN} for an unknown call, connId or DN (or a connId several released calls
     *                        had), {@code NOT_ALLOWED} for a move the recording's state refuses (already paused, not
     *                        paused, stopped, finished, a start of a DN already recorded or requested),
     *                        {@code INCOMPLETE} for a start without a DN, or a connId without its DN
     */
    RecordingControlled apply(ControlOperation operation, ControlRequest request) throws ControlRefused;
}
