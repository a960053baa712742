package org.activerecorder.sip.handler;

import org.activerecorder.sip.session.SessionKey;
import org.activerecorder.sip.session.SessionTimer;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SIP extensions a request may ask for, checked before anything else is done with it: a {@code Require} we do
 * not support is 420 ({@link OptionTags}); a session interval below our minimum is 422
 * ({@link SessionTimerPolicy}). A refusal is sent here; the caller only learns that the request is answered.
 */
final class ExtensionRules {

    private static final Logger LOG = Logger.getLogger(ExtensionRules.class.getName());

    private final Responses responses;
    private final SessionTimerPolicy timers;

    ExtensionRules(Responses responses, SessionTimerPolicy timers) {
        this.responses = responses;
        this.timers = timers;
    }

    /**
     * Checks a request that may set up or refresh a session (INVITE, re-INVITE, UPDATE).
     *
     * @return the session timer it negotiates (empty: none)
     * @throws RequestRejected 420 or 422 (or 400 for a Session-Expires that is not a number)
     */
    Optional<SessionTimer> negotiate(Request request) throws RequestRejected {
        OptionTags.check(request);
        Optional<SessionTimer> timer = timers.negotiate(request);
        timer.filter(SessionTimer::recorderRefreshes).ifPresent(refreshed -> LOG.fine(() -> request.getMethod()
                + " " + SessionKey.of(request) + " leaves the refreshes of its " + refreshed.intervalSeconds()
                + " s session interval to the recorder (RFC 4028 §9)"));
        return timer;
    }

    /**
     * Refuses an initial INVITE that requires an extension we lack or offers too small a session interval.
     *
     * @return whether it was refused (and answered)
     */
    boolean refusesInvite(ServerTransaction invite, String localTag) {
        try {
            negotiate(invite.getRequest());
            return false;
        } catch (RequestRejected rejected) {
            refuse(invite, rejected.rejection(), localTag);
            return true;
        }
    }

    /**
     * The session timer an INVITE that {@link #refusesInvite} let through negotiates.
     */
    Optional<SessionTimer> timer(Request invite) {
        try {
            return timers.negotiate(invite);
        } catch (RequestRejected checkedBefore) {
            return Optional.empty(); // refusesInvite answered such an INVITE already
        }
    }

    /**
     * Refuses any other request (BYE, OPTIONS) whose Require names an extension we lack.
     *
     * @return whether it was refused (and answered)
     */
    boolean refusesExtensions(ServerTransaction transaction) {
        try {
            OptionTags.check(transaction.getRequest());
            return false;
        } catch (RequestRejected rejected) {
            String toTag = ((ToHeader) transaction.getRequest().getHeader(ToHeader.NAME)).getTag();
            refuse(transaction, rejected.rejection(), toTag == null ? Responses.newTag() : null);
            return true;
        }
    }

    /** Sends the refusal of a request that the rules refuse. */
    void refuse(ServerTransaction transaction, Rejection rejection, String toTag) {
        Request request = transaction.getRequest();
        LOG.info(() -> request.getMethod() + " " + SessionKey.of(request) + " refused: " + rejection.forLog());
        try {
            responses.reject(transaction, rejection, toTag);
        } catch (SipException failure) {
            LOG.log(Level.WARNING, "Cannot send " + rejection.statusCode() + " " + rejection.reasonPhrase(), failure);
        }
    }
}
