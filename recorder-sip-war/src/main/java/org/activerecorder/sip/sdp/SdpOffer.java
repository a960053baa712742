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
 * one ERROR block per malformed offer a peer sends. Some of its field parsers (m=, b=, o=) still print
 * a stack trace themselves before failing, so the lines they choke on are checked first
 * ({@link #malformedLine}) and refused without reaching them.
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
        Optional<String> malformed = malformedLine(text);
        if (malformed.isPresent()) {
            throw new RequestRejected(Rejection.unparseableOffer("malformed line '" + malformed.get() + "'"));
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

    /** RFC 4566 shapes of the lines whose NIST parsers print stack traces on bad input. */
    private static final Map<Character, java.util.regex.Pattern> LINE_SHAPES = Map.of(
            'm', java.util.regex.Pattern.compile("m=\\S+ \\d{1,5}(/\\d{1,5})? \\S+( \\S+)*"),
            'b', java.util.regex.Pattern.compile("b=[A-Za-z0-9_.-]+:\\d{1,10}"),
            'o', java.util.regex.Pattern.compile("o=\\S+ \\d{1,20} \\d{1,20} \\S+ \\S+ \\S+"));

    /** The first line that is not {@code <letter>=<value>}, or whose field has the wrong shape; empty if none. */
    static Optional<String> malformedLine(String text) {
        for (String line : text.split("\\r?\\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                return Optional.of(clip(line));
            }
            java.util.regex.Pattern shape = LINE_SHAPES.get(line.charAt(0));
            if (shape != null && !shape.matcher(line.strip()).matches()) {
                return Optional.of(clip(line));
            }
        }
        return Optional.empty();
    }

    private static String clip(String line) {
        String printable = line.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
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
                    payloadTypeAttributes("rtpmap", description.getAttributes(false)),
                    payloadTypeAttributes("fmtp", description.getAttributes(false)),
                    direction(description.getAttributes(false)).orElse(sessionDirection),
                    mediaAddress != null ? mediaAddress : sessionAddress, label(description.getAttributes(false)),
                    flagged(RTCP_MUX, description.getAttributes(false))));
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

    /** RFC 5761 section 5.1.1: offered at media level. */
    private static final String RTCP_MUX = "rtcp-mux";

    /** Whether an m-line has the property attribute {@code a=<name>}. */
    private static boolean flagged(String name, List<?> attributes) throws SdpException {
        if (attributes != null) {
            for (Object element : attributes) {
                if (name.equalsIgnoreCase(((Attribute) element).getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first {@code a=label} of an m-line (RFC 4574 defines it at media level only), "" when none. */
    private static String label(List<?> attributes) throws SdpException {
        if (attributes != null) {
            for (Object element : attributes) {
                Attribute attribute = (Attribute) element;
                if ("label".equalsIgnoreCase(attribute.getName()) && attribute.hasValue()) {
                    return attribute.getValue().strip();
                }
            }
        }
        return "";
    }

    /**
     * The attributes {@code a=<name>:<pt> <value>} ({@code rtpmap}: {@code <encoding>/<clock>[/<channels>]},
     * {@code fmtp}: the format's parameters), payload type to the part after the space; the first one wins.
     */
    private static Map<Integer, String> payloadTypeAttributes(String name, List<?> attributes) throws SdpException {
        Map<Integer, String> maps = new HashMap<>();
        if (attributes == null) {
            return maps;
        }
        for (Object element : attributes) {
            Attribute attribute = (Attribute) element;
            if (!name.equalsIgnoreCase(attribute.getName()) || !attribute.hasValue()) {
                continue;
            }
            String[] parts = attribute.getValue().trim().split("\\s+", 2);
            try {
                if (parts.length == 2) {
                    maps.putIfAbsent(Integer.parseInt(parts[0]), parts[1]);
                }
            } catch (NumberFormatException notAPayloadType) {
                // an attribute of a non-numeric format says nothing about RTP we could receive; ignore it
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
