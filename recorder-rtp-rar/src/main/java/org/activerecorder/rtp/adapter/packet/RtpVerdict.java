package org.activerecorder.rtp.adapter.packet;

/**
 * What {@link RtpPacketView#parse} made of a datagram. Anything but {@link #VALID} is counted as malformed
 * by the pipeline; the distinct values exist for tests and for a future per-reason counter.
 */
public enum RtpVerdict {
    /** A well-formed RTP version 2 packet; the view's accessors describe it. */
    VALID,
    /** Shorter than the 12-byte fixed header. */
    TOO_SHORT,
    /** Version field other than 2 (RTP version 1, STUN, DTLS, garbage). */
    BAD_VERSION,
    /** The CSRC list runs past the end of the datagram. */
    BAD_CSRC_COUNT,
    /** The header extension runs past the end of the datagram. */
    BAD_EXTENSION,
    /** The padding count is zero or larger than what follows the header. */
    BAD_PADDING;

    public boolean isValid() {
        return this == VALID;
    }
}
