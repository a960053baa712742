package org.activerecorder.sip.handler;

import gov.nist.javax.sip.ListeningPointExt;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.sip.admission.PeerAddress;
import org.activerecorder.sip.admission.SessionAdmission;
import org.activerecorder.sip.admission.SessionTimerCounters;
import org.activerecorder.sip.admission.SipCounters;
import org.activerecorder.sip.admission.WorkGate;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.session.SessionKey;
import org.activerecorder.sip.siprec.SiprecCounters;
import org.activerecorder.sip.siprec.SiprecSettings;
import org.activerecorder.sip.siprec.SiprecState;
import org.activerecorder.sip.stack.SipLimits;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;
import org.activerecorder.sip.uri.RecordingRequestUri;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The recorder's user agent server for the intake shapes (Genesys: a session per party, or one session carrying
 * both parties on two audio m-lines; SIPREC: a Session Recording Client's session, read by
 * {@link SiprecInviteReader}), one method per SIP method like a SIP servlet (it is not one: no SIP Servlet
 * container exists for Jakarta EE 10). Whatever ends a session (BYE, CANCEL, the dialog's end, its session timer)
 * ends every stream of it; a re-INVITE or UPDATE holds or resumes each stream whose line changed direction and
 * carries a SIPREC session's metadata updates ({@link MidSessionRequests}). A session answered but never ACKed is
 * recorded on if its media came (the ACK was lost, not the session), else abandoned, not ended
 * ({@link UnacknowledgedAnswers}). Requests that require extensions we
 * lack are refused first ({@link ExtensionRules}).
 *
 * <p>Every method runs on JAIN-SIP's single event thread and returns quickly: parsing and state changes
 * happen here, the stream intake's calls run on the executor. Responses to a server transaction may be
 * sent from either thread.
 */
public final class RecordingSipServlet implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RecordingSipServlet.class.getName());

    /** Methods of RFC 3261 and its extensions that we know and refuse with 405 rather than 501. */
    static final Set<String> KNOWN_METHODS = Set.of("REGISTER", "SUBSCRIBE", "NOTIFY", "PUBLISH", "MESSAGE",
            "REFER", "INFO", "PRACK");

    /** The Contact feature tag of a Session Recording Server (RFC 7866). */
    static final String SRS_FEATURE_TAG = "+sip.srs";

    private final StreamIntake intake;
    private final Executor executor;
    private final RecordingSessions sessions;
    private final Responses responses;
    private final HoldCommands holds;
    private final StreamOpening.Context opening;
    private final SiprecInviteReader siprecReader;
    private final ExtensionRules extensions;
    private final SessionExpiry expiry;
    private final SessionTimers timers;
    private final SessionTimerCounters timerCounters = new SessionTimerCounters();
    private final MidSessionRequests midSession;
    private final SessionAdmission admission;
    private final SiprecUpdates siprecUpdates;
    private final UnacknowledgedAnswers unacknowledged;

    /**
     * A servlet with the default SIPREC settings, session timers and limits: for tests of the dialog logic.
     *
     * @param intake          the domain's stream intake (the EJB in the container)
     * @param executor        where the intake's blocking calls run (the managed executor in the container)
     * @param sessions        the dialogs in progress
     * @param responses       builds and sends responses
     * @param fallbackAddress the address to advertise in SDP when the intake's RTP address is a wildcard
     */
    public RecordingSipServlet(StreamIntake intake, Executor executor, RecordingSessions sessions,
                               Responses responses, InetAddress fallbackAddress) {
        this(intake, executor, sessions, responses, fallbackAddress, SiprecSettings.DEFAULT,
                SessionTimers.ownThread(SessionTimerPolicy.fromSystemProperties()),
                new SessionAdmission(SipLimits.DEFAULTS, sessions, executor, new SipCounters()));
    }

    /**
     * @param siprec    how SIPREC sessions name their call and recorded party
     * @param timers    the session timer rules (our Min-SE) and the scheduler they run on
     * @param admission whether a new session may start (limits, bounded work); counts what it refuses
     */
    public RecordingSipServlet(StreamIntake intake, Executor executor, RecordingSessions sessions,
                               Responses responses, InetAddress fallbackAddress, SiprecSettings siprec,
                               SessionTimers timers, SessionAdmission admission) {
        this.admission = admission;
        this.siprecReader = new SiprecInviteReader(siprec);
        this.intake = intake;
        this.executor = executor;
        this.sessions = sessions;
        this.responses = responses;
        this.holds = new HoldCommands(intake, executor);
        this.opening = new StreamOpening.Context(intake, responses, sessions, holds, fallbackAddress);
        this.extensions = new ExtensionRules(responses, timers.policy());
        this.timers = timers;
        this.expiry = new SessionExpiry(sessions, this::endStreamsLater, timers, timerCounters);
        this.siprecUpdates = new SiprecUpdates(siprecReader.channelRules(), holds, siprecReader.counters());
        this.unacknowledged = new UnacknowledgedAnswers(intake, executor, sessions, expiry);
        this.midSession = new MidSessionRequests(responses, extensions, new MidSessionOffer(holds), expiry,
                siprecReader, siprecUpdates);
    }

    /** Stops the session timers; sessions still open are ended by whoever stops the service. */
    @Override
    public void close() {
        expiry.close();
        timers.release();
    }

    /** What became of the answers whose ACK never came, as a line for the log. */
    public String unacknowledgedSummary() {
        return unacknowledged.summary();
    }

    /** What the session timers did since start (for the log and metrics). */
    public SessionTimerCounters sessionTimerCounters() {
        return timerCounters;
    }

    /**
     * A response to a request of ours: a refresh's ({@link SessionRefresher}) or a BYE's (which needs nothing).
     */
    public void responseReceived(ResponseEvent event) {
        if (!expiry.refresher().answered(event.getClientTransaction(), event.getResponse())) {
            LOG.fine(() -> "Response " + event.getResponse().getStatusCode() + " to our BYE, or a stray");
        }
    }

    /** A client transaction of ours got no answer: a refresh's means the session is over. */
    public void requestTimedOut(ClientTransaction transaction) {
        expiry.refresher().timedOut(transaction);
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
        if (extensions.refusesInvite(invite, localTag)) {
            return;
        }
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
                    + rejected.rejection().forLog());
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

    /**
     * Admits the session (or answers 503 at once), registers it, answers 100 Trying and hands the stream intake's
     * call to the executor through the admission's bounded work gate.
     */
    private void open(RequestEvent event, RecordingSession session, RecordingOffer offer, Instant arrival) {
        session.timer(extensions.timer(event.getRequest()));
        WorkGate.Place place;
        try {
            place = admission.admit(PeerAddress.of(event), session);
        } catch (RequestRejected full) {
            reject(session.invite(), full.rejection(), session.localTag());
            return;
        }
        if (!sessions.add(session)) {
            // Not on the one event thread, which looked the key up first; were it to happen, a session the registry
            // does not hold would never leave it, so it is not counted against its peer.
            admission.forget(session);
        }
        UnacknowledgedAnswers.watch(session.invite().getDialog(), (SipProvider) event.getSource());
        try {
            responses.trying(session.invite());
        } catch (SipException failure) {
            LOG.log(Level.WARNING, "Cannot send 100 Trying for " + session.key() + "; dropping the INVITE", failure);
            sessions.remove(session);
            place.release();
            return;
        }
        try {
            place.execute(new StreamOpening(session, offer, contact(event, session), arrival, opening));
        } catch (RejectedExecutionException busy) {
            admission.counters().overloaded();
            LOG.warning(() -> "Executor refused to open a stream for " + session.key() + ": " + busy.getMessage());
            if (session.abandon()) {
                sessions.remove(session);
                reject(session.invite(), Rejection.overloaded(), session.localTag());
            }
        }
    }

    /**
     * A re-INVITE of an established session ({@link MidSessionRequests}); 481 for a dialog we do not have.
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
        midSession.reInvite(found.get(), reInvite, contact(event, found.get()), (SipProvider) event.getSource(), at);
    }

    /**
     * UPDATE (RFC 3311) in an established session ({@link MidSessionRequests}): an offer in it holds or resumes
     * lines exactly as a re-INVITE's does; without a body it is a session refresh. 481 for a dialog we do not have.
     */
    public void doUpdate(RequestEvent event) {
        Instant at = Instant.now();
        ServerTransaction update = serverTransaction(event);
        if (update == null) {
            return;
        }
        Optional<RecordingSession> found = established(event.getRequest());
        if (found.isEmpty()) {
            reject(update, Rejection.unknownDialog(), toTag(event.getRequest()) == null ? Responses.newTag() : null);
            return;
        }
        midSession.update(found.get(), update, contact(event, found.get()), (SipProvider) event.getSource(), at);
    }

    /**
     * ACK of the session's INVITE: the Media Server has our answer, and the session's timer, if it has one, starts.
     * A 2xx never ACKed ends in {@link #dialogTerminated}.
     */
    /** What the SIPREC intake has read, refused and corrected since start (for the log and metrics). */
    public SiprecCounters siprecCounters() {
        return siprecReader.counters();
    }

    public void doAck(RequestEvent event) {
        Request ack = event.getRequest();
        established(ack)
                .filter(session -> session.acknowledge(sequence(ack)))
                .ifPresent(session -> expiry.refreshed(session, session.timer(),
                        (SipProvider) event.getSource()));
    }

    /** BYE ends the session: 200 OK at once, then the stream is ended on the executor. */
    public void doBye(RequestEvent event) {
        ServerTransaction bye = serverTransaction(event);
        if (bye == null || extensions.refusesExtensions(bye)) {
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
        expiry.cancel(session);
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
        // FINE: each stream's end is told at INFO by the media plane's closing line; this runs on JAIN-SIP's one
        // event thread, which every request waits for: the log's lock is kept off it (series BG)
        LOG.fine(() -> "Recording session " + session.key() + " ended by BYE"
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
        if (options == null || extensions.refusesExtensions(options)) {
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
     * JAIN-SIP gave up waiting for the ACK of our 2xx: the session stays if its media came, else it ends
     * ({@link UnacknowledgedAnswers}).
     */
    public void ackNeverCame(Dialog dialog, SipProvider provider) {
        unacknowledged.ackNeverCame(dialog, provider);
    }

    /**
     * JAIN-SIP ended a dialog: after BYE (nothing left to do), or because we deleted it, e.g. when our 2xx was
     * retransmitted for 64*T1 without an ACK and no media came ({@link #ackNeverCame}). Then the streams are abandoned here (the Media Server never had the
     * session: only streams that received media are kept, see {@link StreamIntake#abandonStreams}), or ended when
     * the session had been ACKed, so that neither the recording nor this registry waits for a BYE that will not come. A dialog without our tag never
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
                    expiry.cancel(session);
                    List<String> streamIds = session.end();
                    if (streamIds.isEmpty()) {
                        return;
                    }
                    if (!session.acknowledged()) {
                        LOG.info(() -> "Recording session " + key + " was answered but never acknowledged (no ACK); "
                                + "abandoning streams " + streamIds + ": only those that received media are kept");
                        abandonStreamsLater(streamIds);
                        return;
                    }
                    LOG.info(() -> "Recording session " + key + " ended without BYE (dialog terminated); "
                            + "ending streams " + streamIds);
                    endStreamsLater(streamIds);
                });
    }

    private Optional<RecordingSession> established(Request request) {
        return sessions.find(SessionKey.of(request))
                .filter(session -> session.localTag().equals(toTag(request)))
                .filter(session -> session.state() == RecordingSession.State.ESTABLISHED);
    }

    /** The answer was never acknowledged: the intake keeps only the streams that received media. */
    private void abandonStreamsLater(List<String> streamIds) {
        try {
            executor.execute(() -> {
                try {
                    intake.abandonStreams(streamIds);
                } catch (RuntimeException failure) {
                    LOG.log(Level.SEVERE, "Cannot abandon streams " + streamIds, failure);
                }
            });
        } catch (RejectedExecutionException stopping) {
            LOG.warning(() -> "Streams " + streamIds + " not abandoned: the executor refused the task ("
                    + stopping.getMessage() + ")");
        }
    }

    private void endStreamsLater(List<String> streamIds) {
        if (streamIds.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> {
                for (String streamId : streamIds) {
                    try {
                        // not waiting for the media plane's close: a burst of BYEs held the few executor threads,
                        // and the INVITEs behind them (series BJ)
                        intake.handOffStreamEnd(streamId);
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
                admission.counters().malformed();
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
