package org.activerecorder.sip.sdp;

import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The answer the recorder gave in a session, with what it was made of, so that every re-offer of the session is
 * answered consistently (RFC 3264 §8): same session id, same ports and codecs, the direction the re-offer calls for
 * on each line, and a session version that goes up by one exactly when the answer's content changes.
 *
 * <p>On each recorded line, a re-offer in which the Media Server stops sending ({@code inactive} or
 * {@code recvonly}: a hold) is answered {@code inactive}; one in which it sends again ({@code sendonly} or
 * {@code sendrecv}) is answered {@code recvonly}. A re-offer that disables the line (port 0) is answered with port
 * 0 and counts as a hold. Lines the first answer did not record stay unrecorded (port 0): a session's streams are
 * fixed by its first offer.
 *
 * @param streams   the recorded streams in m-line order, each as last answered
 * @param address   our RTP address in c= and o=
 * @param sessionId the o= session id, fixed for the session
 * @param version   the o= session version of {@link #text}
 * @param text      the SDP answer as sent
 */
public record SessionAnswer(List<AnsweredStream> streams, InetAddress address, long sessionId, long version,
                            String text) {
    public SessionAnswer {
        streams = List.copyOf(streams);
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("a session records at least one stream");
        }
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(text, "text");
    }

    /**
     * The answer to a session's first offer: a fresh session id (RFC 4566 §5.2), version 1, each line {@code recvonly}
     * or, where the offer holds it from the start, {@code inactive}.
     *
     * @param audio the streams chosen from the offer, in m-line order
     * @param ports our RTP port for each of them, in the same order
     */
    public static SessionAnswer first(SdpOffer offer, List<SelectedAudio> audio, InetAddress address,
                                      List<Integer> ports) {
        if (audio.size() != ports.size()) {
            throw new IllegalArgumentException(audio.size() + " streams but " + ports.size() + " ports");
        }
        List<AnsweredStream> streams = new ArrayList<>(audio.size());
        for (int i = 0; i < audio.size(); i++) {
            SelectedAudio line = audio.get(i);
            streams.add(AnsweredStream.to(line, ports.get(i), offer.media().get(line.mediaIndex())));
        }
        long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        return new SessionAnswer(streams, address, sessionId, 1,
                SdpAnswerWriter.write(offer, streams, address, sessionId, 1));
    }

    /** The answer to a one-stream offer. */
    public static SessionAnswer first(SdpOffer offer, SelectedAudio audio, InetAddress address, int port) {
        return first(offer, List.of(audio), address, List.of(port));
    }

    /** Whether media flows on the {@code i}-th recorded stream, as opposed to being held. */
    public boolean receives(int stream) {
        return streams.get(stream).receives();
    }

    /**
     * The answer to a re-offer of this session: this very answer when nothing changed, else a new one with the
     * version one higher.
     *
     * @throws RequestRejected 488 when the re-offer no longer carries a recorded audio stream or its codec, or
     *                         names another codec under the recorded payload type; the session then goes on as
     *                         before (RFC 3261 §14.2)
     */
    public SessionAnswer to(SdpOffer reoffer) throws RequestRejected {
        List<AnsweredStream> next = new ArrayList<>(streams.size());
        for (AnsweredStream stream : streams) {
            next.add(AnsweredStream.to(stream.audio(), stream.port(), recordedLine(reoffer, stream.audio())));
        }
        String same = SdpAnswerWriter.write(reoffer, next, address, sessionId, version);
        if (same.equals(text)) {
            return this;
        }
        long nextVersion = version + 1;
        return new SessionAnswer(next, address, sessionId, nextVersion,
                SdpAnswerWriter.write(reoffer, next, address, sessionId, nextVersion));
    }

    /** Whether an rtpmap value ({@code PCMU/8000}, {@code opus/48000/2}) names the codec the stream records. */
    private static boolean sameCodec(String rtpMap, SelectedAudio audio) {
        return AudioSelector.codecOfRtpMap(rtpMap).filter(audio.codec()::equals).isPresent();
    }

    private static OfferedMedia recordedLine(SdpOffer reoffer, SelectedAudio audio) throws RequestRejected {
        int index = audio.mediaIndex();
        if (reoffer.media().size() <= index || !reoffer.media().get(index).isAudio()) {
            throw new RequestRejected(Rejection.reofferWithoutRecordedStream("no audio m-line at position "
                    + (index + 1)));
        }
        OfferedMedia offered = reoffer.media().get(index);
        if (offered.port() != 0 && !offered.formats().contains(Integer.toString(audio.payloadType()))) {
            throw new RequestRejected(Rejection.reofferWithoutRecordedStream("payload type " + audio.payloadType()
                    + " (" + audio.codec().encodingName() + ") is no longer offered on m-line " + (index + 1)));
        }
        String rtpMap = offered.rtpMaps().get(audio.payloadType());
        if (offered.port() != 0 && rtpMap != null && !sameCodec(rtpMap, audio)) {
            // the stream decodes the codec it was opened with: decoding another under the same number is noise
            throw new RequestRejected(Rejection.reofferWithoutRecordedStream("payload type " + audio.payloadType()
                    + " is now " + rtpMap.strip() + " on m-line " + (index + 1) + ", the stream records "
                    + audio.codec().rtpmapEncoding()));
        }
        return offered;
    }
}
