package org.activerecorder.rtp.adapter.pipeline;

import java.nio.ByteBuffer;

/**
 * What the receive loop needs of an Opus payload without decoding it: how many 16 kHz samples it carries, from its
 * TOC octet and frame count (RFC 6716 section 3.1). The decoding itself is not done here: Opus is decoded off the loop
 * ({@code decode.DecodeSlots}), so {@link #decode} is never called and refuses.
 *
 * <p>Written by hand, and short, because concentus's {@code OpusPacketInfo.getNumSamples} reads a {@code byte[]}
 * and the loop's datagram is a direct buffer read in place: calling it would take a copy of every packet first
 * just to count. The rules are the RFC's: the TOC's configuration names the frame duration (2.5 to 60 ms), its code
 * the frame count (one, two, or an explicit count of 1 to 48 in the next octet), and a packet longer than 120 ms
 * is invalid (section 3.4, R5).
 */
final class OpusPackets implements AudioDecoder {

    static final OpusPackets INSTANCE = new OpusPackets();

    /** Decoded sample rate: the stream file's. */
    private static final int RATE = 16_000;
    /** 120 ms at 16 kHz: the longest packet RFC 6716 allows. */
    private static final int MAX_SAMPLES = 1_920;
    /** Frame durations in tenths of a millisecond by the configuration's low two bits: SILK-only, CELT-only. */
    private static final int[] SILK_TENTHS = {100, 200, 400, 600};
    private static final int[] CELT_TENTHS = {25, 50, 100, 200};

    private OpusPackets() {
    }

    @Override
    public int samples(ByteBuffer datagram, int offset, int length) {
        if (length < 1) {
            return 0;
        }
        int toc = datagram.get(offset) & 0xFF;
        int frames;
        switch (toc & 0x03) {
            case 0:
                frames = 1;
                break;
            case 1:
            case 2:
                frames = 2;
                break;
            default:
                if (length < 2) {
                    return 0;
                }
                frames = datagram.get(offset + 1) & 0x3F;
                break;
        }
        int samples = frames * frameSamples(toc >> 3);
        return samples > MAX_SAMPLES ? 0 : samples;
    }

    /** Samples at 16 kHz of one frame of TOC configuration {@code config} (RFC 6716 table 2). */
    static int frameSamples(int config) {
        int tenths;
        if (config < 12) { // SILK-only: 10, 20, 40, 60 ms
            tenths = SILK_TENTHS[config & 0x03];
        } else if (config < 16) { // hybrid: 10, 20 ms
            tenths = (config & 0x01) == 0 ? 100 : 200;
        } else { // CELT-only: 2.5, 5, 10, 20 ms
            tenths = CELT_TENTHS[config & 0x03];
        }
        return tenths * RATE / 10_000;
    }

    @Override
    public int decode(ByteBuffer datagram, int offset, int length, short[] target) {
        throw new UnsupportedOperationException("Opus is decoded off the receive loop (decode.DecodeSlots)");
    }

    @Override
    public boolean decodesOnTheLoop() {
        return false;
    }
}
