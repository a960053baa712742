package org.activerecorder.application.calls;

/**
 * The answer to a call event: the call as it is now, and whether the event created it (the recorder had heard of
 * it neither from a session nor from an earlier event).
 */
public record CallEventApplied(boolean created, CallView call) {
}
