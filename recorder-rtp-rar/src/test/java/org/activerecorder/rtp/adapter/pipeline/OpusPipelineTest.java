package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.adapter.decode.DecodeWorker;
import org.activerecorder.rtp.adapter.decode.FrameDecoder;
import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.DtmfEvent;
import org.activerecorder.rtp.api.Gap;
import org.activerecorder.rtp.api.GapCause;
import org.activerecorder.rtp.api.StreamSpec;
import org.activerecorder.testsupport.Goertzel;
import org.activerecorder.testsupport.ToneSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opus through the real pipeline and the decode stage: packets made by concentus's encoder from a 1 kHz tone are
 * placed on the "loop" (the test's thread) and decoded by a {@link DecodeWorker} on a thread of its own. The file
 * has the tone at its frequency and level, exactly as long as what was sent, at 16 kHz; loss and a pause are gaps of
 * their length; a decoder that throws or stalls is silence counted as a recorder failure over exactly the packets it
 * failed, and shifts or drops nothing else.
 */
class OpusPipelineTest {

    private static final int PT = 111;
    private static final int DTMF_PT = 101;
    private static final long SSRC = 0x0BAD_CAFEL;
    private static final int RATE = 16_000;
    /** Samples of the file in one 20 ms packet, and RTP ticks (48 kHz) in one. */
    private static final int PACKET = 320;
    private static final long TICKS = 960;
    private static final long MS = 1_000_000L;
    private static final long EPOCH = 1_000_000_000_000L;
    /** Two seconds of a 1 kHz tone, 100 packets. */
    private static final List<byte[]> TONE = ToneSource.opus(1_000, 2_000);

    private final InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 40_000);
    private final MemorySink sink = new MemorySink();
    private final short[] scratch = new short[65_536];
    private DecodeWorker worker;
    private StreamPipeline pipeline;

    @AfterEach
    void stopWorker() throws InterruptedException {
        worker.stop();
        assertTrue(worker.awaitEnd(5, TimeUnit.SECONDS), "the decode worker ended");
    }

    @Test
    void aToneComesOutAtItsFrequencyLevelAndLength() throws Exception {
        open(FrameDecoder::forCodec);
        talk(0, 100);
        pipeline.finish(nanos(2_000));

        assertEquals(100L * PACKET, pipeline.statistics().samplesWritten(), "2 s at 16 kHz");
        assertEquals(List.of(), pipeline.timeline().gaps());
        expectTone(PACKET, 100 * PACKET);
        assertEquals(0, pipeline.decodeFailures(), pipeline.diagnostics());
        assertEquals(0, pipeline.statistics().packetsUndecoded());
    }

    @Test
    void lostPacketsAreAGapOfTheirLengthAndTheRestStaysInPlace() throws Exception {
        open(FrameDecoder::forCodec);
        talk(0, 30);
        talk(32, 68);
        pipeline.finish(nanos(2_000));

        assertEquals(List.of(new Gap(30L * PACKET, 2L * PACKET, GapCause.NETWORK_LOSS)), pipeline.timeline().gaps());
        assertEquals(100L * PACKET, pipeline.statistics().samplesWritten());
        expectSilence(30 * PACKET, 32 * PACKET);
        expectTone(PACKET, 30 * PACKET);
        expectTone(33 * PACKET, 100 * PACKET); // the packet after the loss restarts the decoder's prediction
    }

    @Test
    void aPauseSilencesWhatIsDecodedAfterIt() throws Exception {
        open(FrameDecoder::forCodec);
        talk(0, 25);
        pipeline.pause(nanos(500));
        talk(25, 25);
        pipeline.resume(nanos(1_000));
        talk(50, 50);
        pipeline.finish(nanos(2_000));

        assertEquals(List.of(new Gap(500L * 16, 500L * 16, GapCause.SIGNALLED_PAUSE)), pipeline.timeline().gaps());
        expectSilence(8_000, 16_000);
        expectTone(PACKET, 8_000);
        expectTone(16_000 + PACKET, 32_000);
    }

    @Test
    void aKeyPressKeepsItsTimeAndDurationOnThe48000HzClockInA16kHzFile() throws Exception {
        open(FrameDecoder::forCodec);
        talk(0, 10);
        long eventTs = (0xFFFF_0000L + 10 * TICKS) & 0xFFFF_FFFFL;
        long duration = 7 * TICKS; // 140 ms on the RTP clock
        for (int copy = 0; copy < 3; copy++) {
            byte[] payload = {5, (byte) (0x80 | 10), (byte) (duration >> 8), (byte) duration};
            pipeline.accept(rtp().payloadType(DTMF_PT).sequence(10 + copy).timestamp(eventTs).ssrc(SSRC)
                    .payload(payload).buffer(), sender, nanos(200 + 20 * copy), scratch);
        }
        talk(13, 10, 20);
        pipeline.finish(nanos(700));

        assertEquals(List.of(new DtmfEvent(200 * 16, 5, 140 * 16, 10, true)), pipeline.timeline().dtmf());
        expectTone(20 * PACKET + PACKET, 30 * PACKET);
    }

    @Test
    void aDecoderThatThrowsIsARecorderFailureOverItsPacketOnly() throws Exception {
        open(codec -> new FailingOn(40, FrameDecoder.forCodec(codec)));
        talk(0, 100);
        pipeline.finish(nanos(2_000));

        assertEquals(List.of(new Gap(40L * PACKET, PACKET, GapCause.RECORDER_FAILURE)), pipeline.timeline().gaps());
        assertEquals(100L * PACKET, pipeline.statistics().samplesWritten(), "nothing shifted or dropped");
        expectSilence(40 * PACKET, 41 * PACKET);
        expectTone(PACKET, 40 * PACKET);
        expectTone(42 * PACKET, 100 * PACKET);
        assertEquals(1, pipeline.decodeFailures(), pipeline.diagnostics());
        assertEquals(1, pipeline.statistics().packetsUndecoded(), "the metrics' count");
        assertEquals("undecoded=1 (refused=0 failed=1 late=0)", pipeline.decodeFailureCauses());
    }

    /**
     * The decoder stalls on packet 3 until the stream has ended: the slots fill behind it, later packets are refused,
     * and what comes back after its span was written out is late. Packet 3 and the 47 queued behind it (4-51 but the
     * lost 10) fill the 48 slots, so 52-99 are refused (48); the window keeps the spans under way until its ring is
     * full, and placing packet 99 (2 s) makes it write out the first 15,616 samples, so 3-48 come back late (45) and
     * 49-51 in time. A recorder failure over exactly those, packet 10 told apart as lost (the gap before it is not
     * settled while packet 3 is under way); the file keeps its length and the packets decoded in time.
     */
    @Test
    void aStalledDecoderIsARecorderFailureFromWhereItStalledNeverAShift() throws Exception {
        Stalling stalling = new Stalling(3);
        open(codec -> stalling.around(FrameDecoder.forCodec(codec)));
        talk(0, 4);
        assertTrue(stalling.entered.await(5, TimeUnit.SECONDS), "the worker reached packet 3");
        for (int seq = 4; seq < 100; seq++) {
            if (seq != 10) {
                accept(seq, seq, 20.0 * seq); // unpaced: the worker is stuck
            }
        }
        stalling.release.countDown();
        pipeline.finish(nanos(2_000));

        assertEquals(List.of(new Gap(3L * PACKET, 7L * PACKET, GapCause.RECORDER_FAILURE),
                new Gap(10L * PACKET, PACKET, GapCause.NETWORK_LOSS),
                new Gap(11L * PACKET, 38L * PACKET, GapCause.RECORDER_FAILURE),
                new Gap(52L * PACKET, 48L * PACKET, GapCause.RECORDER_FAILURE)), pipeline.timeline().gaps());
        assertEquals(100L * PACKET, pipeline.statistics().samplesWritten());
        expectTone(PACKET, 3 * PACKET);
        expectSilence(3 * PACKET, 49 * PACKET);
        expectTone(49 * PACKET, 52 * PACKET);
        expectSilence(52 * PACKET, 100 * PACKET);
        assertEquals(93, pipeline.decodeFailures(), pipeline.diagnostics());
        assertEquals(93, pipeline.statistics().packetsUndecoded(), "the metrics' count");
        assertEquals("undecoded=93 (refused=48 failed=0 late=45)", pipeline.decodeFailureCauses());
    }

    /**
     * The decoder stalls on packet 70 while packets 71-110 come (820 ms of audio queued behind it: past the window's
     * half-second hold, within its one-second ring and the stream's slots), then catches up. Nothing is lost: the
     * window kept the spans still being decoded instead of writing them out at its usual hold. Before, the write at
     * packet 102 (the ring full) took everything up to 1,536 ms, so packets 70-76 came back late, as silence.
     */
    @Test
    void aDecoderBehindByMoreThanTheHoldButLessThanTheRingLosesNothing() throws Exception {
        Stalling stalling = new Stalling(70);
        open(codec -> stalling.around(FrameDecoder.forCodec(codec)));
        talk(0, 70);
        accept(70, 70, 20.0 * 70);
        assertTrue(stalling.entered.await(5, TimeUnit.SECONDS), "the worker reached packet 70");
        for (int seq = 71; seq <= 110; seq++) {
            assertEquals(PacketOutcome.ACCEPTED, accept(seq, seq, 20.0 * seq), "packet " + seq);
        }
        stalling.release.countDown();
        Await.until(() -> worker.backlog() == 0, "the worker caught up");
        talk(111, 39);
        pipeline.finish(nanos(3_000));

        assertEquals(List.of(), pipeline.timeline().gaps(), pipeline.diagnostics());
        assertEquals(0, pipeline.decodeFailures(), pipeline.diagnostics());
        assertEquals(150L * PACKET, pipeline.statistics().samplesWritten());
        expectTone(PACKET, 150 * PACKET);
    }

    /**
     * The sender stops while the decoder is stalled on packet 20 of 40: the quiet stream's sweep writes its audio out
     * but not the spans still being decoded, and the next sweep, once they are back, writes them too. Before, the first
     * sweep wrote everything and packets 20-39 came back late, as silence.
     */
    @Test
    void aQuietStreamIsWrittenOutButNotWhatIsStillBeingDecoded() throws Exception {
        Stalling stalling = new Stalling(20);
        open(codec -> stalling.around(FrameDecoder.forCodec(codec)));
        talk(0, 20);
        for (int seq = 20; seq < 40; seq++) {
            accept(seq, seq, 20.0 * seq);
        }
        assertTrue(stalling.entered.await(5, TimeUnit.SECONDS), "the worker reached packet 20");
        assertTrue(pipeline.flushIfQuiet(nanos(780 + 600), 500 * MS), "the first sweep, 600 ms after the last packet");
        assertEquals(20L * PACKET, pipeline.statistics().samplesWritten(), "written up to the stalled packet");
        stalling.release.countDown();
        // the next sweeps (the worker may still be on the last packet when it has taken it from its queue)
        Await.until(() -> pipeline.flushIfQuiet(nanos(780 + 1_100), 500 * MS)
                && pipeline.statistics().samplesWritten() == 40L * PACKET, "the rest written once decoded");
        pipeline.finish(nanos(2_000));

        assertEquals(List.of(), pipeline.timeline().gaps(), pipeline.diagnostics());
        assertEquals(0, pipeline.decodeFailures(), pipeline.diagnostics());
        expectTone(PACKET, 40 * PACKET);
    }

    private void open(Function<AudioCodec, FrameDecoder> decoders) {
        worker = new DecodeWorker("opus-test-decode", decoders);
        Thread thread = new Thread(worker);
        thread.setDaemon(true);
        thread.start();
        pipeline = new StreamPipeline(new StreamSpec("s", AudioCodec.OPUS, PT, DTMF_PT, null,
                Path.of("unused.wav")), AllowedPeers.parse("127.0.0.1"), sink, worker);
    }

    /**
     * Packets {@code first..first+count-1}, timestamps and arrivals in step, 20 ms apart; each waits until the worker
     * has taken the one before, as a real sender's 20 ms would.
     */
    private void talk(int first, int count) throws InterruptedException {
        talk(first, count, first);
    }

    /** The same, the first stamped {@code firstTsPackets} packets from the start, sent then. */
    private void talk(int first, int count, int firstTsPackets) throws InterruptedException {
        for (int seq = first; seq < first + count; seq++) {
            long ts = firstTsPackets + seq - first;
            PacketOutcome outcome = accept(seq, ts, 20.0 * ts);
            assertTrue(outcome == PacketOutcome.ACCEPTED || outcome == PacketOutcome.FIRST_PACKET,
                    "packet " + seq + ": " + outcome);
            Await.until(() -> worker.backlog() == 0, "the worker took packet");
        }
    }

    private PacketOutcome accept(int seq, long tsPackets, double atMs) {
        ByteBuffer packet = rtp().payloadType(PT).sequence(seq)
                .timestamp((0xFFFF_0000L + tsPackets * TICKS) & 0xFFFF_FFFFL).ssrc(SSRC)
                .payload(TONE.get(seq % TONE.size())).buffer();
        return pipeline.accept(packet, sender, nanos(atMs), scratch);
    }

    /** The file over {@code [from, to)} is the 1 kHz tone, at about its level (Opus is lossy: within 3 dB). */
    private void expectTone(int from, int to) {
        short[] audio = samples(from, to);
        assertEquals(1_000, Goertzel.dominant(audio, 0, audio.length, RATE, 200, 7_000, 10), 10, "frequency");
        double rms = 0;
        for (short sample : audio) {
            rms += (double) sample * sample;
        }
        rms = Math.sqrt(rms / audio.length);
        double expected = ToneSource.AMPLITUDE / Math.sqrt(2);
        assertTrue(rms > expected / 1.41 && rms < expected * 1.41, "level " + rms + " of " + expected);
        for (int packet = from; packet + PACKET <= to; packet += PACKET) {
            assertTrue(energy(packet, packet + PACKET) > 0, "audio at " + packet);
        }
    }

    private void expectSilence(int from, int to) {
        assertEquals(0, energy(from, to), "silence over [" + from + ", " + to + ")");
    }

    private long energy(int from, int to) {
        long energy = 0;
        for (int i = from; i < to; i++) {
            energy += Math.abs(sink.sample(i));
        }
        return energy;
    }

    private short[] samples(int from, int to) {
        short[] audio = new short[to - from];
        for (int i = from; i < to; i++) {
            audio[i - from] = sink.sample(i);
        }
        return audio;
    }

    private static long nanos(double atMs) {
        return EPOCH + Math.round(atMs * MS);
    }

    /** Throws on its {@code failing}-th call (from 0), decodes with {@code real} otherwise. */
    private static final class FailingOn implements FrameDecoder {
        private final int failing;
        private final FrameDecoder real;
        private int calls;

        FailingOn(int failing, FrameDecoder real) {
            this.failing = failing;
            this.real = real;
        }

        @Override
        public int decode(byte[] payload, int length, short[] target) throws Exception {
            if (calls++ == failing) {
                throw new IllegalStateException("a corrupt packet, as the decoder sees it");
            }
            return real.decode(payload, length, target);
        }
    }

    /** Blocks its {@code stalling}-th call until released. */
    private static final class Stalling {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final int stalling;

        Stalling(int stalling) {
            this.stalling = stalling;
        }

        FrameDecoder around(FrameDecoder real) {
            int[] calls = {0};
            return (payload, length, target) -> {
                if (calls[0]++ == stalling) {
                    entered.countDown();
                    release.await();
                }
                return real.decode(payload, length, target);
            };
        }
    }
}
