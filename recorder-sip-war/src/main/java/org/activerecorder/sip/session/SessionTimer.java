package org.activerecorder.sip.session;

/**
 * A session's RFC 4028 session timer as last negotiated: its interval and who refreshes it. The refresher is named
 * by role in the session (the recorder or the client that opened it), not by the {@code uac}/{@code uas} of the
 * request that negotiated it: those words change meaning with the direction of each refresh (RFC 4028 §4).
 *
 * @param intervalSeconds the session interval, in seconds
 * @param refresher       who sends the refreshes; the other side ends the session when they stop (RFC 4028 §10)
 * @param clientSupports  whether the client supports {@code timer}: a 2xx to it then carries {@code Require: timer}
 */
public record SessionTimer(int intervalSeconds, Refresher refresher, boolean clientSupports) {

    /** Who refreshes the session. */
    public enum Refresher {
        /** The Media Server or SIPREC client that opened the session; the recorder watches for its refreshes. */
        CLIENT,
        /** The recorder: it sends an UPDATE (or re-INVITE) at half the interval. */
        RECORDER
    }

    public SessionTimer {
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("session interval must be at least 1 s: " + intervalSeconds);
        }
    }

    /** Whether the recorder sends the refreshes. */
    public boolean recorderRefreshes() {
        return refresher == Refresher.RECORDER;
    }
}
