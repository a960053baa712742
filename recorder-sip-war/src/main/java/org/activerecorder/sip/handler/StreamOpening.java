package org.activerecorder.sip.handler;

import org.activerecorder.application.IntakeRefused;
import org.activerecorder.application.StreamAccepted;
import org.activerecorder.application.StreamIntake;
import org.activerecorder.application.StreamRequest;
import org.activerecorder.sip.sdp.SessionAnswer;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.session.RecordingSessions;
import org.activerecorder.sip.status.Rejection;

import javax.sip.SipException;
import javax.sip.header.ContactHeader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The slow half of an INVITE, run on an executor thread: ask the stream intake for a stream, then send
 * the INVITE's final response (200 OK with the SDP answer, or the refusal). If the session was cancelled
 * or its dialog ended while the intake worked, nothing is sent and a stream that was opened is ended
 * again, so no recording is left waiting for media that will never come.
 */
final class StreamOpening implements Runnable {

    private static final Logger LOG = Logger.getLogger(StreamOpening.class.getName());

    private final RecordingSession session;
    private final RecordingOffer offer;
    private final StreamRequest request;
    private final ContactHeader contact;
    private final InetAddress fallbackAddress;
    private final StreamIntake intake;
    private final Responses responses;
    private final RecordingSessions sessions;

    /**
     * @param fallbackAddress the address to put in the SDP answer when the intake's RTP address is a
     *                        wildcard (the SIP bind address: the Media Server reaches us there)
     */
    StreamOpening(RecordingSession session, RecordingOffer offer, StreamRequest request, ContactHeader contact,
                  InetAddress fallbackAddress, StreamIntake intake, Responses responses, RecordingSessions sessions) {
        this.session = session;
        this.offer = offer;
        this.request = request;
        this.contact = contact;
        this.fallbackAddress = fallbackAddress;
        this.intake = intake;
        this.responses = responses;
        this.sessions = sessions;
    }

    @Override
    public void run() {
        StreamAccepted accepted;
        try {
            accepted = intake.openStream(request);
        } catch (IntakeRefused refused) {
            LOG.info(() -> "Recording session " + session.key() + " refused by the intake: " + refused.reason()
                    + " " + refused.getMessage());
            refuse(Rejection.intakeRefused(refused.reason(), refused.getMessage()));
            return;
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "Stream intake failed for recording session " + session.key(), failure);
            refuse(Rejection.internalError());
            return;
        }
        SessionAnswer answer;
        try {
            InetSocketAddress rtp = accepted.localRtp();
            answer = SessionAnswer.first(offer.offer(), offer.audio(), advertised(rtp), rtp.getPort());
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "Cannot answer recording session " + session.key() + " with " + accepted, failure);
            endStream(accepted.streamId());
            refuse(Rejection.internalError());
            return;
        }
        if (!session.establish(accepted.streamId(), answer)) {
            LOG.fine(() -> "Recording session " + session.key() + " ended while its stream opened; ending stream "
                    + accepted.streamId());
            endStream(accepted.streamId());
            return;
        }
        try {
            responses.sessionAccepted(session.invite(), session.localTag(), contact, answer.text());
            LOG.info(() -> "Recording session " + session.key() + " established: stream " + accepted.streamId()
                    + ", call " + request.callUuid() + ", dn " + request.dn() + ", " + offer.audio().codec()
                    + " to " + accepted.localRtp());
        } catch (SipException | RuntimeException failure) {
            LOG.log(Level.WARNING, "Cannot send 200 OK for recording session " + session.key()
                    + "; ending stream " + accepted.streamId(), failure);
            sessions.remove(session);
            String streamId = session.end();
            if (streamId != null) {
                endStream(streamId);
            }
        }
    }

    /** Sends the refusal unless a CANCEL or dialog end answered the INVITE first. */
    private void refuse(Rejection rejection) {
        if (!session.abandon()) {
            return;
        }
        sessions.remove(session);
        try {
            responses.reject(session.invite(), rejection, session.localTag());
        } catch (SipException | RuntimeException failure) {
            LOG.log(Level.WARNING, "Cannot send " + rejection.statusCode() + " for recording session "
                    + session.key(), failure);
        }
    }

    private InetAddress advertised(InetSocketAddress rtp) {
        InetAddress address = rtp.getAddress();
        return address == null || address.isAnyLocalAddress() ? fallbackAddress : address;
    }

    private void endStream(String streamId) {
        try {
            intake.endStream(streamId);
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "Cannot end stream " + streamId, failure);
        }
    }
}
