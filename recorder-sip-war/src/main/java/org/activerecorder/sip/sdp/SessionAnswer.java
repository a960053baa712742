package org.activerecorder.sip.sdp;

import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The answer the recorder gave in a session, with what it was made of, so that every re-offer of the session is
 * answered consistently (RFC 3264 §8): same session id, same port and codec, the direction the re-offer calls for,
 * and a session version that goes up by one exactly when the answer's content changes.
 *
 * <p>A re-offer in which the Media Server stops sending ({@code inactive} or {@code recvonly}: a hold) is answered
 * {@code inactive}; one in which it sends again ({@code sendonly} or {@code sendrecv}) is answered {@code recvonly}.
 * A re-offer that disables the stream (port 0) is answered with port 0 and counts as a hold.
 *
 * @param audio     the stream chosen from the first offer (its m-line, codec and telephone events never change)
 * @param address   our RTP address in c= and o=
 * @param port      our RTP port
 * @param sessionId the o= session id, fixed for the session
 * @param version   the o= session version of {@link #text}
 * @param direction what {@link #text} answered: {@code recvonly} or {@code inactive}
 * @param text      the SDP answer as sent
 */
public record SessionAnswer(SelectedAudio audio, InetAddress address, int port, long sessionId, long version,
                            MediaDirection direction, String text) {
    public SessionAnswer {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(text, "text");
    }

    /** The answer to a session's first offer: a fresh session id (RFC 4566 §5.2), version 1, {@code recvonly}. */
    public static SessionAnswer first(SdpOffer offer, SelectedAudio audio, InetAddress address, int port) {
        long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        return new SessionAnswer(audio, address, port, sessionId, 1, MediaDirection.RECVONLY,
                SdpAnswerWriter.write(offer, audio, address, port, sessionId, 1, MediaDirection.RECVONLY));
    }

    /** Whether the answer lets media flow ({@code recvonly}), as opposed to holding it ({@code inactive}). */
    public boolean receives() {
        return direction == MediaDirection.RECVONLY;
    }

    /**
     * The answer to a re-offer of this session: this very answer when nothing changed, else a new one with the
     * version one higher.
     *
     * @throws RequestRejected 488 when the re-offer no longer carries the recorded audio stream or its codec; the
     *                         session then goes on as before (RFC 3261 §14.2)
     */
    public SessionAnswer to(SdpOffer reoffer) throws RequestRejected {
        int index = audio.mediaIndex();
        if (reoffer.media().size() <= index || !reoffer.media().get(index).isAudio()) {
            throw new RequestRejected(Rejection.reofferWithoutRecordedStream("no audio m-line at position "
                    + (index + 1)));
        }
        OfferedMedia offered = reoffer.media().get(index);
        if (offered.port() != 0 && !offered.formats().contains(Integer.toString(audio.payloadType()))) {
            throw new RequestRejected(Rejection.reofferWithoutRecordedStream("payload type " + audio.payloadType()
                    + " (" + audio.codec().encodingName() + ") is no longer offered"));
        }
        boolean sends = offered.port() != 0 && offered.direction().offererSends();
        MediaDirection answered = sends ? MediaDirection.RECVONLY : MediaDirection.INACTIVE;
        int answeredPort = offered.port() == 0 ? 0 : port;
        String same = SdpAnswerWriter.write(reoffer, audio, address, answeredPort, sessionId, version, answered);
        if (same.equals(text)) {
            return this;
        }
        long next = version + 1;
        return new SessionAnswer(audio, address, port, sessionId, next, answered,
                SdpAnswerWriter.write(reoffer, audio, address, answeredPort, sessionId, next, answered));
    }
}
