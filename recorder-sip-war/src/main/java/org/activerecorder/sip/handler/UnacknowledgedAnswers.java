package org.activerecorder.sip.handler;

import gov.nist.javax.sip.SipProviderImpl;
import gov.nist.javax.sip.stack.SIPDialog;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.session.SessionKey;

import javax.sip.Dialog;
import javax.sip.SipProvider;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A 2xx whose ACK never came: JAIN-SIP retransmitted it for 64*T1 (32 s) and gave up. RFC 3261 §13.3.1.4 has the
 * UAS end the session then, with a BYE; a recorder must not when media flows. An ACK lost on the way leaves a Media
 * Server that believes the session is up and keeps sending the call's audio until its BYE, and ending the session
 * at the ACK timer would cut the recording 32 s into the call (a lost ACK must not lose speech).
 *
 * <p>So the intake is asked, off JAIN-SIP's thread, whether any of the session's streams received media. If one did,
 * the session stays, acknowledged from now on: its session timer starts as the ACK would have started it, and its
 * BYE ends it as usual. If none did, the Media Server never had the session (or holds it without media, e.g. an
 * initial {@code a=inactive} offer whose ACK was lost too): the recorder sends the RFC's BYE and deletes the dialog,
 * whose end abandons the streams ({@link RecordingSipServlet#dialogTerminated}: ports released, no recording left).
 * Each outcome is counted and logged.
 *
 * <p>Media that starts between the question and the dialog's deletion is kept too: abandoning keeps every stream
 * that received media (it is then ended, not recorded on).
 */
final class UnacknowledgedAnswers {

    private static final Logger LOG = Logger.getLogger(UnacknowledgedAnswers.class.getName());

    private final StreamIntake intake;
    private final Executor executor;
    private final RecordingSessions sessions;
    private final SessionExpiry expiry;
    private final LongAdder keptForMedia = new LongAdder();
    private final LongAdder ended = new LongAdder();

    UnacknowledgedAnswers(StreamIntake intake, Executor executor, RecordingSessions sessions, SessionExpiry expiry) {
        this.intake = intake;
        this.executor = executor;
        this.sessions = sessions;
        this.expiry = expiry;
    }

    /**
     * Makes JAIN-SIP tell the provider's listener when the ACK of the dialog's 2xx never comes. JAIN-SIP raises that
     * timeout to the dialog's event listeners only, and a dialog its automatic dialog support made for an INVITE has
     * just the stack among them (which, for a {@code SipListenerExt}, does nothing with it): the provider joins them
     * only for a dialog the application asked for ({@code getNewDialog}). Without this, a session whose ACK never
     * came would stay open and silent forever.
     */
    static void watch(Dialog dialog, SipProvider provider) {
        if (dialog instanceof SIPDialog stackDialog && provider instanceof SipProviderImpl stackProvider) {
            stackDialog.addEventListener(stackProvider);
        } else {
            LOG.warning(() -> "Cannot watch dialog " + dialog + " for its ACK: not JAIN-SIP's reference implementation");
        }
    }

    /**
     * JAIN-SIP gave up waiting for the ACK of our 2xx on {@code dialog}. Returns at once; the decision is made on the
     * executor. A dialog that names no session of ours waiting for an ACK is deleted, as JAIN-SIP would have.
     *
     * @param provider where a BYE, or the session's refreshes, leave
     */
    void ackNeverCame(Dialog dialog, SipProvider provider) {
        Optional<RecordingSession> waiting = sessions.find(SessionKey.of(dialog))
                .filter(session -> session.localTag().equals(dialog.getLocalTag()))
                .filter(session -> session.state() == RecordingSession.State.ESTABLISHED)
                .filter(session -> !session.acknowledged());
        if (waiting.isEmpty()) {
            LOG.fine(() -> "ACK timeout of dialog " + dialog.getDialogId() + ", which carries no session waiting for it");
            dialog.delete();
            return;
        }
        RecordingSession session = waiting.get();
        List<String> streamIds = session.streamIds();
        try {
            executor.execute(() -> decide(session, streamIds, dialog, provider));
        } catch (RejectedExecutionException stopping) {
            LOG.warning(() -> "Session " + session.key() + " answered but never acknowledged: ended, the executor "
                    + "refused to look for its media (" + stopping.getMessage() + ")");
            dialog.delete();
        }
    }

    private void decide(RecordingSession session, List<String> streamIds, Dialog dialog, SipProvider provider) {
        boolean heard;
        try {
            heard = intake.mediaArrived(streamIds);
        } catch (RuntimeException failure) {
            // in doubt, keep it: a session kept wrongly ends at its timer or its BYE, one ended wrongly loses speech
            LOG.log(Level.SEVERE, "Cannot tell whether the streams " + streamIds + " of the unacknowledged session "
                    + session.key() + " received media; keeping it", failure);
            heard = true;
        }
        if (heard) {
            if (session.acknowledge(session.inviteSequence())) {
                keptForMedia.increment();
                LOG.warning(() -> "Recording session " + session.key() + ": the ACK of our 200 OK never came, but "
                        + "media did; recording on until its BYE (streams " + streamIds + ")");
                expiry.refreshed(session, session.timer(), provider);
            }
            return;
        }
        if (session.state() != RecordingSession.State.ESTABLISHED || session.acknowledged()) {
            return; // a BYE or a late ACK came meanwhile
        }
        ended.increment();
        LOG.info(() -> "Recording session " + session.key() + ": the ACK of our 200 OK never came and neither did "
                + "media; ending it with BYE (RFC 3261 §13.3.1.4)");
        SessionExpiry.sendBye(session, provider);
        dialog.delete();
    }

    /** Sessions whose ACK never came and that were kept because media came. */
    long keptForMedia() {
        return keptForMedia.sum();
    }

    /** Sessions whose ACK never came, ended without media. */
    long ended() {
        return ended.sum();
    }

    /** One line in the words of the log. */
    String summary() {
        return "answers never acknowledged since start: " + keptForMedia.sum() + " kept (media came), "
                + ended.sum() + " ended (no media)";
    }
}
