package org.activerecorder.sip.sdp;

import gov.nist.javax.sdp.SessionDescriptionImpl;
import org.activerecorder.rtp.api.AudioCodec;

import javax.sdp.Attribute;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;
import javax.sdp.TimeDescription;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Vector;

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
 * a=label:&lt;the offer's label, when it has one&gt;
 * a=rtcp-mux                      (when the offer has it: RTCP comes on the RTP port, RFC 5761)
 * a=recvonly
 * </pre>
 * one such m-line per recorded stream, each on its own port, at the offer's position. Every other m-line of the
 * offer is mirrored with port 0 (rejected), because an answer must have as many m-lines as the offer, in the same
 * order. Each offered {@code a=label} is echoed on its line, so that a SIPREC client can match the answer's lines
 * to its own by name. telephone-event is accepted when offered (RFC 4733 §7.1.1): the recorder keeps DTMF as
 * events beside the audio, and a Media Server may only send what the answer lists. The direction is
 * {@code recvonly}, or {@code inactive} while the offer holds the line (RFC 3264 §8.4).
 *
 * <p>Opus is answered with {@code a=fmtp:<pt> maxplaybackrate=16000;stereo=0} (RFC 7587 §6.1): the recorder decodes
 * mono at 16 kHz, so a sender that honours the hint spends its bits on what is recorded. They are hints: any Opus
 * packet is recorded whatever the sender does.
 */
public final class SdpAnswerWriter {

    private static final SdpFactory SDP = SdpFactory.getInstance();
    private static final String LABEL = "label";
    /** What the recorder decodes Opus to (RFC 7587 §6.1 receiver parameters). */
    static final String OPUS_PARAMETERS = "maxplaybackrate=16000;stereo=0";
    private static final String RTCP_MUX = "rtcp-mux";

    private SdpAnswerWriter() {
    }

    /**
     * Writes an answer.
     *
     * @param streams   the recorded streams, each with the port and direction its line is answered with
     * @param sessionId the o= line's session id, fixed for the session (RFC 4566 §5.2)
     * @param version   the o= line's session version: the previous answer's, or one more if this one differs
     */
    public static String write(SdpOffer offer, List<AnsweredStream> streams, InetAddress localAddress,
                               long sessionId, long version) {
        Objects.requireNonNull(localAddress, "localAddress");
        Map<Integer, AnsweredStream> byLine = new HashMap<>();
        for (AnsweredStream stream : streams) {
            if (stream.audio().mediaIndex() >= offer.media().size()
                    || byLine.put(stream.audio().mediaIndex(), stream) != null) {
                throw new IllegalArgumentException("no m-line, or two streams, at " + stream.audio().mediaIndex());
            }
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
                AnsweredStream stream = byLine.get(index);
                media.add(stream != null ? receiving(stream, offered.get(index)) : rejected(offered.get(index)));
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

    private static MediaDescription receiving(AnsweredStream stream, OfferedMedia offered) throws SdpException {
        SelectedAudio audio = stream.audio();
        String codec = Integer.toString(audio.payloadType());
        String events = Integer.toString(audio.telephoneEventPayloadType());
        // an answer lists only formats of the offer (RFC 3264 §6.1): a re-offer may have dropped the events
        boolean withEvents = audio.hasTelephoneEvents() && offered.formats().contains(events);
        MediaDescription media = SDP.createMediaDescription("audio", stream.answeredPort(), 1, AudioSelector.RTP_AVP,
                withEvents ? new String[]{codec, events} : new String[]{codec});
        Vector<Attribute> attributes = new Vector<>();
        attributes.add(SDP.createAttribute("rtpmap", codec + " " + audio.codec().rtpmapEncoding()));
        if (audio.codec() == AudioCodec.OPUS) {
            attributes.add(SDP.createAttribute("fmtp", codec + " " + OPUS_PARAMETERS));
        }
        if (withEvents) {
            attributes.add(SDP.createAttribute("rtpmap",
                    events + " " + AudioSelector.TELEPHONE_EVENT + "/" + audio.codec().clockRate()));
            String offeredEvents = offered.formatParameters().get(audio.telephoneEventPayloadType());
            if (offeredEvents != null) {
                attributes.add(SDP.createAttribute("fmtp", events + " " + offeredEvents));
            }
        }
        if (offered.hasLabel()) {
            attributes.add(SDP.createAttribute(LABEL, offered.label()));
        }
        if (audio.rtcpMux()) {
            // kept for the session once accepted (RFC 5761 section 5.1.3): the stream has no RTCP socket to go back to
            attributes.add(SDP.createAttribute(RTCP_MUX, null));
        }
        attributes.add(SDP.createAttribute(stream.direction().attributeName(), null));
        media.setAttributes(attributes);
        return media;
    }

    /** RFC 3264 §6: a rejected stream has port 0 and still lists at least one format. */
    private static MediaDescription rejected(OfferedMedia offered) throws SdpException {
        List<String> formats = offered.formats().isEmpty() ? List.of("0") : offered.formats();
        MediaDescription media = SDP.createMediaDescription(offered.mediaType(), 0, 1, offered.protocol(),
                formats.toArray(String[]::new));
        if (offered.hasLabel()) {
            Vector<Attribute> attributes = new Vector<>();
            attributes.add(SDP.createAttribute(LABEL, offered.label()));
            media.setAttributes(attributes);
        }
        return media;
    }

    /** The address without an IPv6 scope ({@code %eth0}), which has no place in SDP. */
    private static String literal(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }
}
