package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.Gap;
import org.activerecorder.rtp.api.GapCause;
import org.activerecorder.rtp.api.StreamSpec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One {@link StreamPipeline} fed with hand-made packets and an in-memory file, for the pipeline's byte-fed tests.
 *
 * <p>Every audio packet is 20 ms of G.711 mu-law whose 160 samples all decode to a value that names its packet
 * ({@link #level}), so a test can say exactly which packet's audio is at which position of the file. Times are in
 * milliseconds from the first packet's arrival; timestamps count from {@link #FIRST_TS}, close to the 32-bit wrap.
 */
final class StreamHarness {

    static final int PT = 0;
    static final int DTMF_PT = 101;
    static final int CN_PT = StreamSpec.COMFORT_NOISE_PAYLOAD_TYPE;
    static final long SSRC = 0x1234_5678L;
    static final long FIRST_TS = 0xFFFF_F000L; // wraps after 26 packets
    static final int PACKET = 160;
    static final long MS = 1_000_000L;
    /** Arrivals in nanoseconds are offset so that no instant of a test is 0. */
    static final long EPOCH = 1_000_000_000_000L;

    final InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 40_000);
    final MemorySink sink = new MemorySink();
    final StreamPipeline pipeline;
    private final short[] scratch = new short[65_536];

    StreamHarness() {
        this(null);
    }

    /** A stream whose SDP named {@code expectedSource}, with telephone events on {@link #DTMF_PT}. */
    StreamHarness(InetSocketAddress expectedSource) {
        pipeline = new StreamPipeline(new StreamSpec("s", AudioCodec.PCMU, PT, DTMF_PT, expectedSource,
                Path.of("unused.wav")), AllowedPeers.parse("127.0.0.1"), sink);
    }

    /** Audio packet {@code seq} stamped {@code FIRST_TS + tsPackets * 160}, arriving at {@code atMs}. */
    PacketOutcome audio(int seq, long tsPackets, double atMs) {
        return accept(audioPacket(seq, FIRST_TS + tsPackets * PACKET, SSRC), sender, atMs);
    }

    /** Packets {@code first..first+count-1}, timestamps and arrivals in step, 20 ms apart. */
    void talk(int first, int count, long firstTsPackets, double firstAtMs) {
        for (int i = 0; i < count; i++) {
            PacketOutcome outcome = audio(first + i, firstTsPackets + i, firstAtMs + 20.0 * i);
            assertTrue(outcome == PacketOutcome.ACCEPTED || outcome == PacketOutcome.FIRST_PACKET,
                    "packet " + (first + i) + ": " + outcome);
        }
    }

    /**
     * Audio packet {@code seq} read at {@code readMs}, its socket last seen empty at {@code emptySinceMs} ({@code null}:
     * the loop does not know).
     */
    PacketOutcome audioRead(int seq, long tsPackets, double readMs, Double emptySinceMs) {
        return pipeline.accept(audioPacket(seq, FIRST_TS + tsPackets * PACKET, SSRC), sender, nanos(readMs),
                emptySinceMs == null ? StreamPipeline.UNKNOWN_EMPTY : nanos(emptySinceMs), scratch);
    }

    /**
     * Audio packet {@code seq} that woke the receive loop from its sleep in the selector at {@code readMs}, the look
     * before the sleep having found its socket empty at {@code emptySinceMs}.
     */
    PacketOutcome audioWoken(int seq, long tsPackets, double readMs, double emptySinceMs) {
        return pipeline.accept(audioPacket(seq, FIRST_TS + tsPackets * PACKET, SSRC), sender, nanos(readMs),
                nanos(emptySinceMs), true, scratch);
    }

    PacketOutcome accept(ByteBuffer datagram, InetSocketAddress from, double atMs) {
        return pipeline.accept(datagram, from, nanos(atMs), scratch);
    }

    static ByteBuffer audioPacket(int seq, long timestamp, long ssrc) {
        byte[] payload = new byte[PACKET];
        Arrays.fill(payload, code(seq));
        return rtp().payloadType(PT).sequence(seq).timestamp(timestamp).ssrc(ssrc).payload(payload).buffer();
    }

    static ByteBuffer comfortNoise(int seq, long timestamp) {
        return rtp().payloadType(CN_PT).sequence(seq).timestamp(timestamp).ssrc(SSRC).payload(new byte[] {40})
                .buffer();
    }

    static ByteBuffer telephoneEvent(int seq, long timestamp, int event, boolean end, int duration) {
        byte[] payload = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
        return rtp().payloadType(DTMF_PT).sequence(seq).timestamp(timestamp).ssrc(SSRC).payload(payload).buffer();
    }

    void finish(double atMs) throws IOException {
        pipeline.finish(nanos(atMs));
    }

    static long nanos(double atMs) {
        return EPOCH + Math.round(atMs * MS);
    }

    /** The mu-law code word of packet {@code seq}: decodes to a non-zero value distinct for 100 packets in a row. */
    static byte code(int seq) {
        return (byte) (1 + Math.floorMod(seq, 100));
    }

    /** The sample value of packet {@code seq}'s audio. */
    static short level(int seq) {
        return G711Decoder.PCMU.decode(code(seq));
    }

    /** The file holds packet {@code seq}'s audio at {@code position}. */
    void expectPacketAt(long position, int seq) {
        for (int i = 0; i < PACKET; i++) {
            assertEquals(level(seq), sink.sample(position + i), "packet " + seq + " at " + (position + i));
        }
    }

    /** The file is silent over {@code [from, to)}. */
    void expectSilence(long from, long to) {
        assertTrue(to > from, () -> "an empty span [" + from + ", " + to + ") proves nothing");
        for (long i = from; i < to; i++) {
            assertEquals(0, sink.sample(i), "silence at " + i);
        }
    }

    List<Gap> gaps() {
        return pipeline.timeline().gaps();
    }

    static Gap gap(long start, long length, GapCause cause) {
        return new Gap(start, length, cause);
    }
}
