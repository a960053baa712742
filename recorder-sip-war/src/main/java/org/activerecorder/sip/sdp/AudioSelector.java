package org.activerecorder.sip.sdp;

import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.sip.IpLiteral;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the audio streams to receive from an offer, and the codec of each.
 *
 * <p>Rules, in the order they are applied to each audio m-line:
 * <ol>
 *   <li>port 0 means the offerer disabled the stream: nothing to receive, the answer mirrors it with port 0;</li>
 *   <li>only {@code RTP/AVP} (plain RTP) is received; SRTP and other profiles are not;</li>
 *   <li>the codec is the one among the offered formats that records best ({@link AudioCodec#recordingRank()}:
 *       L16/16000, G.722, Opus, L16/8000, then PCMU and PCMA alike), whatever the offerer's order: the recording
 *       is the recorder's product, and a wideband party should be heard wideband (Opus after G.722: see
 *       docs/codecs.md). Opus's {@code a=fmtp} parameters ({@code useinbandfec}, {@code stereo}, ...) change nothing:
 *       any Opus packet decodes to the recording's mono 16 kHz. Between equals (PCMU and PCMA)
 *       the offerer's order decides. A format is a codec we decode if it is
 *       a static payload type of one (0, 8, 9) without a contradicting rtpmap, or any payload type whose rtpmap
 *       names one with its clock rate and channels ({@code G722/8000}, {@code L16/16000}, {@code opus/48000/2}).
 *       The same codec under two payload types: the offerer's first. telephone-event and other formats are
 *       skipped.</li>
 * </ol>
 * Every audio m-line with a port is recorded, or the whole offer is refused (488, for the first line that cannot
 * be): recording the other streams and leaving one out would lose a party's audio with no word of it in the
 * recording, while a refusal tells the Media Server at once. A recorded line whose direction sends nothing yet
 * ({@code recvonly}, {@code inactive}) is recorded from when a re-offer lets it send; but at least one line must
 * send now, or the session would record nothing (488).
 *
 * <p>Each selected stream also names the offer's first {@code telephone-event} payload type at the codec's clock
 * rate (RFC 4733 §7.1.1: events run on the audio's clock), so that DTMF is kept as events, not taken for audio.
 */
public final class AudioSelector {

    static final String RTP_AVP = "RTP/AVP";
    static final String TELEPHONE_EVENT = "telephone-event";

    private AudioSelector() {
    }

    /**
     * The audio streams to record, in m-line order.
     *
     * @throws RequestRejected 488 when an audio line with a port cannot be received, when no line sends anything
     *                         now, or when the offer has no audio
     */
    public static List<SelectedAudio> select(SdpOffer offer) throws RequestRejected {
        return select(offer, true);
    }

    /**
     * The same, but every line may be on hold: a SIPREC client offers its streams {@code inactive} until the call it
     * records is answered, and lets them send with a re-INVITE. The streams are then paused from the
     * start and recorded from that re-INVITE on.
     */
    public static List<SelectedAudio> selectAllowingHold(SdpOffer offer) throws RequestRejected {
        return select(offer, false);
    }

    private static List<SelectedAudio> select(SdpOffer offer, boolean someLineMustSend) throws RequestRejected {
        List<SelectedAudio> selected = new ArrayList<>();
        Rejection silent = null;
        boolean anyAudio = false;
        for (int index = 0; index < offer.media().size(); index++) {
            OfferedMedia media = offer.media().get(index);
            if (!media.isAudio()) {
                continue;
            }
            anyAudio = true;
            if (media.port() == 0) {
                silent = silent != null ? silent : Rejection.nothingToReceive("audio port 0, stream disabled");
                continue;
            }
            Rejection refusal = refusal(media);
            if (refusal != null) {
                throw new RequestRejected(refusal);
            }
            selected.add(selected(index, media));
            if (!media.direction().offererSends() && silent == null) {
                silent = Rejection.nothingToReceive("audio is " + media.direction().attributeName());
            }
        }
        if (!anyAudio) {
            throw new RequestRejected(Rejection.noAudioOffered());
        }
        boolean anySends = selected.stream()
                .anyMatch(audio -> offer.media().get(audio.mediaIndex()).direction().offererSends());
        if (selected.isEmpty() || (someLineMustSend && !anySends)) {
            throw new RequestRejected(silent);
        }
        return List.copyOf(selected);
    }

    private static Rejection refusal(OfferedMedia media) {
        if (!RTP_AVP.equalsIgnoreCase(media.protocol())) {
            return Rejection.unsupportedTransport(media.protocol());
        }
        return codec(media).isPresent() ? null : Rejection.noSupportedCodec();
    }

    private static SelectedAudio selected(int index, OfferedMedia media) {
        int payloadType = codec(media).orElseThrow();
        AudioCodec codec = codecOf(media, payloadType).orElseThrow();
        return new SelectedAudio(index, codec, payloadType, telephoneEvents(media, codec), source(media), media.label(),
                media.rtcpMux());
    }

    /** The first offered payload type whose rtpmap is {@code telephone-event/<clock rate of codec>}, or NONE. */
    private static int telephoneEvents(OfferedMedia media, AudioCodec codec) {
        for (String format : media.formats()) {
            Optional<Integer> payloadType = payloadType(format);
            String rtpMap = payloadType.map(media.rtpMaps()::get).orElse(null);
            if (rtpMap == null) {
                continue;
            }
            String[] encoding = rtpMap.split("/");
            if (encoding.length >= 2 && TELEPHONE_EVENT.equalsIgnoreCase(encoding[0].trim())
                    && Integer.toString(codec.clockRate()).equals(encoding[1].trim())) {
                return payloadType.get();
            }
        }
        return StreamSpec.NONE;
    }

    /** The offered payload type of the codec that records best (the offerer's first for that codec). */
    private static Optional<Integer> codec(OfferedMedia media) {
        Optional<Integer> best = Optional.empty();
        AudioCodec bestCodec = null;
        for (String format : media.formats()) {
            Optional<Integer> payloadType = payloadType(format);
            Optional<AudioCodec> codec = payloadType.flatMap(type -> codecOf(media, type));
            if (codec.isPresent() && (bestCodec == null || codec.get().recordingRank() < bestCodec.recordingRank())) {
                best = payloadType;
                bestCodec = codec.get();
            }
        }
        return best;
    }

    /** An rtpmap, where present, says what a payload type is; otherwise only static types mean something. */
    private static Optional<AudioCodec> codecOf(OfferedMedia media, int payloadType) {
        String rtpMap = media.rtpMaps().get(payloadType);
        if (rtpMap == null) {
            return payloadType < 96 ? AudioCodec.byStaticPayloadType(payloadType) : Optional.empty();
        }
        return codecOfRtpMap(rtpMap);
    }

    /**
     * The codec an rtpmap value names ({@code PCMU/8000}, {@code L16/16000/1}, {@code opus/48000/2}): encoding name,
     * clock rate and channel count (1 when not given) must all be one we decode.
     */
    static Optional<AudioCodec> codecOfRtpMap(String rtpMap) {
        String[] encoding = rtpMap.split("/");
        if (encoding.length < 2 || encoding.length > 3) {
            return Optional.empty();
        }
        try {
            int channels = encoding.length == 3 ? Integer.parseInt(encoding[2].trim()) : 1;
            return AudioCodec.byEncoding(encoding[0].trim(), Integer.parseInt(encoding[1].trim()), channels);
        } catch (NumberFormatException badNumber) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> payloadType(String format) {
        try {
            int payloadType = Integer.parseInt(format);
            return payloadType >= 0 && payloadType <= 127 ? Optional.of(payloadType) : Optional.empty();
        } catch (NumberFormatException notRtp) {
            return Optional.empty();
        }
    }

    /**
     * The offer's media address as a socket address, only when it is an IP literal: a host name would
     * need a DNS lookup, and the address is only a hint. 0.0.0.0 (old-style hold) names no source.
     */
    public static InetSocketAddress source(OfferedMedia media) {
        String address = media.connectionAddress();
        if (address == null) {
            return null;
        }
        int slash = address.indexOf('/');
        String host = slash < 0 ? address : address.substring(0, slash);
        return IpLiteral.parse(host)
                .filter(literal -> !literal.isAnyLocalAddress())
                .map(literal -> new InetSocketAddress(literal, media.port()))
                .orElse(null);
    }
}
