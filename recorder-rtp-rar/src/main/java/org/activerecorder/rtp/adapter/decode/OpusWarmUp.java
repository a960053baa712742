package org.activerecorder.rtp.adapter.decode;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import org.activerecorder.rtp.api.AudioCodec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Has the JIT compile the Opus decoder before the first Opus call needs it: a decode worker, when it starts, decodes
 * {@value #ROUNDS} seconds of made-up Opus (a wideband voice-mode stream and a fullband music-mode one, concentus's own
 * encoder, so both SILK and CELT run) with a decoder of its own, once per JVM.
 *
 * <p>Why: run cold, concentus decodes many times slower than compiled, and a decode worker that falls behind the
 * audio window by half a second writes its packets as silence. The first run of 100 Opus calls after a start left
 * 3–13 % of its packets undecoded (81–100 of its recordings {@code INCOMPLETE}, {@code AUDIO_NOT_DECODED}), the
 * second none; 300 calls lost 99 % of the first run's (docs/performance.md, "Codecs"). Issue 14 asks that the JIT's
 * warm-up cost no recording. It costs 3.7–4.6 s of one core at start (measured on the 2-core build machine), on the
 * worker's thread, and stops at once when a real packet is waiting (it then warms on the real ones, as before) or the
 * worker is stopped.
 */
final class OpusWarmUp {

    /** Seconds of each stream decoded: 2 × 50 packets × this many, some 20,000 decodes, past C2's thresholds. */
    static final int ROUNDS = 200;
    private static final Logger LOG = Logger.getLogger(OpusWarmUp.class.getName());
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private OpusWarmUp() {
    }

    /**
     * Warms up unless a worker of this JVM did already (or is doing it now).
     *
     * @param interrupted checked between decodes: true stops the warm-up (a real packet waits, or the worker stops)
     * @return the packets decoded (0 when another worker warmed up already)
     */
    static int once(BooleanSupplier interrupted) {
        if (!DONE.compareAndSet(false, true)) {
            return 0;
        }
        long started = System.nanoTime();
        try {
            int decoded = run(interrupted);
            LOG.info(String.format("Opus decoder warmed up for the JIT: %d packets decoded in %d ms%s", decoded,
                    (System.nanoTime() - started) / 1_000_000,
                    decoded < 2 * 50 * ROUNDS ? " (cut short: a stream's packets came first)" : ""));
            return decoded;
        } catch (OpusException | RuntimeException e) {
            // not worth a failure: the decoder then warms on the first streams, as without this
            LOG.log(Level.WARNING, "The Opus decoder could not be warmed up; the first Opus calls warm it", e);
            return 0;
        }
    }

    /** The warm-up itself, for tests: decodes until done or {@code interrupted}. */
    static int run(BooleanSupplier interrupted) throws OpusException {
        List<byte[]> voice = encode(16_000, OpusApplication.OPUS_APPLICATION_VOIP, 32_000);
        List<byte[]> music = encode(48_000, OpusApplication.OPUS_APPLICATION_AUDIO, 96_000);
        OpusDecoder decoder = new OpusDecoder(AudioCodec.OPUS.sampleRate(), 1);
        short[] samples = new short[AudioCodec.OPUS.maxSamplesPerPacket()];
        int decoded = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (List<byte[]> stream : List.of(voice, music)) {
                for (byte[] packet : stream) {
                    if (interrupted.getAsBoolean()) {
                        return decoded;
                    }
                    decoder.decode(packet, 0, packet.length, samples, 0, samples.length, false);
                    decoded++;
                }
            }
        }
        return decoded;
    }

    /** One second of a 440 Hz and 1,320 Hz chord at {@code rate}, as 50 Opus packets of 20 ms. */
    private static List<byte[]> encode(int rate, OpusApplication application, int bitrate) throws OpusException {
        OpusEncoder encoder = new OpusEncoder(rate, 1, application);
        encoder.setBitrate(bitrate);
        int frame = rate / 50;
        short[] pcm = new short[frame];
        byte[] out = new byte[1_275];
        List<byte[]> packets = new ArrayList<>(50);
        for (int p = 0; p < 50; p++) {
            for (int i = 0; i < frame; i++) {
                double t = (double) (p * frame + i) / rate;
                pcm[i] = (short) (8_000 * Math.sin(2 * Math.PI * 440 * t) + 4_000 * Math.sin(2 * Math.PI * 1_320 * t));
            }
            int length = encoder.encode(pcm, 0, frame, out, 0, out.length);
            packets.add(Arrays.copyOf(out, length));
        }
        return packets;
    }
}
