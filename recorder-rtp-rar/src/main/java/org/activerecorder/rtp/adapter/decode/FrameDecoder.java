package org.activerecorder.rtp.adapter.decode;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import org.activerecorder.rtp.api.AudioCodec;

/**
 * Decodes one payload of a codec that cannot be decoded on the receive loop, on the loop's {@link DecodeWorker}: it
 * may allocate, take its time and throw. One per stream (a decoder has state); used by one thread at a time.
 */
public interface FrameDecoder {

    /**
     * Decodes {@code payload[0..length)} into {@code target}, at the codec's sample rate, mono.
     *
     * @return the samples decoded
     * @throws Exception whatever the decoder throws: the packet is then silence, counted as a recorder failure
     */
    int decode(byte[] payload, int length, short[] target) throws Exception;

    /** A decoder for one stream of {@code codec}, which must be one not decoded on the loop. */
    static FrameDecoder forCodec(AudioCodec codec) {
        if (codec != AudioCodec.OPUS) {
            throw new IllegalArgumentException(codec + " is decoded on the receive loop");
        }
        return new Opus();
    }

    /**
     * Opus through concentus (a kept pure-Java port of libopus): mono at the codec's 16 kHz, whatever the sender
     * encoded (Opus decodes any packet at any of its rates, and folds stereo to mono). No forward error correction:
     * a lost packet is silence, as for every codec (see docs/codecs.md).
     */
    final class Opus implements FrameDecoder {

        private final OpusDecoder decoder;

        Opus() {
            try {
                decoder = new OpusDecoder(AudioCodec.OPUS.sampleRate(), 1);
            } catch (OpusException e) {
                throw new IllegalStateException("concentus refused a 16 kHz mono decoder", e);
            }
        }

        @Override
        public int decode(byte[] payload, int length, short[] target) throws OpusException {
            return decoder.decode(payload, 0, length, target, 0, target.length, false);
        }
    }
}
