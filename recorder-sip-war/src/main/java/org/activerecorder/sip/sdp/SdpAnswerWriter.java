package org.activerecorder.sip.sdp;

import gov.nist.javax.sdp.SessionDescriptionImpl;

import javax.sdp.Attribute;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;
import javax.sdp.TimeDescription;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Vector;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the recorder's answer to an offer (RFC 3264 §6), with {@code javax.sdp}:
 * <pre>
 * v=0
 * o=- &lt;session id&gt; &lt;version&gt; IN IP4 &lt;local RTP address&gt;
 * s=-
 * c=IN IP4 &lt;local RTP address&gt;
 * t=0 0
 * m=audio &lt;local RTP port&gt; RTP/AVP &lt;chosen payload type&gt; &lt;telephone-event payload type&gt;
 * a=rtpmap:&lt;chosen payload type&gt; PCMU/8000
 * a=rtpmap:&lt;telephone-event payload type&gt; telephone-event/8000
 * a=fmtp:&lt;telephone-event payload type&gt; &lt;the offer's events&gt;
 * a=recvonly
 * </pre>
 * Every other m-line of the offer is mirrored with port 0 (rejected), because an answer must have as
 * many m-lines as the offer, in the same order. telephone-event is accepted when offered (RFC 4733 §7.1.1): the
 * recorder keeps DTMF as events beside the audio, and a Media Server may only send what the answer lists. The
 * direction is {@code recvonly}, or {@code inactive} while a re-offer holds the media (RFC 3264 §8.4).
 */
public final class SdpAnswerWriter {

    private static final SdpFactory SDP = SdpFactory.getInstance();

    private SdpAnswerWriter() {
    }

    /** Writes an answer with a fresh session id (RFC 4566 §5.2 asks for a unique one per session). */
    public static String write(SdpOffer offer, SelectedAudio audio, InetAddress localAddress, int localPort) {
        return write(offer, audio, localAddress, localPort, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    /** Writes a first answer (version 1, {@code recvonly}) with the given session id. */
    public static String write(SdpOffer offer, SelectedAudio audio, InetAddress localAddress, int localPort,
                               long sessionId) {
        return write(offer, audio, localAddress, localPort, sessionId, 1, MediaDirection.RECVONLY);
    }

    /**
     * Writes an answer.
     *
     * @param localPort the port for the audio m-line; 0 when the offer disabled that stream (RFC 3264 §8.2)
     * @param version   the o= line's session version: the previous answer's, or one more if this one differs
     * @param direction {@code recvonly}, or {@code inactive} while the offerer sends nothing
     */
    public static String write(SdpOffer offer, SelectedAudio audio, InetAddress localAddress, int localPort,
                               long sessionId, long version, MediaDirection direction) {
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(direction, "direction");
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("local RTP port out of range: " + localPort);
        }
        try {
            String addressType = localAddress instanceof Inet6Address ? "IP6" : "IP4";
            String address = literal(localAddress);
            // Not SDP.createSessionDescription(): it resolves the local host name for a default o= line
            // we would overwrite anyway, and that lookup can stall where the host name does not resolve.
            SessionDescription answer = new SessionDescriptionImpl();
            answer.setVersion(SDP.createVersion(0));
            answer.setOrigin(SDP.createOrigin("-", sessionId, version, "IN", addressType, address));
            answer.setSessionName(SDP.createSessionName("-"));
            answer.setConnection(SDP.createConnection("IN", addressType, address));
            Vector<MediaDescription> media = new Vector<>();
            List<OfferedMedia> offered = offer.media();
            for (int index = 0; index < offered.size(); index++) {
                media.add(index == audio.mediaIndex()
                        ? receiving(audio, offered.get(index), localPort, direction)
                        : rejected(offered.get(index)));
            }
            Vector<TimeDescription> times = new Vector<>();
            times.add(SDP.createTimeDescription());
            answer.setTimeDescriptions(times);
            answer.setMediaDescriptions(media);
            return answer.toString();
        } catch (SdpException unexpected) {
            // only thrown for null arguments, which the code above never passes
            throw new IllegalStateException("cannot build SDP answer", unexpected);
        }
    }

    private static MediaDescription receiving(SelectedAudio audio, OfferedMedia offered, int localPort,
                                              MediaDirection direction) throws SdpException {
        String codec = Integer.toString(audio.payloadType());
        String events = Integer.toString(audio.telephoneEventPayloadType());
        // an answer lists only formats of the offer (RFC 3264 §6.1): a re-offer may have dropped the events
        boolean withEvents = audio.hasTelephoneEvents() && offered.formats().contains(events);
        MediaDescription media = SDP.createMediaDescription("audio", localPort, 1, AudioSelector.RTP_AVP,
                withEvents ? new String[]{codec, events} : new String[]{codec});
        Vector<Attribute> attributes = new Vector<>();
        attributes.add(SDP.createAttribute("rtpmap",
                codec + " " + audio.codec().encodingName() + "/" + audio.codec().clockRate()));
        if (withEvents) {
            attributes.add(SDP.createAttribute("rtpmap",
                    events + " " + AudioSelector.TELEPHONE_EVENT + "/" + audio.codec().clockRate()));
            String offeredEvents = offered.formatParameters().get(audio.telephoneEventPayloadType());
            if (offeredEvents != null) {
                attributes.add(SDP.createAttribute("fmtp", events + " " + offeredEvents));
            }
        }
        attributes.add(SDP.createAttribute(direction.attributeName(), null));
        media.setAttributes(attributes);
        return media;
    }

    /** RFC 3264 §6: a rejected stream has port 0 and still lists at least one format. */
    private static MediaDescription rejected(OfferedMedia offered) {
        List<String> formats = offered.formats().isEmpty() ? List.of("0") : offered.formats();
        return SDP.createMediaDescription(offered.mediaType(), 0, 1, offered.protocol(), formats.toArray(String[]::new));
    }

    /** The address without an IPv6 scope ({@code %eth0}), which has no place in SDP. */
    private static String literal(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }
}
