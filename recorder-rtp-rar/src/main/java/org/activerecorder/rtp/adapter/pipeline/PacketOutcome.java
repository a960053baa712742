package org.activerecorder.rtp.adapter.pipeline;

/** What {@link StreamPipeline#accept} did with one datagram; every value but the first two is a drop. */
public enum PacketOutcome {
    /** The stream's first valid packet: the source is latched and sample 0 of the file is written. */
    FIRST_PACKET,
    /** Written into the audio window. */
    ACCEPTED,
    /** From a host not allowed, or from another address than the latched source. */
    FOREIGN,
    /** Not valid RTP, the wrong payload type, or an empty or oversized payload. */
    MALFORMED,
    /** A sequence number already received. */
    DUPLICATE,
    /** Its place in the file is already written. */
    LATE,
    /** A timestamp implausibly far ahead (counted as malformed). */
    JUMP,
    /** Writing the file failed; the stream must close. */
    WRITE_FAILED
}
