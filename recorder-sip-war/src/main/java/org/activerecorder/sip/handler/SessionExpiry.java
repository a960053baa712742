package org.activerecorder.sip.handler;

import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.session.SessionKey;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Enforces the session timers (RFC 4028) of the sessions that have one. Each refresh (the 2xx of a re-INVITE or
 * UPDATE that negotiated a timer; for the first INVITE, its ACK) starts the wait again. A session whose next refresh
 * does not come within {@link SessionTimerPolicy#expiryAfter} is over: the client crashed or its BYE was lost. The
 * recorder then ends it as a BYE would (a normal end: the recording keeps everything received) and sends the client
 * a BYE of its own on the dialog (RFC 4028 §10), its only client request.
 *
 * <p>One daemon thread for all sessions; it sends the BYE and hands the streams' end to {@code endStreams}, which
 * does the slow work elsewhere.
 */
final class SessionExpiry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SessionExpiry.class.getName());

    private final RecordingSessions sessions;
    private final Consumer<List<String>> endStreams;
    private final ScheduledExecutorService clock;
    private final Map<SessionKey, Wait> waits = new ConcurrentHashMap<>();

    /**
     * @param sessions   the registry an expired session leaves
     * @param endStreams ends the streams of an expired session, off this thread
     */
    SessionExpiry(RecordingSessions sessions, Consumer<List<String>> endStreams) {
        this.sessions = sessions;
        this.endStreams = endStreams;
        this.clock = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "recorder-session-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The session was refreshed now with this interval: its wait starts again. Without an interval it has no timer
     * any more (RFC 4028 §9: every refresh negotiates anew).
     *
     * @param provider where the BYE leaves if the session expires
     */
    void refreshed(RecordingSession session, OptionalInt interval, SipProvider provider) {
        cancel(session);
        if (interval.isEmpty()) {
            return;
        }
        Duration after = SessionTimerPolicy.expiryAfter(interval.getAsInt());
        Wait wait = new Wait();
        // registered before it is scheduled: a task that finds another entry (or none) was refreshed or cancelled
        waits.put(session.key(), wait);
        try {
            wait.future = clock.schedule(() -> {
                if (waits.remove(session.key(), wait)) {
                    expire(session, interval.getAsInt(), provider);
                }
            }, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            waits.remove(session.key(), wait);
            LOG.fine(() -> "Session timer of " + session.key() + " not started: stopping");
        }
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

    private void expire(RecordingSession session, int interval, SipProvider provider) {
        try {
            sessions.remove(session);
            List<String> streamIds = session.end();
            if (streamIds.isEmpty()) {
                return; // ended meanwhile by BYE or the dialog's end
            }
            LOG.info(() -> "Recording session " + session.key() + " expired: no refresh within its session interval "
                    + "of " + interval + " s (RFC 4028); sending BYE and ending streams " + streamIds);
            sendBye(session, provider);
            endStreams.accept(streamIds);
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "Cannot end expired session " + session.key(), failure);
        }
    }

    /** BYE on the session's dialog, in a client transaction; its response needs nothing from us. */
    private static void sendBye(RecordingSession session, SipProvider provider) {
        Dialog dialog = session.invite().getDialog();
        if (dialog == null) {
            LOG.warning(() -> "Expired session " + session.key() + " has no dialog; no BYE sent");
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction transaction = provider.getNewClientTransaction(bye);
            dialog.sendRequest(transaction);
        } catch (SipException failure) {
            LOG.log(Level.WARNING, "Cannot send BYE for expired session " + session.key(), failure);
        }
    }

    /** One session's wait; its future is set just after it is registered. */
    private static final class Wait {
        private volatile ScheduledFuture<?> future;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        waits.clear();
    }
}
