package org.activerecorder.rtp.adapter.pipeline;

import java.nio.ByteBuffer;

/**
 * A datagram kept aside with its arrival time, until the packets after it say what it is: a re-latch candidate's
 * packet, or the first packet of a restarted sequence numbering. Kept rather than dropped because it is audio.
 *
 * <p>The receive loop reuses its buffer for the next datagram, so the bytes are copied, into an array allocated on
 * first use (most streams never need one) and only replaced by a larger one if a larger datagram comes: never one
 * allocation per packet.
 */
final class PacketCopy {

    /** Enough for 60 ms of G.711 with a full header: a copy is rarely reallocated. */
    private static final int MIN_BYTES = 512;

    private byte[] bytes;
    private ByteBuffer view;
    private int length;
    private long arrivalNanos;

    /** Copies the datagram between its position and limit (which stay as they are). */
    void store(ByteBuffer datagram, long arrivalNanos) {
        int size = datagram.remaining();
        if (bytes == null || bytes.length < size) {
            bytes = new byte[Math.max(size, MIN_BYTES)];
            view = ByteBuffer.wrap(bytes);
        }
        datagram.get(datagram.position(), bytes, 0, size);
        length = size;
        this.arrivalNanos = arrivalNanos;
    }

    /** The copy, between position 0 and its length. */
    ByteBuffer datagram() {
        view.clear().limit(length);
        return view;
    }

    long arrivalNanos() {
        return arrivalNanos;
    }

    /** The RTP timestamp of the copy, a packet already parsed as valid (bytes 4-7 of its header), unsigned. */
    long rtpTimestamp() {
        return ((bytes[4] & 0xFFL) << 24) | ((bytes[5] & 0xFFL) << 16) | ((bytes[6] & 0xFFL) << 8) | (bytes[7] & 0xFFL);
    }
}
