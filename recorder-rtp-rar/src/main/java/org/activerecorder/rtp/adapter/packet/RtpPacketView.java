package org.activerecorder.rtp.adapter.packet;

import java.nio.ByteBuffer;

/**
 * A reusable, allocation-free view of one RTP packet (RFC 3550 section 5.1) held in a {@link ByteBuffer}.
 *
 * <p>One instance serves every packet of a stream: {@link #parse} reads the header fields of the bytes between
 * the buffer's position and limit into plain fields and says whether they form a valid packet. The buffer itself
 * is neither copied nor moved, so the payload is read in place by the decoder ({@link #payloadOffset()} is an
 * absolute index into the same buffer). Bad input never throws: on the receive path a malformed datagram is
 * something to count, not an error.
 *
 * <p>Multi-byte fields are assembled from single bytes so that the result does not depend on the buffer's
 * byte order.
 */
public final class RtpPacketView {

    /** Length of the fixed RTP header: flags, payload type, sequence, timestamp, SSRC. */
    public static final int FIXED_HEADER_LENGTH = 12;

    private static final int RTP_VERSION = 2;

    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private int csrcCount;
    private boolean extension;
    private int paddingLength;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Reads the packet between {@code buffer.position()} and {@code buffer.limit()}.
     * On anything but {@link RtpVerdict#VALID} the accessors hold no meaningful values.
     */
    public RtpVerdict parse(ByteBuffer buffer) {
        int base = buffer.position();
        int length = buffer.remaining();
        if (length < FIXED_HEADER_LENGTH) {
            return RtpVerdict.TOO_SHORT;
        }
        int flags = u8(buffer, base);
        if (flags >>> 6 != RTP_VERSION) {
            return RtpVerdict.BAD_VERSION;
        }
        boolean padding = (flags & 0x20) != 0;
        extension = (flags & 0x10) != 0;
        csrcCount = flags & 0x0F;
        int second = u8(buffer, base + 1);
        marker = (second & 0x80) != 0;
        payloadType = second & 0x7F;
        sequenceNumber = u16(buffer, base + 2);
        timestamp = u32(buffer, base + 4);
        ssrc = u32(buffer, base + 8);

        int headerLength = FIXED_HEADER_LENGTH + 4 * csrcCount;
        if (headerLength > length) {
            return RtpVerdict.BAD_CSRC_COUNT;
        }
        if (extension) {
            // 16-bit profile-defined id, 16-bit length in 32-bit words, then the words (RFC 3550 5.3.1)
            if (headerLength + 4 > length) {
                return RtpVerdict.BAD_EXTENSION;
            }
            headerLength += 4 + 4 * u16(buffer, base + headerLength + 2);
            if (headerLength > length) {
                return RtpVerdict.BAD_EXTENSION;
            }
        }
        paddingLength = 0;
        if (padding) {
            // the last octet counts the padding octets, itself included, so it can never be zero
            paddingLength = u8(buffer, base + length - 1);
            if (paddingLength == 0 || headerLength + paddingLength > length) {
                return RtpVerdict.BAD_PADDING;
            }
        }
        payloadOffset = base + headerLength;
        payloadLength = length - headerLength - paddingLength;
        return RtpVerdict.VALID;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** The 16-bit sequence number, 0..65535. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** The 32-bit RTP timestamp as an unsigned value. */
    public long timestamp() {
        return timestamp;
    }

    /** The 32-bit synchronisation source as an unsigned value. */
    public long ssrc() {
        return ssrc;
    }

    public int csrcCount() {
        return csrcCount;
    }

    public boolean hasExtension() {
        return extension;
    }

    public int paddingLength() {
        return paddingLength;
    }

    /** Absolute index of the first payload octet in the parsed buffer. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Payload octets, header, extension and padding excluded; may be zero. */
    public int payloadLength() {
        return payloadLength;
    }

    private static int u8(ByteBuffer buffer, int index) {
        return buffer.get(index) & 0xFF;
    }

    private static int u16(ByteBuffer buffer, int index) {
        return u8(buffer, index) << 8 | u8(buffer, index + 1);
    }

    private static long u32(ByteBuffer buffer, int index) {
        return (long) u16(buffer, index) << 16 | u16(buffer, index + 2);
    }
}
