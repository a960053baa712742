package org.activerecorder.sip.handler;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import org.activerecorder.sip.admission.SessionTimerCounters;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.SessionTimer;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.AllowHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ListIterator;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The refreshes the recorder sends when RFC 4028 §9 makes it the refresher, and what their answers mean (RFC 4028
 * §7.4, §10). A refresh is an UPDATE without a body when the client's INVITE listed UPDATE in its Allow (§7.4
 * recommends UPDATE then); otherwise a re-INVITE whose offer is the session's current answer, so that nothing about
 * the media changes. It carries {@code Session-Expires: N;refresher=uac} (in its own request the recorder is the UAC:
 * it goes on refreshing) and {@code Supported: timer}.
 *
 * <ul>
 *   <li>2xx: the session is refreshed; its Session-Expires says the interval and who refreshes next (§7.2: none
 *       means no timer any more).</li>
 *   <li>422: sent again at once with the Min-SE it names (§7.4).</li>
 *   <li>481, 408, or no answer at all: the session is over (RFC 3261 §12.2.1.2); it is ended as an expiry ends
 *       one.</li>
 *   <li>Any other failure (491 glare, 500, ...): the session stays as it was (RFC 3261 §14.1); the refresh is tried
 *       again at half of the time left before the session expires ({@link #retryAfter}), as RFC 4028 §10 sends the
 *       refresh itself at half the interval, so that each try leaves the margin for another; never sooner than
 *       {@link #RETRY_FLOOR} and at most {@link #MAX_RETRIES} times, after which, or when no try fits before the
 *       expiry, the session ends.</li>
 * </ul>
 *
 * <p>Every outcome is logged once and counted ({@link SessionTimerCounters}). Refreshes leave from the scheduler's
 * thread; answers come on JAIN-SIP's event thread.
 */
final class SessionRefresher {

    private static final Logger LOG = Logger.getLogger(SessionRefresher.class.getName());

    /** RFC 4028 §6; JAIN-SIP's Response names no such code. */
    static final int SESSION_INTERVAL_TOO_SMALL = 422;
    /**
     * How often a refresh that failed (not for good) is tried again at most: RFC 4028 names no number; three tries
     * within the half interval ride out a peer's restart or a glare, and a peer that fails them all is not recording.
     */
    static final int MAX_RETRIES = 3;
    /** The shortest wait before a retry: a peer that fails at once is not asked again at once. */
    static final Duration RETRY_FLOOR = Duration.ofSeconds(1);

    private final SessionExpiry expiry;
    private final SessionTimerCounters counters;
    private final HeaderFactory headers = new HeaderFactoryImpl();
    private final LongSupplier nanoTime;

    /** @param nanoTime the session timers' clock ({@link SessionTimers#nanoTime}) */
    SessionRefresher(SessionExpiry expiry, SessionTimerCounters counters, LongSupplier nanoTime) {
        this.expiry = expiry;
        this.counters = counters;
        this.nanoTime = nanoTime;
    }

    /**
     * One refresh on its way: the session, the interval it asks for, when the session expires if no refresh gets
     * through (counted from the last one that did), and how often it was tried again after a failure.
     */
    private record Refresh(RecordingSession session, int interval, SipProvider provider, long expiresAtNanos,
                           int retries) {
        Refresh retried() {
            return new Refresh(session, interval, provider, expiresAtNanos, retries + 1);
        }
    }

    /** Sends the session's refresh now (half the interval after the last one, RFC 4028 §10), asking for this interval. */
    void refresh(RecordingSession session, int interval, SipProvider provider) {
        long expiresAt = nanoTime.getAsLong() + SessionTimerPolicy.expiryAfter(interval).toNanos()
                - interval * 500_000_000L;
        send(new Refresh(session, interval, provider, expiresAt, 0), null);
    }

    private void send(Refresh refresh, Integer minSe) {
        RecordingSession session = refresh.session();
        if (session.state() != RecordingSession.State.ESTABLISHED) {
            return; // ended (BYE, dialog's end) while this refresh was due: nothing to refresh, nothing failed
        }
        Dialog dialog = session.invite().getDialog();
        if (dialog == null || dialog.getState() != DialogState.CONFIRMED) {
            counters.refreshFailed();
            expiry.end(session, "its dialog is gone, no refresh can be sent", refresh.provider());
            return;
        }
        boolean update = allowsUpdate(session.invite().getRequest());
        try {
            Request request = dialog.createRequest(update ? Request.UPDATE : Request.INVITE);
            request.setHeader(headers.createHeader(SessionTimerPolicy.SESSION_EXPIRES,
                    SessionTimerPolicy.refreshSessionExpires(refresh.interval())));
            request.removeHeader(SupportedHeader.NAME);
            for (String tag : OptionTags.SUPPORTED) {
                request.addHeader(headers.createSupportedHeader(tag));
            }
            if (minSe != null) {
                request.setHeader(headers.createHeader(SessionTimerPolicy.MIN_SE, Integer.toString(minSe)));
            }
            if (!update) {
                request.setContent(session.answer().text().getBytes(StandardCharsets.UTF_8),
                        headers.createContentTypeHeader("application", "sdp"));
            }
            ClientTransaction transaction = refresh.provider().getNewClientTransaction(request);
            transaction.setApplicationData(refresh);
            dialog.sendRequest(transaction);
            counters.refreshSent();
        } catch (SipException | ParseException | RuntimeException failure) {
            LOG.log(Level.WARNING, "Cannot send the session refresh of " + session.key(), failure);
            counters.refreshFailed();
            expiry.end(session, "its refresh could not be sent", refresh.provider());
        }
    }

    /**
     * A response to one of our requests.
     *
     * @return whether it answered a refresh (otherwise: our BYE's, needing nothing)
     */
    boolean answered(ClientTransaction transaction, Response response) {
        if (transaction == null || !(transaction.getApplicationData() instanceof Refresh refresh)) {
            return false;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            return true;
        }
        RecordingSession session = refresh.session();
        if (status < 300) {
            acknowledge(transaction, response);
            confirmed(refresh, response);
        } else if (status == SESSION_INTERVAL_TOO_SMALL && minSe(response) > refresh.interval()) {
            int minimum = minSe(response);
            counters.refreshRetried();
            LOG.info(() -> "Session refresh of " + session.key() + " answered 422: sent again with its Min-SE of "
                    + minimum + " s");
            send(new Refresh(session, minimum, refresh.provider(), refresh.expiresAtNanos(), refresh.retries()),
                    minimum);
        } else if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT
                || status == SESSION_INTERVAL_TOO_SMALL) {
            failed(refresh, "its refresh was answered " + status + " " + response.getReasonPhrase());
        } else {
            retryOrEnd(refresh, status + " " + response.getReasonPhrase());
        }
        return true;
    }

    /**
     * A client transaction of ours got no answer.
     *
     * @return whether it was a refresh
     */
    boolean timedOut(ClientTransaction transaction) {
        if (transaction == null || !(transaction.getApplicationData() instanceof Refresh refresh)) {
            return false;
        }
        failed(refresh, "its refresh got no answer");
        return true;
    }

    private void confirmed(Refresh refresh, Response response) {
        RecordingSession session = refresh.session();
        Optional<SessionTimer> timer = timerOf(response);
        session.timer(timer);
        counters.refreshConfirmed();
        LOG.info(() -> "Session " + session.key() + " refreshed (" + response.getStatusCode() + "): " + timer
                .map(next -> next.intervalSeconds() + " s, " + (next.recorderRefreshes()
                        ? "the recorder refreshes" : "the client refreshes now"))
                .orElse("the answer carries no Session-Expires: no session timer any more (RFC 4028 §7.2)"));
        expiry.refreshed(session, timer, refresh.provider());
    }

    private void failed(Refresh refresh, String why) {
        counters.refreshFailed();
        LOG.info(() -> "Session refresh of " + refresh.session().key() + " failed: " + why);
        expiry.end(refresh.session(), why, refresh.provider());
    }

    private void retryOrEnd(Refresh refresh, String answer) {
        Duration left = Duration.ofNanos(refresh.expiresAtNanos() - nanoTime.getAsLong());
        Optional<Duration> wait = retryAfter(left, refresh.retries());
        if (wait.isEmpty()) {
            failed(refresh, "its refresh was answered " + answer + (refresh.retries() >= MAX_RETRIES
                    ? " after " + MAX_RETRIES + " tries again" : " and the session expires before another try"));
            return;
        }
        counters.refreshRetried();
        LOG.info(() -> "Session refresh of " + refresh.session().key() + " answered " + answer + "; trying again in "
                + wait.get().toMillis() + " ms (try " + (refresh.retries() + 1) + " of " + MAX_RETRIES + ", "
                + left.toMillis() + " ms before the session expires)");
        expiry.refreshIn(refresh.session(), wait.get(), () -> send(refresh.retried(), null));
    }

    /**
     * When to try a failed refresh again: at half of the time {@code left} before the session expires, not sooner
     * than {@link #RETRY_FLOOR}; empty when the refresh was tried again {@link #MAX_RETRIES} times already, or when
     * that wait would reach the expiry.
     *
     * @param retries how often this refresh was tried again so far
     */
    static Optional<Duration> retryAfter(Duration left, int retries) {
        if (retries >= MAX_RETRIES) {
            return Optional.empty();
        }
        Duration wait = left.dividedBy(2);
        if (wait.compareTo(RETRY_FLOOR) < 0) {
            wait = RETRY_FLOOR;
        }
        return wait.compareTo(left) < 0 ? Optional.of(wait) : Optional.empty();
    }

    /** The timer a 2xx to our refresh sets (RFC 4028 §7.2): in it, {@code uac} names us. */
    static Optional<SessionTimer> timerOf(Response response) {
        Header header = response.getHeader(SessionTimerPolicy.SESSION_EXPIRES);
        if (header == null) {
            return Optional.empty();
        }
        String value = SessionTimerPolicy.valueOf(header);
        int interval;
        try {
            interval = SessionTimerPolicy.deltaSeconds(value);
        } catch (org.activerecorder.sip.status.RequestRejected notANumber) {
            return Optional.empty();
        }
        if (interval < 1) {
            return Optional.empty();
        }
        SessionTimer.Refresher refresher = "uas".equals(SessionTimerPolicy.refresherOf(value))
                ? SessionTimer.Refresher.CLIENT : SessionTimer.Refresher.RECORDER;
        return Optional.of(new SessionTimer(interval, refresher, true));
    }

    /** The ACK of a 2xx to our re-INVITE refresh; UPDATE has none. */
    private static void acknowledge(ClientTransaction transaction, Response response) {
        if (!Request.INVITE.equals(transaction.getRequest().getMethod())) {
            return;
        }
        Dialog dialog = transaction.getDialog();
        try {
            long sequence = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(sequence));
        } catch (SipException | javax.sip.InvalidArgumentException | RuntimeException failure) {
            LOG.log(Level.WARNING, "Cannot acknowledge the 2xx to a re-INVITE refresh", failure);
        }
    }

    /** Whether the client's INVITE listed UPDATE in its Allow (RFC 4028 §7.4). */
    static boolean allowsUpdate(Request invite) {
        ListIterator<?> allows = invite.getHeaders(AllowHeader.NAME);
        while (allows != null && allows.hasNext()) {
            Object allow = allows.next();
            if (allow instanceof AllowHeader method && Request.UPDATE.equalsIgnoreCase(method.getMethod().strip())) {
                return true;
            }
        }
        return false;
    }

    private static int minSe(Response response) {
        Header header = response.getHeader(SessionTimerPolicy.MIN_SE);
        if (header == null) {
            return 0;
        }
        try {
            return SessionTimerPolicy.deltaSeconds(SessionTimerPolicy.valueOf(header));
        } catch (org.activerecorder.sip.status.RequestRejected notANumber) {
            return 0;
        }
    }
}
