package org.activerecorder.sip.handler;

import org.activerecorder.sip.sdp.AnsweredStream;
import org.activerecorder.sip.sdp.AudioSelector;
import org.activerecorder.sip.sdp.OfferedMedia;
import org.activerecorder.sip.sdp.SdpOffer;
import org.activerecorder.sip.sdp.SessionAnswer;
import org.activerecorder.sip.session.RecordingSession;
import org.activerecorder.sip.status.RequestRejected;

import javax.sip.message.Request;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A new offer inside an established session, by re-INVITE or UPDATE (RFC 3311): the same rules for both. Each
 * recorded line's direction decides: a line on which the sender stops sending ({@code inactive}, {@code recvonly},
 * port 0: a hold) pauses that stream from now on and is answered {@code inactive}; one on which it sends again
 * resumes it and is answered {@code recvonly}; a re-offer that changes nothing gets the previous answer unchanged,
 * its o= version included (RFC 3264 §8). A re-offer that drops a recorded line or changes its codec is refused with
 * 488 and the session goes on as it was (RFC 3261 §14.2): a stream decodes the codec it was opened with, and
 * recording must never decode audio with the wrong one.
 *
 * <p>A line whose sender moves to a new address or port is answered as before, and the media plane is told to prefer
 * the new address: it follows the sender at its first packet from there (without it, it would still follow after a
 * few packets from the new address, none of them lost).
 */
final class MidSessionOffer {

    private static final Logger LOG = Logger.getLogger(MidSessionOffer.class.getName());

    private final HoldCommands holds;

    MidSessionOffer(HoldCommands holds) {
        this.holds = holds;
    }

    /**
     * Reads the request's offer, answers it for the session and pauses or resumes the streams whose line changed.
     * The body is read by {@link InviteReader#reoffer}, the one place that knows what a mid-session body may carry.
     *
     * @param method the request's method, for the log
     * @param at     when the request came: a hold or resume takes effect from then
     * @return the answer, or empty when the request carries no offer (the session's answer stays)
     * @throws RequestRejected 415/400 for a body that is not an SDP offer, 488 for a re-offer that changes the
     *                         recorded audio; the session is then unchanged
     */
    Optional<SessionAnswer> answer(RecordingSession session, Request request, String method, Instant at)
            throws RequestRejected {
        Optional<SdpOffer> reoffer = InviteReader.reoffer(request);
        if (reoffer.isEmpty()) {
            return Optional.empty();
        }
        SessionAnswer previous = session.answer();
        SessionAnswer next = previous.to(reoffer.get());
        session.reanswered(next);
        noteUnrecordedLines(session, next, reoffer.get(), method);
        followMovedSenders(session, next, reoffer.get(), method);
        List<String> streamIds = session.streamIds();
        for (int i = 0; i < streamIds.size(); i++) {
            String streamId = streamIds.get(i);
            if (previous.receives(i) && !next.receives(i)) {
                LOG.info(() -> method + " of recording session " + session.key() + " holds its media; pausing stream "
                        + streamId);
                holds.pause(streamId, at);
            } else if (!previous.receives(i) && next.receives(i)) {
                LOG.info(() -> method + " of recording session " + session.key() + " resumes its media; resuming "
                        + "stream " + streamId);
                holds.resume(streamId, at);
            }
        }
        return Optional.of(next);
    }

    /**
     * Runs {@code then} (sending the answer) once the pauses and resumes this offer asked for have run: the sender
     * starts sending on our answer, and a packet must not come before its stream is recording again.
     */
    void afterHolds(Runnable then) {
        holds.then(then);
    }

    /**
     * A re-offer may enable an audio line the session does not record (disabled in the first offer, or added):
     * its streams are fixed by the first offer, so the line is answered with port 0, which the sender sees;
     * the log says it too, as the audio on that line is not recorded.
     */
    private static void noteUnrecordedLines(RecordingSession session, SessionAnswer answer, SdpOffer reoffer,
                                            String method) {
        Set<Integer> recorded = answer.streams().stream().map(stream -> stream.audio().mediaIndex())
                .collect(Collectors.toSet());
        for (int index = 0; index < reoffer.media().size(); index++) {
            OfferedMedia line = reoffer.media().get(index);
            if (line.isAudio() && line.port() != 0 && !recorded.contains(index)) {
                int position = index + 1;
                LOG.warning(() -> method + " of " + session.key() + " offers audio on m-line " + position
                        + ", which the session does not record (its streams are fixed by its first offer); "
                        + "answered with port 0");
            }
        }
    }

    /**
     * A re-offer that names a new sender address or port for a recorded line: the media plane is told to prefer it
     * (it follows the sender at its first packet from there, if it is an allowed peer). The answer does not change.
     */
    private void followMovedSenders(RecordingSession session, SessionAnswer answer, SdpOffer reoffer, String method) {
        List<String> streamIds = session.streamIds();
        for (int i = 0; i < answer.streams().size() && i < streamIds.size(); i++) {
            AnsweredStream stream = answer.streams().get(i);
            OfferedMedia line = reoffer.media().get(stream.audio().mediaIndex());
            InetSocketAddress now = line.port() == 0 ? null : AudioSelector.source(line);
            if (session.senderNamed(i, now)) {
                String streamId = streamIds.get(i);
                LOG.info(() -> method + " of " + session.key() + " moves the sender of stream " + streamId + " to "
                        + now + "; the media plane follows it from its first packet from there");
                holds.follow(streamId, now);
            }
        }
    }
}
