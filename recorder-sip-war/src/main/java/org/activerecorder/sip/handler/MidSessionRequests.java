package org.activerecorder.sip.handler;

import org.activerecorder.sip.sdp.SessionAnswer;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.SessionTimer;
import org.activerecorder.sip.siprec.RecordingMetadata;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * re-INVITE and UPDATE (RFC 3311) of an established session, which the recorder treats alike: the extensions they
 * require and the session interval they negotiate are checked ({@link ExtensionRules}: 420, 422), their offer is
 * answered by {@link MidSessionOffer} (holds, resumes, 488 for a change the recording cannot follow), and an
 * accepted one refreshes the session timer ({@link SessionExpiry}). In a SIPREC session either may carry a metadata
 * update, merged into what the session knew; when it changes who is who, the recording's streams
 * follow ({@link SiprecUpdates}). A refusal leaves the session as it was (RFC 3261
 * §14.2). The answer leaves once the holds and resumes it asked for have run ({@link MidSessionOffer#afterHolds}):
 * the sender starts sending on it; until it has left, another re-INVITE, or UPDATE with an offer, of the same session
 * is refused 500 with Retry-After (RFC 3261 §14.2, RFC 3311 §5.2), so that answers never cross. The difference is only in the answer: a re-INVITE without an offer gets our previous answer as the offer
 * of its 2xx (RFC 3261 §14.2), an UPDATE without one is a plain refresh answered 200 without a body.
 */
final class MidSessionRequests {

    private static final Logger LOG = Logger.getLogger(MidSessionRequests.class.getName());

    private final Responses responses;
    private final ExtensionRules extensions;
    private final MidSessionOffer reoffers;
    private final SessionExpiry expiry;
    private final SiprecInviteReader siprecReader;
    private final SiprecUpdates siprecUpdates;
    /** Sessions whose last accepted re-INVITE or UPDATE is not answered yet (its answer waits for its holds). */
    private final Set<RecordingSession> answering = ConcurrentHashMap.newKeySet();

    MidSessionRequests(Responses responses, ExtensionRules extensions, MidSessionOffer reoffers,
                       SessionExpiry expiry, SiprecInviteReader siprecReader, SiprecUpdates siprecUpdates) {
        this.responses = responses;
        this.extensions = extensions;
        this.reoffers = reoffers;
        this.expiry = expiry;
        this.siprecReader = siprecReader;
        this.siprecUpdates = siprecUpdates;
    }

    /**
     * A re-INVITE of the established {@code session}.
     *
     * @param contact  our Contact for the 2xx
     * @param provider where a BYE leaves if the session expires
     * @param at       when it came: a hold or resume takes effect from then
     */
    void reInvite(RecordingSession session, ServerTransaction reInvite, ContactHeader contact, SipProvider provider,
                  Instant at) {
        if (refusedWhileAnswering(session, reInvite)) {
            return;
        }
        Optional<Accepted> accepted = accept(session, reInvite, "re-INVITE", at);
        if (accepted.isEmpty()) {
            return;
        }
        String answer = accepted.get().answer().orElse(session.answer()).text();
        answering.add(session);
        reoffers.afterHolds(() -> {
            // unmarked before the answer leaves: the peer may ACK it and offer again before a send returns
            answering.remove(session);
            try {
                responses.sessionAccepted(reInvite, null, contact, answer, accepted.get().timer());
            } catch (SipException failure) {
                LOG.log(Level.WARNING, "Cannot answer re-INVITE for " + session.key(), failure);
            }
        });
        expiry.refreshed(session, accepted.get().timer(), provider);
    }

    /** An UPDATE of the established {@code session}; the parameters as for {@link #reInvite}. */
    void update(RecordingSession session, ServerTransaction update, ContactHeader contact, SipProvider provider,
                Instant at) {
        if (refusedWhileAnswering(session, update)) {
            return;
        }
        Optional<Accepted> accepted = accept(session, update, Request.UPDATE, at);
        if (accepted.isEmpty()) {
            return;
        }
        String answer = accepted.get().answer().map(SessionAnswer::text).orElse(null);
        boolean offered = answer != null;
        if (offered) {
            answering.add(session);
        }
        reoffers.afterHolds(() -> {
            if (offered) {
                answering.remove(session); // before the answer leaves, as for a re-INVITE
            }
            try {
                responses.updated(update, contact, answer, accepted.get().timer());
            } catch (SipException failure) {
                LOG.log(Level.WARNING, "Cannot answer UPDATE for " + session.key(), failure);
            }
        });
        expiry.refreshed(session, accepted.get().timer(), provider);
    }

    /**
     * Refuses (500 with Retry-After) a re-INVITE, or an UPDATE carrying an offer, that comes while the session's
     * previous one is not answered yet. An UPDATE without a body offers nothing and is let through.
     *
     * @return whether it was refused (and answered)
     */
    private boolean refusedWhileAnswering(RecordingSession session, ServerTransaction transaction) {
        Request request = transaction.getRequest();
        boolean offers = Request.INVITE.equals(request.getMethod())
                || request.getRawContent() != null && request.getRawContent().length > 0;
        if (!offers || !answering.contains(session)) {
            return false;
        }
        extensions.refuse(transaction, Rejection.previousOfferPending(), null);
        return true;
    }

    /**
     * What an accepted re-INVITE or UPDATE changed.
     *
     * @param answer   the answer to its offer, empty when it had none
     * @param timer    the session timer it negotiated, empty for none
     */
    private record Accepted(Optional<SessionAnswer> answer, Optional<SessionTimer> timer) {
    }

    /** @return what changed, or empty when the request was refused (and answered) */
    private Optional<Accepted> accept(RecordingSession session, ServerTransaction transaction, String method,
                                      Instant at) {
        Request request = transaction.getRequest();
        try {
            Optional<SessionTimer> timer = extensions.negotiate(request);
            Optional<RecordingMetadata> metadata = session.siprec().isPresent()
                    ? siprecReader.metadataUpdate(request) : Optional.empty();
            Optional<SessionAnswer> answer = reoffers.answer(session, request, method, at);
            session.timer(timer);
            metadata.ifPresent(update -> siprecUpdates.apply(session, update, at, method));
            return Optional.of(new Accepted(answer, timer));
        } catch (RequestRejected rejected) {
            extensions.refuse(transaction, rejected.rejection(), null);
            return Optional.empty();
        }
    }
}
