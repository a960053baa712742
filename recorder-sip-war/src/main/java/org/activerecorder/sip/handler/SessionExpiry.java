package org.activerecorder.sip.handler;

import org.activerecorder.sip.admission.SessionTimerCounters;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.session.SessionKey;
import org.activerecorder.sip.session.SessionTimer;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the session timers (RFC 4028) of the sessions that have one: each session waits for one next thing. When
 * the client refreshes, that is the session's end: each refresh (the 2xx of a re-INVITE or UPDATE that negotiated a
 * timer; for the first INVITE, its ACK) starts the wait again, and a session whose next refresh does not come within
 * {@link SessionTimerPolicy#expiryAfter} is over (the client crashed or its BYE was lost). When the recorder
 * refreshes, it is the recorder's next refresh, at half the interval (RFC 4028 §10), sent by
 * {@link SessionRefresher}; a refresh that fails for good ends the session the same way.
 *
 * <p>The recorder ends such a session as a BYE would (a normal end: the recording keeps everything received) and
 * sends the client a BYE of its own on the dialog while it lives (RFC 4028 §10).
 *
 * <p>Runs on a scheduler given from outside (the container's managed scheduled executor), which it never shuts
 * down; its tasks send SIP requests and hand the streams' end to {@code endStreams}, which does the slow work
 * elsewhere.
 */
final class SessionExpiry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SessionExpiry.class.getName());

    private final RecordingSessions sessions;
    private final Consumer<List<String>> endStreams;
    private final ScheduledExecutorService clock;
    private final SessionTimerCounters counters;
    private final SessionRefresher refresher;
    private final Map<SessionKey, Wait> waits = new ConcurrentHashMap<>();

    /**
     * @param sessions   the registry an ended session leaves
     * @param endStreams ends the streams of an ended session, off this thread
     * @param timers     their scheduler runs the waits (owned by the caller), their clock times the refreshes' retries
     * @param counters   counts refreshes and the sessions a timer ended
     */
    SessionExpiry(RecordingSessions sessions, Consumer<List<String>> endStreams, SessionTimers timers,
                  SessionTimerCounters counters) {
        this.sessions = sessions;
        this.endStreams = endStreams;
        this.clock = timers.scheduler();
        this.counters = counters;
        this.refresher = new SessionRefresher(this, counters, timers.nanoTime());
    }

    /** Where the answers to the recorder's refreshes go. */
    SessionRefresher refresher() {
        return refresher;
    }

    /**
     * The session was refreshed now with this timer: its wait starts again, for the client's next refresh or for
     * ours. Without a timer it has none any more (RFC 4028 §9: every refresh negotiates anew).
     *
     * @param provider where the BYE, or our refresh, leaves
     */
    void refreshed(RecordingSession session, Optional<SessionTimer> timer, SipProvider provider) {
        cancel(session);
        if (timer.isEmpty()) {
            return;
        }
        int interval = timer.get().intervalSeconds();
        if (timer.get().recorderRefreshes()) {
            refreshIn(session, Duration.ofMillis(interval * 500L), () -> refresher.refresh(session, interval, provider));
        } else {
            schedule(session, SessionTimerPolicy.expiryAfter(interval), () -> end(session,
                    "no refresh within its session interval of " + interval + " s (RFC 4028)", provider));
        }
    }

    /** Our refresh of the session leaves after {@code delay}, unless the session is refreshed or ends first. */
    void refreshIn(RecordingSession session, Duration delay, Runnable refresh) {
        schedule(session, delay, refresh);
    }

    /** The session ended: its timer, if any, is dropped. */
    void cancel(RecordingSession session) {
        Wait wait = waits.remove(session.key());
        ScheduledFuture<?> future = wait == null ? null : wait.future;
        if (future != null) {
            future.cancel(false);
        }
    }

    /** Sessions whose timer runs. */
    int watched() {
        return waits.size();
    }

    private void schedule(RecordingSession session, Duration after, Runnable due) {
        cancel(session);
        Wait wait = new Wait();
        // registered before it is scheduled: a task that finds another entry (or none) was refreshed or cancelled
        waits.put(session.key(), wait);
        try {
            wait.future = clock.schedule(() -> {
                if (waits.remove(session.key(), wait)) {
                    due.run();
                }
            }, after.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            waits.remove(session.key(), wait);
            LOG.fine(() -> "Session timer of " + session.key() + " not started: stopping");
        }
    }

    /**
     * Ends a session whose timer ran out or whose refresh failed for good: as a BYE would, with our BYE on the
     * dialog while it lives.
     *
     * @param why for the log
     */
    void end(RecordingSession session, String why, SipProvider provider) {
        try {
            cancel(session);
            sessions.remove(session);
            List<String> streamIds = session.end();
            if (streamIds.isEmpty()) {
                return; // ended meanwhile by BYE or the dialog's end
            }
            counters.sessionEnded();
            LOG.info(() -> "Recording session " + session.key() + " ended by its session timer: " + why
                    + "; ending streams " + streamIds);
            sendBye(session, provider);
            endStreams.accept(streamIds);
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "Cannot end the session " + session.key() + " its timer ended", failure);
        }
    }

    /** BYE on the session's dialog, in a client transaction; its response needs nothing from us. */
    static void sendBye(RecordingSession session, SipProvider provider) {
        Dialog dialog = session.invite().getDialog();
        if (dialog == null || dialog.getState() == DialogState.TERMINATED) {
            LOG.info(() -> "Session " + session.key() + " has no dialog left; no BYE sent");
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction transaction = provider.getNewClientTransaction(bye);
            dialog.sendRequest(transaction);
        } catch (SipException failure) {
            LOG.log(Level.WARNING, "Cannot send BYE for the ended session " + session.key(), failure);
        }
    }

    /** One session's wait; its future is set just after it is registered. */
    private static final class Wait {
        private volatile ScheduledFuture<?> future;
    }

    /** Drops every wait; the scheduler is its owner's to stop. */
    @Override
    public void close() {
        for (Wait wait : waits.values()) {
            ScheduledFuture<?> future = wait.future;
            if (future != null) {
                future.cancel(false);
            }
        }
        waits.clear();
    }
}
