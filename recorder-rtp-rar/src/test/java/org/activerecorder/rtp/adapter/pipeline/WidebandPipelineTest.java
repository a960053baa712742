package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.DtmfEvent;
import org.activerecorder.rtp.api.Gap;
import org.activerecorder.rtp.api.GapCause;
import org.activerecorder.rtp.api.StreamSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline with codecs whose audio is not 8 kHz, or whose RTP clock is not their sample rate (L16/16000: 16 kHz
 * on a 16000 clock; G.722: 16 kHz on an 8000 clock; Opus: 16 kHz on a 48000 clock): every length in the file, every
 * gap, pause, re-anchor and telephone event is counted in samples of the decoded audio, and is as long in
 * milliseconds as it was on the wire.
 */
class WidebandPipelineTest {

    private static final int DTMF_PT = 101;
    private static final long MS = 1_000_000L;
    private static final long EPOCH = 1_000_000_000_000L;

    private final InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 40_000);

    @ParameterizedTest
    @EnumSource(names = {"L16_8000", "L16_16000", "G722"})
    void lostPacketsAreAGapOfTheirLengthInSamples(AudioCodec codec) throws IOException {
        Stream stream = new Stream(codec);
        stream.talk(0, 10, 0, 0);
        stream.talk(12, 10, 12, 240);
        stream.pipeline.finish(nanos(500));

        int packet = stream.packets.samples();
        assertEquals(List.of(new Gap(10L * packet, 2L * packet, GapCause.NETWORK_LOSS)), stream.gaps());
        assertEquals(22L * packet, stream.pipeline.statistics().samplesWritten());
        assertEquals(440L * codec.sampleRate() / 1000, stream.pipeline.statistics().samplesWritten(), "440 ms");
    }

    @ParameterizedTest
    @EnumSource(names = {"L16_8000", "L16_16000", "G722"})
    void silenceSuppressionIsPlacedByTheTimestampsAtTheSampleRate(AudioCodec codec) throws IOException {
        Stream stream = new Stream(codec);
        stream.talk(0, 50, 0, 0);
        stream.talk(50, 10, 50 + 103, 1_000 + 2_060); // 2.06 s of silence suppression
        stream.pipeline.finish(nanos(3_300));

        int packet = stream.packets.samples();
        assertEquals((50 + 103 + 10L) * packet, stream.pipeline.statistics().samplesWritten());
        assertEquals(List.of(new Gap(50L * packet, 103L * packet, GapCause.QUIET_SENDER)), stream.gaps());
        stream.expectPacketAt(153L * packet, 50);
    }

    @ParameterizedTest
    @EnumSource(names = {"L16_8000", "L16_16000", "G722"})
    void aPauseIsSilenceOfItsWallClockLength(AudioCodec codec) throws IOException {
        Stream stream = new Stream(codec);
        stream.talk(0, 50, 0, 0);
        stream.pipeline.pause(nanos(500));
        stream.talk(50, 100, 50, 1_000);
        stream.pipeline.resume(nanos(3_000));
        stream.talk(150, 50, 150, 3_000);
        stream.pipeline.finish(nanos(4_000));

        long perMs = codec.sampleRate() / 1000;
        assertEquals(List.of(new Gap(500 * perMs, 2_500 * perMs, GapCause.SIGNALLED_PAUSE)), stream.gaps());
        assertEquals(4_000 * perMs, stream.pipeline.statistics().samplesWritten());
        stream.expectPacketAt(150L * stream.packets.samples(), 150);
    }

    @ParameterizedTest
    @EnumSource(names = {"L16_8000", "L16_16000", "G722"})
    void aHoldWithAFrozenClockIsReanchoredToItsRealLength(AudioCodec codec) throws IOException {
        Stream stream = new Stream(codec);
        stream.talk(0, 175, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audio(175, 175, 10_500));
        for (int seq = 176; seq < 175 + QuietReturn.WATCHED; seq++) {
            assertEquals(PacketOutcome.HELD, stream.audio(seq, seq, 10_500 + (seq - 175) * 20), "watched: " + seq);
        }
        stream.talk(175 + QuietReturn.WATCHED, 175 - QuietReturn.WATCHED, 175 + QuietReturn.WATCHED,
                10_500 + QuietReturn.WATCHED * 20);
        stream.pipeline.finish(nanos(14_000));

        int packet = stream.packets.samples();
        long perSecond = codec.sampleRate();
        assertEquals(14 * perSecond, stream.pipeline.statistics().samplesWritten());
        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        assertEquals(List.of(new Gap(175L * packet, 7 * perSecond, GapCause.QUIET_SENDER)), stream.gaps());
        stream.expectPacketAt(10_500 * perSecond / 1000, 175);
    }

    @ParameterizedTest
    @EnumSource(names = {"L16_8000", "L16_16000", "G722"})
    void aTelephoneEventKeepsItsTimeAndDurationInSamplesOfTheFile(AudioCodec codec) throws IOException {
        Stream stream = new Stream(codec);
        stream.talk(0, 10, 0, 0);
        long eventTs = (0xFFFF_0000L + 10 * stream.packets.ticks()) & 0xFFFF_FFFFL;
        long duration = 7 * stream.packets.ticks(); // 140 ms on the RTP clock
        for (int copy = 0; copy < 3; copy++) {
            stream.accept(telephoneEvent(10 + copy, eventTs, 5, duration), 200 + 20 * copy);
        }
        stream.talk(13, 10, 20, 400);
        stream.pipeline.finish(nanos(700));

        long perMs = codec.sampleRate() / 1000;
        assertEquals(List.of(new DtmfEvent(200 * perMs, 5, 140 * perMs, 10, true)),
                stream.pipeline.timeline().dtmf());
    }

    private static ByteBuffer telephoneEvent(int seq, long timestamp, int event, long duration) {
        byte[] payload = {(byte) event, (byte) (0x80 | 10), (byte) (duration >> 8), (byte) duration};
        return rtp().payloadType(DTMF_PT).sequence(seq).timestamp(timestamp).ssrc(CodecPackets.SSRC)
                .payload(payload).buffer();
    }

    private static long nanos(double atMs) {
        return EPOCH + Math.round(atMs * MS);
    }

    /** One stream of the codec into memory. */
    private final class Stream {
        final CodecPackets packets;
        final MemorySink sink = new MemorySink();
        final StreamPipeline pipeline;
        private final short[] scratch = new short[65_536];

        Stream(AudioCodec codec) {
            packets = new CodecPackets(codec);
            pipeline = new StreamPipeline(new StreamSpec("s", codec, CodecPackets.PT, DTMF_PT, null,
                    Path.of("unused.wav")), AllowedPeers.parse("127.0.0.1"), sink);
        }

        PacketOutcome audio(int seq, long tsPackets, double atMs) {
            return accept(packets.audio(seq, tsPackets), atMs);
        }

        PacketOutcome accept(ByteBuffer datagram, double atMs) {
            return pipeline.accept(datagram, sender, nanos(atMs), scratch);
        }

        void talk(int first, int count, long firstTsPackets, double firstAtMs) {
            for (int i = 0; i < count; i++) {
                PacketOutcome outcome = audio(first + i, firstTsPackets + i, firstAtMs + 20.0 * i);
                assertTrue(outcome == PacketOutcome.ACCEPTED || outcome == PacketOutcome.FIRST_PACKET,
                        "packet " + (first + i) + ": " + outcome);
            }
        }

        List<Gap> gaps() {
            return pipeline.timeline().gaps();
        }

        /** For L16, whose levels are exact: packet {@code seq}'s audio is at {@code position}; else audio is. */
        void expectPacketAt(long position, int seq) {
            for (int i = 0; i < packets.samples(); i++) {
                short sample = sink.sample(position + i);
                if (packets.codec().encodingName().equals("L16")) {
                    assertEquals(CodecPackets.level(seq), sample, "packet " + seq + " at " + (position + i));
                }
            }
            long energy = 0;
            for (int i = 0; i < packets.samples(); i++) {
                energy += Math.abs(sink.sample(position + i));
            }
            assertTrue(energy > 0, "audio at " + position);
        }
    }
}
