package org.activerecorder.bench;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import org.activerecorder.rtp.adapter.decode.FrameDecoder;
import org.activerecorder.rtp.adapter.pipeline.AudioDecoder;
import org.activerecorder.rtp.api.AudioCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * What decoding one 20 ms packet costs in each codec the recorder takes, one operation = one payload decoded by the
 * adapter's own decoder: G.711 and L16 by table or copy and G.722 by its ADPCM code on the receive loop
 * ({@link AudioDecoder}), Opus by concentus on the loop's decode worker ({@link FrameDecoder}). The payloads are a
 * second of a 1 kHz tone (for Opus, concentus's encoder at 16 kHz and 32 kbit/s, as the load tool sends), decoded in
 * turn, so that the stateful decoders (G.722, Opus) see a stream, not one packet again and again.
 *
 * <p>With {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes each decode allocates (0 on the loop).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class CodecBenchmark {

    private static final int PACKETS = 50;
    private static final int HEADER = 12;

    @State(Scope.Thread)
    public static class Stream {
        /** The codec decoded. */
        @Param({"PCMU", "PCMA", "L16_16000", "G722", "OPUS"})
        public AudioCodec codec;

        final short[] target = new short[1920];
        AudioDecoder onLoop;
        FrameDecoder offLoop;
        ByteBuffer[] datagrams;
        byte[][] payloads;
        int next;

        @Setup(Level.Iteration)
        public void open() throws Exception {
            payloads = payloads(codec);
            datagrams = new ByteBuffer[PACKETS];
            for (int i = 0; i < PACKETS; i++) {
                datagrams[i] = ByteBuffer.allocateDirect(HEADER + payloads[i].length);
                datagrams[i].position(HEADER);
                datagrams[i].put(payloads[i]).clear();
            }
            AudioDecoder decoder = AudioDecoder.forCodec(codec);
            onLoop = decoder.decodesOnTheLoop() ? decoder : null;
            offLoop = onLoop == null ? FrameDecoder.forCodec(codec) : null;
            next = 0;
        }
    }

    /** One packet's payload decoded, by the decoder the recorder runs for the codec. */
    @Benchmark
    public int decode(Stream stream) throws Exception {
        int i = stream.next;
        stream.next = i + 1 == PACKETS ? 0 : i + 1;
        if (stream.onLoop != null) {
            ByteBuffer datagram = stream.datagrams[i];
            int length = datagram.capacity() - HEADER;
            return stream.onLoop.decode(datagram, HEADER, length, stream.target);
        }
        byte[] payload = stream.payloads[i];
        return stream.offLoop.decode(payload, payload.length, stream.target);
    }

    /** A second of a 1 kHz tone as 50 payloads of 20 ms in the codec. */
    static byte[][] payloads(AudioCodec codec) throws Exception {
        int rate = codec.sampleRate();
        short[] pcm = new short[rate];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(16_000 * Math.sin(2 * Math.PI * 1000 * i / rate));
        }
        int frame = rate / PACKETS;
        byte[][] payloads = new byte[PACKETS][];
        OpusEncoder opus = codec == AudioCodec.OPUS ? new OpusEncoder(rate, 1, OpusApplication.OPUS_APPLICATION_VOIP)
                : null;
        if (opus != null) {
            opus.setBitrate(32_000);
        }
        byte[] out = new byte[1_275];
        for (int p = 0; p < PACKETS; p++) {
            switch (codec) {
                case PCMU, PCMA -> {
                    payloads[p] = new byte[frame];
                    for (int i = 0; i < frame; i++) {
                        // any code word decodes by the same table lookup: the sample's top byte will do
                        payloads[p][i] = (byte) (pcm[p * frame + i] >> 8);
                    }
                }
                case L16_8000, L16_16000 -> {
                    ByteBuffer bytes = ByteBuffer.allocate(frame * 2);
                    for (int i = 0; i < frame; i++) {
                        bytes.putShort(pcm[p * frame + i]);
                    }
                    payloads[p] = bytes.array();
                }
                case G722 -> {
                    // ADPCM decodes any octets with the same work: a deterministic spread of codes (8 per ms)
                    payloads[p] = new byte[160];
                    for (int i = 0; i < 160; i++) {
                        payloads[p][i] = (byte) ((p * 160 + i) * 37);
                    }
                }
                case OPUS -> {
                    int length = opus.encode(pcm, p * frame, frame, out, 0, out.length);
                    payloads[p] = Arrays.copyOf(out, length);
                }
            }
        }
        return payloads;
    }
}
