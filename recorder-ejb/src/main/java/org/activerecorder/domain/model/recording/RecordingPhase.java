package org.activerecorder.domain.model.recording;

import java.util.Optional;

/**
 * The one state machine of a recording, as the people who control it see it: {@code REQUESTED → ACTIVE ⇄ PAUSED →
 * STOPPED}, and from there (or straight from {@code ACTIVE}/{@code PAUSED} when the call ends)
 * {@code COMPLETED | INCOMPLETE | FAILED}; a {@code REQUESTED} recording whose media never comes, or that is stopped
 * before it came, is {@code FAILED}. It is read from the two columns that store it, the life cycle
 * ({@link RecordingState}: does it take streams, is its file made) and what was asked of it ({@link ControlState}).
 * Every move of a recording asks {@link #after} first, so one table decides what is allowed, and a refusal says why in
 * words a person can act on.
 */
public enum RecordingPhase {
    /** Started on request: call control was asked for the Media Server's sessions, none has come yet. */
    REQUESTED,
    /** Sessions joined; audio is kept. */
    ACTIVE,
    /** Paused on request: every stream is silence until resumed. */
    PAUSED,
    /** Stopped on request: the streams are closing, the file is being made. */
    STOPPED,
    COMPLETED,
    INCOMPLETE,
    FAILED;

    /** What can happen to a recording. */
    public enum Move {
        /** The first session of a requested recording joins it. */
        MEDIA_JOINS,
        PAUSE,
        RESUME,
        STOP,
        /** A requested recording got no session in time. */
        NO_MEDIA,
        /** Its streams ended and its file was made (complete or incomplete). */
        ASSEMBLED,
        /** Its file could not be made. */
        ASSEMBLY_FAILED
    }

    /** The phase of a recording in this life-cycle state and control state. */
    public static RecordingPhase of(RecordingState state, ControlState control) {
        return switch (state) {
            case REQUESTED -> REQUESTED;
            case ACTIVE -> switch (control) {
                case RECORDING -> ACTIVE;
                case PAUSED -> PAUSED;
                case STOPPED -> STOPPED;
            };
            case COMPLETED -> COMPLETED;
            case INCOMPLETE -> INCOMPLETE;
            case FAILED -> FAILED;
        };
    }

    /**
     * Whether the recording is underway: requested, active or paused. Such a recording still stands for its DN (no
     * second one is asked for it) and still takes the sessions that name its {@code record=} id.
     */
    public boolean isUnderway() {
        return this == REQUESTED || this == ACTIVE || this == PAUSED;
    }

    /** The phase after {@code move}, or empty when this phase refuses it ({@link #refusal} says why). */
    public Optional<RecordingPhase> after(Move move) {
        RecordingPhase next = switch (move) {
            case MEDIA_JOINS -> this == REQUESTED ? ACTIVE : null;
            case PAUSE -> this == ACTIVE ? PAUSED : null;
            case RESUME -> this == PAUSED ? ACTIVE : null;
            case STOP -> switch (this) {
                case ACTIVE, PAUSED -> STOPPED;
                case REQUESTED -> FAILED;
                default -> null;
            };
            case NO_MEDIA -> this == REQUESTED ? FAILED : null;
            // COMPLETED or INCOMPLETE: the policy decides which; ASSEMBLED names the first
            case ASSEMBLED -> this == ACTIVE || this == PAUSED || this == STOPPED || this == FAILED ? COMPLETED : null;
            case ASSEMBLY_FAILED -> this == ACTIVE || this == PAUSED || this == STOPPED || this == FAILED ? FAILED
                    : null;
        };
        return Optional.ofNullable(next);
    }

    /** Why this phase refuses {@code move}, for the person who asked; the recording is named by the caller. */
    public String refusal(Move move) {
        return switch (this) {
            case REQUESTED -> "it is requested and has no media yet: nothing to " + verb(move)
                    + " until the Media Server's sessions come";
            case ACTIVE -> move == Move.RESUME ? "it is not paused: it is recording; nothing to resume"
                    : "it is recording; cannot " + verb(move);
            case PAUSED -> move == Move.PAUSE ? "it is already paused; resume it first"
                    : "it is paused; cannot " + verb(move);
            case STOPPED -> "it was already stopped on request; start a new recording instead";
            case COMPLETED, INCOMPLETE, FAILED -> "it is already " + name() + " (its file is made or given up)";
        };
    }

    private static String verb(Move move) {
        return switch (move) {
            case MEDIA_JOINS -> "join";
            case NO_MEDIA -> "give up for lack of media";
            case ASSEMBLED, ASSEMBLY_FAILED -> "assemble";
            default -> move.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
