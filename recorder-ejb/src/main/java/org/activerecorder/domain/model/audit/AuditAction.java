package org.activerecorder.domain.model.audit;

/** What an audit entry records; the names are stored and shown as they are. */
public enum AuditAction {
    /** The first authenticated request of an HTTP session (or of a request without one). */
    LOGIN,
    /** A recording's audio was handed out ({@code GET /api/recordings/{id}/audio}); detail: the file's sha256. */
    AUDIO_DOWNLOADED,
    RULE_CREATED,
    RULE_CHANGED,
    RULE_DELETED,
    DN_CREATED,
    DN_CHANGED,
    DN_DELETED,
    USER_CREATED,
    /** Roles, enabled or a password set by an administrator; detail: from -> to (never a password or its hash). */
    USER_CHANGED,
    /** A user changed their own password; detail says nothing more. */
    PASSWORD_CHANGED,
    /** Pause, resume, stop or start of a recording over the API. */
    RECORDING_CONTROLLED,
    /** A recording's audio was deleted at the end of its retention (by {@code system}). */
    RECORDING_PURGED,
    /** Somebody started listening to an active recording live; detail: the streams heard. */
    LIVE_LISTENED,
    /**
     * Logins were refused for a while after repeated failures (by {@code system}, from the address tried); detail:
     * which limit (the user's or the address's), the failures and how long the next attempt waits. Once per window.
     */
    LOGIN_THROTTLED,
    /**
     * A setting's value stored or reset in the console or the API; detail: from -> to, each the value in effect and
     * where it comes from (console, system-property, environment, default).
     */
    SETTING_CHANGED
}
