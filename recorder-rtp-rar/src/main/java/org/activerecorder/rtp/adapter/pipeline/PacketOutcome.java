package org.activerecorder.rtp.adapter.pipeline;

/**
 * What {@link StreamPipeline#accept} did with one datagram: the first two values took it, {@link #HELD} kept it aside
 * for later, every other value is a drop (and a counter).
 */
public enum PacketOutcome {
    /** The stream's first valid packet: the source is latched and sample 0 of the file is where it is. */
    FIRST_PACKET,
    /** Taken: audio written into the window (silenced while paused), or a comfort-noise or telephone-event packet. */
    ACCEPTED,
    /**
     * Kept aside until the next packets decide: from an address the source may be moving to, or a sequence jump that
     * may be a restart. It is taken then, or counted as foreign, late or malformed.
     */
    HELD,
    /** From a host not allowed, or from another address than the source (and not a candidate for it). */
    FOREIGN,
    /** Not valid RTP, the wrong payload type, or an empty or oversized payload. */
    MALFORMED,
    /** A sequence number already received. */
    DUPLICATE,
    /** Its place in the file is already written. */
    LATE,
    /** A timestamp not believed (counted as malformed). */
    JUMP,
    /** Writing the file failed; the stream must close. */
    WRITE_FAILED
}
