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
 * o=- &lt;session id&gt; 1 IN IP4 &lt;local RTP address&gt;
 * s=-
 * c=IN IP4 &lt;local RTP address&gt;
 * t=0 0
 * m=audio &lt;local RTP port&gt; RTP/AVP &lt;chosen payload type&gt;
 * a=rtpmap:&lt;chosen payload type&gt; PCMU/8000
 * a=recvonly
 * </pre>
 * Every other m-line of the offer is mirrored with port 0 (rejected), because an answer must have as
 * many m-lines as the offer, in the same order. telephone-event is not answered: the recorder stores
 * audio only, so the Media Server need not send RFC 4733 events.
 */
public final class SdpAnswerWriter {

    private static final SdpFactory SDP = SdpFactory.getInstance();

    private SdpAnswerWriter() {
    }

    /** Writes an answer with a fresh session id (RFC 4566 §5.2 asks for a unique one per session). */
    public static String write(SdpOffer offer, SelectedAudio audio, InetAddress localAddress, int localPort) {
        return write(offer, audio, localAddress, localPort, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    /** Writes an answer with the given session id (for tests that compare whole answers). */
    public static String write(SdpOffer offer, SelectedAudio audio, InetAddress localAddress, int localPort,
                               long sessionId) {
        Objects.requireNonNull(localAddress, "localAddress");
        if (localPort <= 0 || localPort > 65535) {
            throw new IllegalArgumentException("local RTP port out of range: " + localPort);
        }
        try {
            String addressType = localAddress instanceof Inet6Address ? "IP6" : "IP4";
            String address = literal(localAddress);
            // Not SDP.createSessionDescription(): it resolves the local host name for a default o= line
            // we would overwrite anyway, and that lookup can stall where the host name does not resolve.
            SessionDescription answer = new SessionDescriptionImpl();
            answer.setVersion(SDP.createVersion(0));
            answer.setOrigin(SDP.createOrigin("-", sessionId, 1L, "IN", addressType, address));
            answer.setSessionName(SDP.createSessionName("-"));
            answer.setConnection(SDP.createConnection("IN", addressType, address));
            Vector<MediaDescription> media = new Vector<>();
            List<OfferedMedia> offered = offer.media();
            for (int index = 0; index < offered.size(); index++) {
                media.add(index == audio.mediaIndex()
                        ? receiving(audio, localPort)
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

    private static MediaDescription receiving(SelectedAudio audio, int localPort) throws SdpException {
        MediaDescription media = SDP.createMediaDescription("audio", localPort, 1, AudioSelector.RTP_AVP,
                new String[]{Integer.toString(audio.payloadType())});
        Vector<Attribute> attributes = new Vector<>();
        attributes.add(SDP.createAttribute("rtpmap",
                audio.payloadType() + " " + audio.codec().encodingName() + "/" + audio.codec().clockRate()));
        attributes.add(SDP.createAttribute(MediaDirection.RECVONLY.attributeName(), null));
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
