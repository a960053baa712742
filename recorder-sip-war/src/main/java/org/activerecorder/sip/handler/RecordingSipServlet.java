package org.activerecorder.sip.handler;

import gov.nist.javax.sip.ListeningPointExt;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.sip.sdp.OfferedMedia;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.sdp.SessionAnswer;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.session.SessionKey;
import org.activerecorder.sip.siprec.RecordingMetadata;
import org.activerecorder.sip.siprec.SiprecCounters;
import org.activerecorder.sip.siprec.SiprecSettings;
import org.activerecorder.sip.siprec.SiprecState;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;
import org.activerecorder.sip.uri.RecordingRequestUri;

import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The recorder's user agent server for the intake shapes (Genesys: a session per party, or one session carrying
 * both parties on two audio m-lines; SIPREC: a Session Recording Client's session, read by
 * {@link SiprecInviteReader}), one method per SIP method like a SIP servlet (it is not one: no SIP Servlet
 * container exists for Jakarta EE 10). Whatever ends a session (BYE, CANCEL, the dialog's end) ends every stream
 * of it; a re-INVITE holds or resumes each stream whose line changed direction.
 *
 * <p>Every method runs on JAIN-SIP's single event thread and returns quickly: parsing and state changes
 * happen here, the stream intake's calls run on the executor. Responses to a server transaction may be
 * sent from either thread.
 */
public final class RecordingSipServlet {

    private static final Logger LOG = Logger.getLogger(RecordingSipServlet.class.getName());

    /** Methods of RFC 3261 and its extensions that we know and refuse with 405 rather than 501. */
    static final Set<String> KNOWN_METHODS = Set.of("REGISTER", "SUBSCRIBE", "NOTIFY", "PUBLISH", "MESSAGE",
            "REFER", "INFO", "UPDATE", "PRACK");

    /** The Contact feature tag of a Session Recording Server (RFC 7866). */
    static final String SRS_FEATURE_TAG = "+sip.srs";

    private final StreamIntake intake;
    private final Executor executor;
    private final RecordingSessions sessions;
    private final Responses responses;
    private final HoldCommands holds;
    private final StreamOpening.Context opening;
    private final SiprecInviteReader siprecReader;
    private final SiprecUpdates siprecUpdates;

    /**
     * @param intake          the domain's stream intake (the EJB in the container)
     * @param executor        where the intake's blocking calls run (the managed executor in the container)
     * @param sessions        the dialogs in progress
     * @param responses       builds and sends responses
     * @param fallbackAddress the address to advertise in SDP when the intake's RTP address is a wildcard
     */
    public RecordingSipServlet(StreamIntake intake, Executor executor, RecordingSessions sessions,
                               Responses responses, InetAddress fallbackAddress) {
        this(intake, executor, sessions, responses, fallbackAddress, SiprecSettings.DEFAULT);
    }

    /** The same, with how SIPREC sessions name their call and recorded party. */
    public RecordingSipServlet(StreamIntake intake, Executor executor, RecordingSessions sessions,
                               Responses responses, InetAddress fallbackAddress, SiprecSettings siprec) {
        this.siprecReader = new SiprecInviteReader(siprec);
        this.intake = intake;
        this.executor = executor;
        this.sessions = sessions;
        this.responses = responses;
        this.holds = new HoldCommands(intake, executor);
        this.opening = new StreamOpening.Context(intake, responses, sessions, holds, fallbackAddress);
        this.siprecUpdates = new SiprecUpdates(siprecReader.channelRules(), holds, siprecReader.counters());
    }

    /**
     * An initial INVITE asks for a recording session: validate it here (fast), answer 100 Trying, and let
     * {@link StreamOpening} open the streams and send the final response. An INVITE inside a dialog is a
     * re-INVITE. An INVITE with the key of a session that exists (same Call-ID and From tag, no To tag) never
     * opens a second set of streams: sent again after its transaction ended, it is ignored (its 2xx is
     * retransmitted by the dialog); with a new CSeq it is refused with 400 and the session goes on.
     */
    public void doInvite(RequestEvent event) {
        Instant arrival = Instant.now();
        Request request = event.getRequest();
        if (toTag(request) != null) {
            doReInvite(event);
            return;
        }
        SessionKey key = SessionKey.of(request);
        Optional<RecordingSession> existing = sessions.find(key);
        if (existing.isPresent() && existing.get().inviteSequence() == sequence(request)) {
            // JAIN-SIP absorbs retransmissions while the INVITE transaction lives; this catches the ones
            // that arrive after it, so that a retransmitted INVITE can never open a second stream.
            LOG.fine(() -> "Retransmitted INVITE for " + key + " ignored");
            return;
        }
        ServerTransaction invite = serverTransaction(event);
        if (invite == null) {
            return;
        }
        String localTag = Responses.newTag();
        if (existing.isPresent()) {
            LOG.info(() -> "INVITE " + key + " CSeq " + sequence(request) + " repeats an existing session ("
                    + existing.get() + "); refused, the session goes on");
            reject(invite, Rejection.duplicateSession(), localTag);
            return;
        }
        RecordingOffer offer;
        SiprecState siprec = null;
        try {
            if (SiprecInviteReader.isSiprec(request)) {
                SiprecInviteReader.SiprecOffer read = siprecReader.read(request);
                offer = read.offer();
                siprec = read.state();
            } else {
                offer = InviteReader.read(request);
            }
        } catch (RequestRejected rejected) {
            LOG.info(() -> "INVITE " + key + " for " + request.getRequestURI() + " refused: "
                    + rejected.rejection().statusCode() + " " + rejected.rejection().reasonPhrase());
            reject(invite, rejected.rejection(), localTag);
            return;
        }
        List<String> omitted = offer.identity().omittedAttributes();
        if (!omitted.isEmpty()) {
            LOG.warning(() -> "INVITE " + key + " has more than " + RecordingRequestUri.MAX_ATTRIBUTES
                    + " URI parameters to keep; the recording leaves out " + omitted);
        }
        RecordingSession session = new RecordingSession(key, localTag, sequence(request), invite);
        if (siprec != null) {
            session.siprec(siprec);
        }
        open(event, session, offer, arrival);
    }

    /** Registers the session, answers 100 Trying and hands the stream intake's call to the executor. */
    private void open(RequestEvent event, RecordingSession session, RecordingOffer offer, Instant arrival) {
        sessions.add(session);
        try {
            responses.trying(session.invite());
        } catch (SipException failure) {
            LOG.log(Level.WARNING, "Cannot send 100 Trying for " + session.key() + "; dropping the INVITE", failure);
            sessions.remove(session);
            return;
        }
        try {
            executor.execute(new StreamOpening(session, offer, contact(event, session), arrival, opening));
        } catch (RejectedExecutionException busy) {
            LOG.warning(() -> "Executor refused to open a stream for " + session.key() + ": " + busy.getMessage());
            if (session.abandon()) {
                sessions.remove(session);
                reject(session.invite(), Rejection.overloaded(), session.localTag());
            }
        }
    }

    /**
     * A re-INVITE of an established session. Its offer's direction for each recorded stream decides: a line on
     * which the Media Server stops sending ({@code inactive}, {@code recvonly}: a hold) pauses that stream from now
     * on and is answered {@code inactive}; one on which it sends again resumes it and is answered {@code recvonly};
     * a re-offer that changes nothing gets the previous answer unchanged, its o= version included (RFC 3264 §8).
     * Without an offer, the previous answer is our offer. A re-offer that drops a recorded stream is refused with
     * 488 and the session goes on as it was (RFC 3261 §14.2).
     */
    void doReInvite(RequestEvent event) {
        Instant at = Instant.now();
        ServerTransaction reInvite = serverTransaction(event);
        if (reInvite == null) {
            return;
        }
        Optional<RecordingSession> found = established(event.getRequest());
        if (found.isEmpty()) {
            reject(reInvite, Rejection.unknownDialog(), null);
            return;
        }
        RecordingSession session = found.get();
        SessionAnswer previous = session.answer();
        Optional<SdpOffer> reoffer;
        SessionAnswer next;
        Optional<RecordingMetadata> metadata;
        try {
            metadata = session.siprec().isPresent() ? siprecReader.metadataUpdate(event.getRequest())
                    : Optional.empty();
            reoffer = InviteReader.reoffer(event.getRequest());
            next = reoffer.isPresent() ? previous.to(reoffer.get()) : previous;
        } catch (RequestRejected rejected) {
            LOG.info(() -> "re-INVITE of " + session.key() + " refused: " + rejected.rejection().statusCode() + " "
                    + rejected.rejection().reasonPhrase());
            reject(reInvite, rejected.rejection(), null);
            return;
        }
        session.reanswered(next);
        reoffer.ifPresent(offer -> noteUnrecordedLines(session, next, offer));
        metadata.ifPresent(update -> applyMetadata(session, update, at, "re-INVITE"));
        try {
            responses.sessionAccepted(reInvite, null, contact(event, session), next.text());
        } catch (SipException failure) {
            LOG.log(Level.WARNING, "Cannot answer re-INVITE for " + session.key(), failure);
        }
        List<String> streamIds = session.streamIds();
        for (int i = 0; i < streamIds.size(); i++) {
            String streamId = streamIds.get(i);
            if (previous.receives(i) && !next.receives(i)) {
                LOG.info(() -> "Recording session " + session.key() + " put on hold; pausing stream " + streamId);
                holds.pause(streamId, at);
            } else if (!previous.receives(i) && next.receives(i)) {
                LOG.info(() -> "Recording session " + session.key() + " taken off hold; resuming stream " + streamId);
                holds.resume(streamId, at);
            }
        }
    }

    /**
     * A re-offer may enable an audio line the session does not record (disabled in the first offer, or added):
     * its streams are fixed by the first offer, so the line is answered with port 0, which the Media Server sees;
     * the log says it too, as the audio on that line is not recorded.
     */
    private static void noteUnrecordedLines(RecordingSession session, SessionAnswer answer, SdpOffer reoffer) {
        Set<Integer> recorded = answer.streams().stream().map(stream -> stream.audio().mediaIndex())
                .collect(Collectors.toSet());
        for (int index = 0; index < reoffer.media().size(); index++) {
            OfferedMedia line = reoffer.media().get(index);
            if (line.isAudio() && line.port() != 0 && !recorded.contains(index)) {
                int position = index + 1;
                LOG.warning(() -> "re-INVITE of " + session.key() + " offers audio on m-line " + position
                        + ", which the session does not record (its streams are fixed by its first offer); "
                        + "answered with port 0");
            }
        }
    }

    /**
     * A SIPREC metadata update (re-INVITE or UPDATE: {@code method}) applied to the session; when it changes who is who,
     * the recording's streams follow (see {@link SiprecUpdates}).
     */
    void applyMetadata(RecordingSession session, RecordingMetadata update, Instant at, String method) {
        siprecUpdates.apply(session, update, at, method);
    }

    /** What the SIPREC intake has read, refused and corrected since start (for the log and metrics). */
    public SiprecCounters siprecCounters() {
        return siprecReader.counters();
    }

    /** ACK completes the INVITE; nothing more to do. A 2xx never ACKed ends in {@link #dialogTerminated}. */
    public void doAck(RequestEvent event) {
        LOG.finest(() -> "ACK for " + SessionKey.of(event.getRequest()));
    }

    /** BYE ends the session: 200 OK at once, then the stream is ended on the executor. */
    public void doBye(RequestEvent event) {
        ServerTransaction bye = serverTransaction(event);
        if (bye == null) {
            return;
        }
        Request request = event.getRequest();
        Optional<RecordingSession> found = sessions.find(SessionKey.of(request))
                .filter(session -> session.localTag().equals(toTag(request)));
        if (found.isEmpty()) {
            reject(bye, Rejection.unknownDialog(), null);
            return;
        }
        RecordingSession session = found.get();
        sessions.remove(session);
        // A BYE on a dialog we have not answered yet (RFC 3261 §15.1.2) also ends the INVITE: 487.
        boolean unanswered = session.abandon();
        List<String> streamIds = session.end();
        try {
            responses.ok(bye, null);
            if (unanswered) {
                responses.reject(session.invite(), Rejection.requestTerminated(), session.localTag());
            }
        } catch (SipException failure) {
            LOG.log(Level.WARNING, "Cannot answer BYE for " + session.key(), failure);
        }
        LOG.info(() -> "Recording session " + session.key() + " ended by BYE"
                + (streamIds.isEmpty() ? "" : ", streams " + streamIds));
        endStreamsLater(streamIds);
    }

    /**
     * CANCEL of an INVITE still opening: 200 for the CANCEL, 487 for the INVITE (RFC 3261 §9.2). If the
     * intake is still working, {@link StreamOpening} ends the streams it opens. A CANCEL that comes after
     * the 200 OK changes nothing; the Media Server will send BYE. A CANCEL that matches no session is answered
     * 481 (RFC 3261 §9.2: no matching transaction).
     */
    public void doCancel(RequestEvent event) {
        ServerTransaction cancel = serverTransaction(event);
        if (cancel == null) {
            return;
        }
        Request request = event.getRequest();
        Optional<RecordingSession> found = sessions.find(SessionKey.of(request))
                .filter(session -> session.inviteSequence() == sequence(request));
        if (found.isEmpty()) {
            reject(cancel, Rejection.unknownTransaction(), Responses.newTag());
            return;
        }
        try {
            responses.ok(cancel, found.get().localTag());
            if (found.get().abandon()) {
                RecordingSession session = found.get();
                sessions.remove(session);
                responses.reject(session.invite(), Rejection.requestTerminated(), session.localTag());
                LOG.info(() -> "Recording session " + session.key() + " cancelled before it was answered");
            }
        } catch (SipException failure) {
            LOG.log(Level.WARNING, "Cannot answer CANCEL for " + SessionKey.of(request), failure);
        }
    }

    /** OPTIONS: 200 with Allow and Accept. Media Servers send it as a keep-alive to see we are up. */
    public void doOptions(RequestEvent event) {
        ServerTransaction options = serverTransaction(event);
        if (options == null) {
            return;
        }
        try {
            responses.capabilities(options, Responses.newTag());
        } catch (SipException failure) {
            LOG.log(Level.WARNING, "Cannot answer OPTIONS", failure);
        }
    }

    /**
     * Any other method: 405 with Allow for methods SIP defines, 501 for methods we have never heard of
     * (RFC 3261 §8.2.1). Answered statelessly unless JAIN-SIP already made a transaction (in a dialog):
     * a refusal needs no state, and SUBSCRIBE/REFER transactions would create dialogs for nothing.
     */
    public void doOther(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        Rejection rejection = KNOWN_METHODS.contains(method)
                ? Rejection.methodNotAllowed(method)
                : Rejection.notImplemented(method);
        try {
            if (event.getServerTransaction() != null) {
                responses.reject(event.getServerTransaction(), rejection, Responses.newTag());
            } else {
                responses.rejectStatelessly((SipProvider) event.getSource(), request, rejection);
            }
        } catch (SipException failure) {
            LOG.log(Level.WARNING, "Cannot refuse " + method, failure);
        }
    }

    /**
     * JAIN-SIP ended a dialog: after BYE (nothing left to do), or on its own, e.g. when our 2xx was
     * retransmitted for 64*T1 without an ACK. Then the stream is ended here, so that neither the
     * recording nor this registry waits for a BYE that will not come. A dialog without our tag never
     * carried our 2xx: it can only be the early dialog of a session still opening, which then gets a
     * final response if its transaction still takes one.
     */
    public void dialogTerminated(Dialog dialog) {
        SessionKey key = SessionKey.of(dialog);
        String localTag = dialog.getLocalTag();
        sessions.find(key)
                .filter(session -> localTag == null
                        ? session.state() == RecordingSession.State.OPENING
                        : session.localTag().equals(localTag))
                .ifPresent(session -> {
                    sessions.remove(session);
                    if (session.abandon()) {
                        reject(session.invite(), Rejection.dialogEndedWhileOpening(), session.localTag());
                        return;
                    }
                    List<String> streamIds = session.end();
                    if (!streamIds.isEmpty()) {
                        LOG.info(() -> "Recording session " + key + " ended without BYE (dialog terminated); "
                                + "ending streams " + streamIds);
                        endStreamsLater(streamIds);
                    }
                });
    }

    private Optional<RecordingSession> established(Request request) {
        return sessions.find(SessionKey.of(request))
                .filter(session -> session.localTag().equals(toTag(request)))
                .filter(session -> session.state() == RecordingSession.State.ESTABLISHED);
    }

    private void endStreamsLater(List<String> streamIds) {
        if (streamIds.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> {
                for (String streamId : streamIds) {
                    try {
                        intake.endStream(streamId);
                    } catch (RuntimeException failure) {
                        LOG.log(Level.SEVERE, "Cannot end stream " + streamId, failure);
                    }
                }
            });
        } catch (RejectedExecutionException stopping) {
            LOG.warning(() -> "Streams " + streamIds + " not ended: the executor refused the task ("
                    + stopping.getMessage() + ")");
        }
    }

    private void reject(ServerTransaction transaction, Rejection rejection, String toTag) {
        try {
            responses.reject(transaction, rejection, toTag);
        } catch (SipException failure) {
            LOG.log(Level.WARNING, "Cannot send " + rejection.statusCode() + " " + rejection.reasonPhrase(), failure);
        }
    }

    /**
     * The request's server transaction: JAIN-SIP's own for requests inside a dialog, else a new one.
     * Null when the request is a retransmission of one that has a transaction already (JAIN-SIP answers
     * it) or when no transaction can be made (answered statelessly with 400 if the request is malformed).
     */
    private ServerTransaction serverTransaction(RequestEvent event) {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        SipProvider provider = (SipProvider) event.getSource();
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException retransmission) {
            LOG.finest(() -> "Retransmission of " + event.getRequest().getMethod() + " absorbed");
            return null;
        } catch (TransactionUnavailableException unavailable) {
            LOG.fine(() -> "No transaction for " + event.getRequest().getMethod() + ": " + unavailable.getMessage());
            if (unavailable.getCause() instanceof java.text.ParseException) {
                // JAIN-SIP's header check failed (no From, no CSeq, ...): say so, statelessly.
                try {
                    responses.rejectStatelessly(provider, event.getRequest(),
                            Rejection.malformedRequest(unavailable.getMessage()));
                } catch (SipException | RuntimeException failure) {
                    LOG.log(Level.FINE, "Cannot refuse a malformed request", failure);
                }
            }
            return null;
        }
    }

    /**
     * Our Contact for a session's 2xx: a SIPREC session's says we are a Session Recording Server ({@code +sip.srs},
     * RFC 7866).
     */
    private static ContactHeader contact(RequestEvent event, RecordingSession session) {
        ContactHeader contact = contact(event);
        if (session.siprec().isPresent()) {
            contact = (ContactHeader) contact.clone();
            try {
                contact.setParameter(SRS_FEATURE_TAG, null);
            } catch (java.text.ParseException impossible) {
                throw new IllegalStateException("a feature tag is a valid parameter", impossible);
            }
        }
        return contact;
    }

    /** Our Contact for this request's transport (RFC 3261 §12.1.1: 2xx to INVITE must carry one). */
    private static ContactHeader contact(RequestEvent event) {
        SipProvider provider = (SipProvider) event.getSource();
        ViaHeader via = (ViaHeader) event.getRequest().getHeader(ViaHeader.NAME);
        ListeningPoint point = via == null ? null : provider.getListeningPoint(via.getTransport());
        if (point == null) {
            point = provider.getListeningPoints()[0];
        }
        return ((ListeningPointExt) point).createContactHeader();
    }

    private static String toTag(Request request) {
        return ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
    }

    private static long sequence(Request request) {
        return ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }
}
