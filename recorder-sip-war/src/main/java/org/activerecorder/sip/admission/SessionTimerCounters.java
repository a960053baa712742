package org.activerecorder.sip.admission;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the RFC 4028 session timers did since SIP started: the refreshes the recorder sent and how they were
 * answered, and the sessions a timer ended. Joined to the {@link SipCounters} log line ({@link SipCounters#alongside}),
 * so that a person sees a Media Server that stopped answering refreshes, or one whose sessions keep expiring.
 */
public final class SessionTimerCounters {

    private final LongAdder refreshesSent = new LongAdder();
    private final LongAdder refreshesConfirmed = new LongAdder();
    private final LongAdder refreshesRetried = new LongAdder();
    private final LongAdder refreshesFailed = new LongAdder();
    private final LongAdder sessionsEnded = new LongAdder();

    /** The recorder sent a refresh (UPDATE or re-INVITE). */
    public void refreshSent() {
        refreshesSent.increment();
    }

    /** A refresh was answered 2xx. */
    public void refreshConfirmed() {
        refreshesConfirmed.increment();
    }

    /**
     * A refresh was answered 422 and is sent again at once with the Min-SE asked for, or failed in a way that lets it
     * be tried again (491, 500, ...) and is tried again before the session expires: one count per try.
     */
    public void refreshRetried() {
        refreshesRetried.increment();
    }

    /** A refresh failed for good (481, 408, no answer, or it could not be sent). */
    public void refreshFailed() {
        refreshesFailed.increment();
    }

    /** A session was ended by its timer: its refresh failed, or the client's refresh did not come. */
    public void sessionEnded() {
        sessionsEnded.increment();
    }

    public long refreshesSent() {
        return refreshesSent.sum();
    }

    public long refreshesConfirmed() {
        return refreshesConfirmed.sum();
    }

    public long refreshesRetried() {
        return refreshesRetried.sum();
    }

    public long refreshesFailed() {
        return refreshesFailed.sum();
    }

    public long sessionsEnded() {
        return sessionsEnded.sum();
    }

    /** One line in the words of the log. */
    public String summary() {
        return "session timers since start: refreshes sent " + refreshesSent.sum() + ", confirmed "
                + refreshesConfirmed.sum() + ", retried " + refreshesRetried.sum() + ", failed "
                + refreshesFailed.sum() + ", sessions ended by their timer " + sessionsEnded.sum();
    }
}
