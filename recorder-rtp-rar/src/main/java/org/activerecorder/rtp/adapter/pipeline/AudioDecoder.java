package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.AudioCodec;

import java.nio.ByteBuffer;

/**
 * The codec SPI of the media path: turns one RTP payload into 16-bit linear samples at its codec's
 * {@link AudioCodec#sampleRate() sample rate}. One implementation per codec; {@link #forCodec} is the only place
 * that knows which, and its switch is exhaustive, so a codec added to the contract without a decoder does not
 * compile.
 *
 * <p>A decoder runs on the receive loop that owns its stream, one payload at a time: it must allocate nothing per
 * packet, take no lock and never block. Stateless decoders (G.711, L16) are shared; stateful ones (G.722's ADPCM
 * predictors) are one per stream, made by {@link #forCodec}. Payloads are read in place from the datagram's buffer
 * (absolute indexes; its position and limit are left alone).
 */
public interface AudioDecoder {

    /**
     * How many samples {@code length} payload octets at {@code offset} decode to, or 0 if they are no valid payload
     * of this codec (the packet is then malformed). Reads no more than the payload; changes no state.
     */
    int samples(ByteBuffer datagram, int offset, int length);

    /**
     * Decodes the payload into {@code target[0..n)}, {@code n} being {@link #samples}, which the caller checked is
     * positive and fits {@code target}.
     *
     * @return {@code n}
     */
    int decode(ByteBuffer datagram, int offset, int length, short[] target);

    /**
     * Whether {@link #decode} runs on the receive loop. {@code false} for a codec whose decoder allocates or is slow
     * (Opus): the pipeline then only counts its samples here and has the payload decoded by the loop's decode worker
     * ({@code decode.DecodeSlots}).
     */
    default boolean decodesOnTheLoop() {
        return true;
    }

    /** A decoder for one stream of {@code codec}. */
    static AudioDecoder forCodec(AudioCodec codec) {
        return switch (codec) {
            case PCMU -> G711Decoder.PCMU;
            case PCMA -> G711Decoder.PCMA;
            case L16_8000, L16_16000 -> L16Decoder.INSTANCE;
            case G722 -> new G722Decoder();
            case OPUS -> OpusPackets.INSTANCE;
        };
    }
}
