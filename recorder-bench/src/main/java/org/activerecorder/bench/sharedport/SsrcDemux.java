package org.activerecorder.bench.sharedport;

/**
 * What every shared-port receiver does first with a datagram: checks it is RTP version 2 and lets its SSRC pick the
 * stream ({@link SsrcIndex}), counting what it turns away, so that the receivers differ only in what they do with a
 * stream's packet.
 */
final class SsrcDemux {

    /** The fixed RTP header's length, before any CSRC. */
    static final int HEADER = 12;

    private final SsrcIndex index;
    private long received;
    private long bad;
    private long unknownSsrc;

    SsrcDemux(int streams) {
        index = new SsrcIndex(streams);
    }

    /**
     * The stream of a datagram of {@code length} bytes whose first byte is {@code first} and SSRC {@code ssrc}, or -1
     * (counted) when it is no RTP version 2 packet or its SSRC finds no room.
     */
    int streamOf(byte first, int ssrc, int length) {
        if (length < HEADER || ((first & 0xff) >> 6) != 2) {
            bad++;
            return -1;
        }
        int stream = index.streamOf(ssrc);
        if (stream < 0) {
            unknownSsrc++;
            return -1;
        }
        received++;
        return stream;
    }

    /** A datagram taken for a stream and then refused by what handles it. */
    void refused() {
        bad++;
    }

    long received() {
        return received;
    }

    long bad() {
        return bad;
    }

    long unknownSsrc() {
        return unknownSsrc;
    }
}
