package org.activerecorder.bench;

import org.activerecorder.rtp.adapter.packet.RtpPacketView;
import org.activerecorder.rtp.adapter.packet.RtpVerdict;
import org.activerecorder.rtp.adapter.pipeline.AllowedPeers;
import org.activerecorder.rtp.adapter.pipeline.PacketOutcome;
import org.activerecorder.rtp.adapter.pipeline.SampleSink;
import org.activerecorder.rtp.adapter.pipeline.StreamPipeline;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The RTP adapter's per-packet path, one operation = one 20 ms PCMU packet (172-byte datagram) of one stream, as
 * the receive loop hands it over after {@code receive()}: the header parsed ({@link RtpPacketView}), then the whole
 * {@link StreamPipeline} (source latch, sequence and reorder, timestamp position, G.711 decode, the audio window)
 * into either nothing ({@code sink=none}: the Java work alone) or the adapter's real {@code WavFile}
 * ({@code sink=wav}: plus the file writes and header rewrites, amortised). Arrival times are synthetic (20 ms
 * apart, as sent), so the pipeline sees a steady sender however fast the benchmark runs.
 *
 * <p>Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is bytes allocated per packet, which the adapter
 * promises is 0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:AutoBoxCacheMax=65536", "-Xmx512m"})
public class PacketPathBenchmark {

    private static final int PAYLOAD = 160;
    private static final long PERIOD_NANOS = 20_000_000L;
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 40_000);

    /** One stream's state: the pipeline, the datagram buffer the loop would reuse, and the sender's counters. */
    @State(Scope.Thread)
    public static class Stream {
        /** {@code inOrder}: every packet in order; {@code reordered}: every 10th pair swapped (the hold path). */
        @Param({"inOrder", "reordered"})
        public String order;
        /** {@code none}: samples dropped after the window; {@code wav}: the adapter's WavFile. */
        @Param({"none", "wav"})
        public String sink;

        final ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
        final short[] scratch = new short[1024];
        StreamPipeline pipeline;
        Path folder;
        RotatingWavSink wav;
        long index;
        long arrival;

        @Setup(Level.Iteration)
        public void open() throws IOException {
            SampleSink target;
            if (sink.equals("wav")) {
                folder = Files.createTempDirectory("recorder-bench");
                wav = new RotatingWavSink(folder);
                target = wav;
            } else {
                target = new DiscardingSink();
            }
            pipeline = new StreamPipeline(0, AudioCodec.PCMU, AllowedPeers.any(), target);
            index = 0;
            arrival = System.nanoTime();
            byte[] tone = new byte[PAYLOAD];
            for (int i = 0; i < PAYLOAD; i++) {
                // a 1 kHz mu-law tone's 8 codes, as a sender's payload would be (any code decodes the same way)
                tone[i] = (byte) new int[]{0xff, 0x9e, 0x8f, 0x9e, 0xff, 0x1e, 0x0f, 0x1e}[i % 8];
            }
            datagram.clear();
            datagram.put((byte) 0x80).put((byte) 0).putShort((short) 0).putInt(0).putInt(0x12345678).put(tone);
            datagram.flip();
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            pipeline.finish();
            if (wav != null) {
                wav.close();
                try (var files = Files.list(folder)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(folder);
                wav = null;
            }
        }

        /** The next datagram, written in place as the kernel would: sequence and timestamp of packet n. */
        ByteBuffer next() {
            long n = index++;
            if (order.equals("reordered") && n % 10 == 4) {
                n++;
            } else if (order.equals("reordered") && n % 10 == 5) {
                n--;
            }
            datagram.putShort(2, (short) n);
            datagram.putInt(4, (int) (n * PAYLOAD));
            arrival += PERIOD_NANOS;
            return datagram;
        }
    }

    /** A datagram whose sequence and timestamp advance, for the header parser alone. */
    @State(Scope.Thread)
    public static class Header {
        final ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
        final RtpPacketView view = new RtpPacketView();
        long index;

        @Setup(Level.Iteration)
        public void open() {
            datagram.clear();
            datagram.put((byte) 0x80).put((byte) 0).putShort((short) 0).putInt(0).putInt(0x12345678)
                    .put(new byte[PAYLOAD]).flip();
        }

        ByteBuffer next() {
            long n = index++;
            datagram.putShort(2, (short) n);
            datagram.putInt(4, (int) (n * PAYLOAD));
            return datagram;
        }
    }

    /** The header alone: version, payload type, sequence, timestamp, SSRC, where the payload is. */
    @Benchmark
    public RtpVerdict parse(Header header) {
        return header.view.parse(header.next());
    }

    /** The whole per-packet path of the pipeline: parse, latch, sequence/reorder, position, decode, window (write). */
    @Benchmark
    public PacketOutcome pipeline(Stream stream) {
        ByteBuffer datagram = stream.next();
        return stream.pipeline.accept(datagram, SENDER, stream.arrival, stream.scratch);
    }

    /** Samples thrown away: the pipeline's Java work without the file. */
    static final class DiscardingSink implements SampleSink {
        @Override
        public void append(ByteBuffer samples) {
            samples.position(samples.limit());
        }

        @Override
        public void skip(long samples) {
            // nothing kept
        }

        @Override
        public void commit() {
            // nothing kept
        }
    }
}
