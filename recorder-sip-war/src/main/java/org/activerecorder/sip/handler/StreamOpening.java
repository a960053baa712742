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
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The slow half of an INVITE, run on an executor thread: ask the stream intake for the session's streams (all of
 * them at once: one recording, all or none), then send the INVITE's final response (200 OK with the SDP answer, or
 * the refusal). If the session was cancelled or its dialog ended while the intake worked, nothing is sent and the
 * streams that were opened are ended again, so no recording is left waiting for media that will never come. A
 * stream whose line the offer holds from the start ({@code inactive}) is paused from the INVITE's arrival until a
 * re-INVITE lets it send. A SIPREC metadata update that came while the intake worked is carried to the streams as
 * soon as they are open, before the 200 OK ({@link RecordingSession#streamsOpened}).
 */
final class StreamOpening implements Runnable {

    private static final Logger LOG = Logger.getLogger(StreamOpening.class.getName());

    /** Where the opening comes from and goes to. */
    record Context(StreamIntake intake, Responses responses, RecordingSessions sessions, HoldCommands holds,
                   InetAddress fallbackAddress) {
    }

    private final RecordingSession session;
    private final RecordingOffer offer;
    private final List<StreamRequest> requests;
    private final ContactHeader contact;
    private final Instant arrival;
    private final Context context;

    /**
     * @param arrival when the INVITE came: a stream held from the start is paused from then on
     * @param context the intake, and the address to put in the SDP answer when the intake's RTP address is a
     *                wildcard (the SIP bind address: the Media Server reaches us there)
     */
    StreamOpening(RecordingSession session, RecordingOffer offer, ContactHeader contact, Instant arrival,
                  Context context) {
        this.session = session;
        this.offer = offer;
        this.requests = offer.toStreamRequests(session.key().callId());
        this.contact = contact;
        this.arrival = arrival;
        this.context = context;
    }

    @Override
    public void run() {
        List<StreamAccepted> accepted;
        try {
            accepted = context.intake().openSession(requests);
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
        List<String> streamIds = accepted.stream().map(StreamAccepted::streamId).toList();
        SessionAnswer answer;
        try {
            if (accepted.size() != requests.size()) {
                throw new IllegalStateException(requests.size() + " streams asked, " + accepted.size() + " opened");
            }
            InetAddress address = advertised(accepted.get(0).localRtp());
            // the answer has one c= line: every stream must listen where it says
            if (accepted.stream().anyMatch(opened -> !advertised(opened.localRtp()).equals(address))) {
                throw new IllegalStateException("the streams listen on different addresses");
            }
            List<Integer> ports = accepted.stream().map(opened -> opened.localRtp().getPort()).toList();
            answer = SessionAnswer.first(offer.offer(), offer.audio(), address, ports);
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "Cannot answer recording session " + session.key() + " with " + accepted, failure);
            endStreams(streamIds);
            refuse(Rejection.internalError());
            return;
        }
        if (!session.establish(streamIds, answer)) {
            LOG.fine(() -> "Recording session " + session.key() + " ended while its streams opened; ending streams "
                    + streamIds);
            endStreams(streamIds);
            return;
        }
        if (session.streamsOpened()) {
            LOG.info(() -> "Recording session " + session.key() + " had a SIPREC metadata update while its streams "
                    + "opened: they were told its channels");
        }
        pauseHeldStreams(answer, streamIds);
        try {
            context.responses().sessionAccepted(session.invite(), session.localTag(), contact, answer.text(),
                    session.timer());
            LOG.info(() -> "Recording session " + session.key() + " established: call " + offer.identity().callUuid()
                    + ", " + describe(accepted));
        } catch (SipException | RuntimeException failure) {
            LOG.log(Level.WARNING, "Cannot send 200 OK for recording session " + session.key()
                    + "; ending streams " + streamIds, failure);
            context.sessions().remove(session);
            endStreams(session.end());
        }
    }

    /** Streams whose line the offer holds: paused before the 200 OK, so a re-INVITE's resume comes after. */
    private void pauseHeldStreams(SessionAnswer answer, List<String> streamIds) {
        for (int i = 0; i < streamIds.size(); i++) {
            if (!answer.receives(i)) {
                String streamId = streamIds.get(i);
                LOG.info(() -> "Recording session " + session.key() + " offers stream " + streamId
                        + " on hold; it is paused until a re-INVITE lets it send");
                context.holds().pause(streamId, arrival);
            }
        }
    }

    private String describe(List<StreamAccepted> accepted) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < accepted.size(); i++) {
            PartyStream stream = offer.streams().get(i);
            text.append(i == 0 ? "" : "; ").append("stream ").append(accepted.get(i).streamId())
                    .append(" of dn ").append(stream.party()).append(", ").append(stream.audio().codec())
                    .append(" to ").append(accepted.get(i).localRtp());
        }
        return text.toString();
    }

    /** Sends the refusal unless a CANCEL or dialog end answered the INVITE first. */
    private void refuse(Rejection rejection) {
        if (!session.abandon()) {
            return;
        }
        context.sessions().remove(session);
        try {
            context.responses().reject(session.invite(), rejection, session.localTag());
        } catch (SipException | RuntimeException failure) {
            LOG.log(Level.WARNING, "Cannot send " + rejection.statusCode() + " for recording session "
                    + session.key(), failure);
        }
    }

    private InetAddress advertised(InetSocketAddress rtp) {
        InetAddress address = rtp.getAddress();
        return address == null || address.isAnyLocalAddress() ? context.fallbackAddress() : address;
    }

    private void endStreams(List<String> streamIds) {
        for (String streamId : streamIds) {
            try {
                context.intake().endStream(streamId);
            } catch (RuntimeException failure) {
                LOG.log(Level.SEVERE, "Cannot end stream " + streamId, failure);
            }
        }
    }
}
