package org.activerecorder.sip.sdp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One m-line of an SDP offer, with what it inherited from the session level (connection address,
 * direction) already applied.
 *
 * @param mediaType         {@code audio}, {@code video}, ...
 * @param port              the offered port; 0 means the stream is disabled
 * @param protocol          {@code RTP/AVP}, {@code RTP/SAVP}, ...
 * @param formats           the formats in the offerer's order of preference (payload types for RTP)
 * @param rtpMaps           payload type to the {@code a=rtpmap} value ({@code "PCMU/8000"})
 * @param formatParameters  payload type to the {@code a=fmtp} value ({@code "0-15"} for telephone-event)
 * @param direction         the effective direction
 * @param connectionAddress the effective {@code c=} address, or {@code null} when the offer names none
 * @param label             the m-line's {@code a=label} (RFC 4574), "" when it has none: SIPREC names its streams
 *                          by it, and an answer echoes it
 * @param rtcpMux           whether the line offers {@code a=rtcp-mux} (RFC 5761): RTCP on the RTP port
 */
public record OfferedMedia(String mediaType, int port, String protocol, List<String> formats,
                           Map<Integer, String> rtpMaps, Map<Integer, String> formatParameters,
                           MediaDirection direction, String connectionAddress, String label, boolean rtcpMux) {
    public OfferedMedia {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(direction, "direction");
        formats = List.copyOf(formats);
        rtpMaps = Map.copyOf(rtpMaps);
        formatParameters = Map.copyOf(formatParameters);
        label = label == null ? "" : label.strip();
    }

    /** A line without {@code a=rtcp-mux}. */
    public OfferedMedia(String mediaType, int port, String protocol, List<String> formats,
                        Map<Integer, String> rtpMaps, Map<Integer, String> formatParameters,
                        MediaDirection direction, String connectionAddress, String label) {
        this(mediaType, port, protocol, formats, rtpMaps, formatParameters, direction, connectionAddress, label,
                false);
    }

    /** A line without {@code a=label}. */
    public OfferedMedia(String mediaType, int port, String protocol, List<String> formats,
                        Map<Integer, String> rtpMaps, Map<Integer, String> formatParameters,
                        MediaDirection direction, String connectionAddress) {
        this(mediaType, port, protocol, formats, rtpMaps, formatParameters, direction, connectionAddress, "");
    }

    public boolean hasLabel() {
        return !label.isEmpty();
    }

    public boolean isAudio() {
        return "audio".equalsIgnoreCase(mediaType);
    }
}
