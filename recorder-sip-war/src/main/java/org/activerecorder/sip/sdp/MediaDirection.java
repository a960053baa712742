package org.activerecorder.sip.sdp;

import java.util.Locale;
import java.util.Optional;

/** The direction attribute of an SDP media stream (RFC 3264 §5.1), seen from the offerer's side. */
public enum MediaDirection {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** Whether the offerer sends media, which is all a recorder cares about. */
    public boolean offererSends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** The attribute name as written in SDP ({@code sendonly}). */
    public String attributeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction an attribute name stands for, if it is a direction attribute. */
    public static Optional<MediaDirection> fromAttribute(String name) {
        for (MediaDirection direction : values()) {
            if (direction.attributeName().equalsIgnoreCase(name)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }
}
