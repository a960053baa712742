package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.AudioCodec;

import java.nio.ByteBuffer;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;

/**
 * 20 ms RTP packets of any codec for the pipeline's tests: a constant level per packet for L16 (so a test can tell
 * exactly whose audio lands where), a continuous 1 kHz tone through the codec's encoder for the others. Timestamps
 * advance by the codec's RTP clock ({@link #ticks}), positions in the file by its sample rate ({@link #samples}).
 */
final class CodecPackets {

    static final int PT = 96;
    static final long SSRC = 0x2345_6789L;

    private final AudioCodec codec;
    private final ToneEncoder encoder;

    CodecPackets(AudioCodec codec) {
        this.codec = codec;
        this.encoder = ToneEncoder.forCodec(codec);
    }

    AudioCodec codec() {
        return codec;
    }

    /** RTP clock ticks in one packet (20 ms). */
    long ticks() {
        return codec.clockRate() / 50;
    }

    /** Samples of the file in one packet (20 ms). */
    int samples() {
        return codec.sampleRate() / 50;
    }

    /** Packet {@code seq}, stamped {@code tsPackets} packets after timestamp 0 (wrapping at 2^32). */
    ByteBuffer audio(int seq, long tsPackets) {
        return rtp().payloadType(PT).sequence(seq).timestamp((0xFFFF_0000L + tsPackets * ticks()) & 0xFFFF_FFFFL)
                .ssrc(SSRC).payload(encoder.packet(seq, samples())).buffer();
    }

    /** The L16 level of packet {@code seq}: non-zero, distinct for 100 packets in a row. */
    static short level(int seq) {
        return (short) (100 * (1 + Math.floorMod(seq, 100)));
    }

    /** G.722: one second of two tones, made by another encoder (see {@link G722DecoderTest}), in 20 ms slices. */
    private static byte[] vector() {
        try {
            return G722DecoderTest.vector();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A codec's encoder, test-side: 20 ms of audio at a time. */
    interface ToneEncoder {
        byte[] packet(int seq, int samples);

        static ToneEncoder forCodec(AudioCodec codec) {
            return switch (codec) {
                case L16_8000, L16_16000 -> (seq, samples) -> {
                    byte[] payload = new byte[2 * samples];
                    for (int i = 0; i < samples; i++) {
                        payload[2 * i] = (byte) (level(seq) >> 8);
                        payload[2 * i + 1] = (byte) level(seq);
                    }
                    return payload;
                };
                case G722 -> {
                    byte[] vector = vector();
                    yield (seq, samples) -> {
                        byte[] payload = new byte[samples / 2];
                        int from = Math.floorMod(seq * payload.length, vector.length);
                        System.arraycopy(vector, from, payload, 0, payload.length);
                        return payload;
                    };
                }
                default -> (seq, samples) -> {
                    byte[] payload = new byte[samples];
                    java.util.Arrays.fill(payload, (byte) (1 + Math.floorMod(seq, 100)));
                    return payload;
                };
            };
        }
    }
}
