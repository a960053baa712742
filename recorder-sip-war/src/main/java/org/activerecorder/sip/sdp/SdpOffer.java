package org.activerecorder.sip.sdp;

import gov.nist.javax.sdp.parser.SDPAnnounceParser;
import org.activerecorder.sip.status.Rejection;
import org.activerecorder.sip.status.RequestRejected;

import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.Media;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An SDP offer as the recorder needs it: its m-lines in order. Parsing is done by the NIST SDP
 * implementation inside JAIN-SIP; this class only translates its objects into immutable values and
 * turns every parse failure (including the runtime exceptions that parser throws on some garbage)
 * into a 400.
 *
 * <p>{@link SDPAnnounceParser} is used directly rather than {@code SdpFactory.createSessionDescription}
 * because the factory prints every parse failure's stack trace to standard error, which in WildFly is
 * one ERROR block per malformed offer a peer sends.
 *
 * @param media the m-lines, in offer order (the answer must mirror this order, RFC 3264 §6)
 */
public record SdpOffer(List<OfferedMedia> media) {
    public SdpOffer {
        media = List.copyOf(media);
    }

    /**
     * Parses an offer.
     *
     * @throws RequestRejected 400 when the text is not SDP or has no m-line
     */
    public static SdpOffer parse(String text) throws RequestRejected {
        if (text == null || text.isBlank()) {
            throw new RequestRejected(Rejection.missingOffer());
        }
        SessionDescription session;
        try {
            session = new SDPAnnounceParser(text).parse();
        } catch (java.text.ParseException | RuntimeException broken) {
            throw new RequestRejected(Rejection.unparseableOffer(firstLine(broken.getMessage())));
        }
        try {
            return read(session);
        } catch (SdpException | RuntimeException broken) {
            throw new RequestRejected(Rejection.unparseableOffer(firstLine(broken.getMessage())));
        }
    }

    private static SdpOffer read(SessionDescription session) throws SdpException, RequestRejected {
        if (session.getVersion() == null) {
            throw new RequestRejected(Rejection.unparseableOffer("no v= line"));
        }
        List<?> descriptions = session.getMediaDescriptions(false);
        if (descriptions == null || descriptions.isEmpty()) {
            throw new RequestRejected(Rejection.unparseableOffer("no m= line"));
        }
        MediaDirection sessionDirection = direction(session.getAttributes(false)).orElse(MediaDirection.SENDRECV);
        String sessionAddress = address(session.getConnection());

        List<OfferedMedia> media = new ArrayList<>(descriptions.size());
        for (Object element : descriptions) {
            MediaDescription description = (MediaDescription) element;
            Media m = description.getMedia();
            List<String> formats = new ArrayList<>();
            for (Object format : m.getMediaFormats(true)) {
                formats.add(String.valueOf(format).trim());
            }
            String mediaAddress = address(description.getConnection());
            media.add(new OfferedMedia(m.getMediaType(), m.getMediaPort(), m.getProtocol(), formats,
                    rtpMaps(description.getAttributes(false)),
                    direction(description.getAttributes(false)).orElse(sessionDirection),
                    mediaAddress != null ? mediaAddress : sessionAddress));
        }
        return new SdpOffer(media);
    }

    private static Optional<MediaDirection> direction(List<?> attributes) throws SdpException {
        if (attributes != null) {
            for (Object element : attributes) {
                Optional<MediaDirection> direction = MediaDirection.fromAttribute(((Attribute) element).getName());
                if (direction.isPresent()) {
                    return direction;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code a=rtpmap:<pt> <encoding>/<clock>[/<channels>]}, payload type to the part after the space. */
    private static Map<Integer, String> rtpMaps(List<?> attributes) throws SdpException {
        Map<Integer, String> maps = new HashMap<>();
        if (attributes == null) {
            return maps;
        }
        for (Object element : attributes) {
            Attribute attribute = (Attribute) element;
            if (!"rtpmap".equalsIgnoreCase(attribute.getName()) || !attribute.hasValue()) {
                continue;
            }
            String[] parts = attribute.getValue().trim().split("\\s+", 2);
            try {
                if (parts.length == 2) {
                    maps.putIfAbsent(Integer.parseInt(parts[0]), parts[1]);
                }
            } catch (NumberFormatException notAPayloadType) {
                // an rtpmap for a non-numeric format maps nothing we could receive; ignore it
            }
        }
        return maps;
    }

    private static String address(Connection connection) throws SdpException {
        return connection == null ? null : connection.getAddress();
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "malformed";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
