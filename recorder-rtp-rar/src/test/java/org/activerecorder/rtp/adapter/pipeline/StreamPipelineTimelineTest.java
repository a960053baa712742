package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.DtmfEvent;
import org.activerecorder.rtp.api.GapCause;
import org.activerecorder.rtp.api.StreamStatistics;
import org.activerecorder.rtp.api.StreamTimeline;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.FIRST_TS;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.PACKET;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.comfortNoise;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.gap;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.level;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.nanos;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.telephoneEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream's completeness record, fed as bytes through a {@link StreamPipeline}: gaps with their causes, comfort
 * noise, telephone events, pauses, the audio tap and the counters.
 */
class StreamPipelineTimelineTest {

    private final StreamHarness stream = new StreamHarness();

    @Test
    void lostPacketsAreNetworkLoss() throws IOException {
        stream.talk(0, 10, 0, 0);
        stream.talk(12, 10, 12, 240);
        stream.finish(500);

        assertEquals(List.of(gap(10 * PACKET, 2 * PACKET, GapCause.NETWORK_LOSS)), stream.gaps());
        assertEquals(2, stream.pipeline.statistics().packetsLost());
    }

    @Test
    void aReorderedPacketShrinksTheHoleItFills() throws IOException {
        stream.talk(0, 10, 0, 0);
        stream.audio(13, 13, 260);
        stream.audio(11, 11, 261);
        stream.audio(12, 12, 262);
        stream.talk(14, 10, 14, 280);
        stream.finish(600);

        assertEquals(List.of(gap(10 * PACKET, PACKET, GapCause.NETWORK_LOSS)), stream.gaps());
        stream.expectPacketAt(11 * PACKET, 11);
    }

    @Test
    void aReorderedPacketInTheMiddleOfAHoleSplitsIt() throws IOException {
        stream.talk(0, 10, 0, 0);
        stream.audio(15, 15, 300);
        stream.audio(12, 12, 301);
        stream.talk(16, 5, 16, 320);
        stream.finish(500);

        assertEquals(List.of(gap(10 * PACKET, 2 * PACKET, GapCause.NETWORK_LOSS),
                gap(13 * PACKET, 2 * PACKET, GapCause.NETWORK_LOSS)), stream.gaps());
    }

    @Test
    void aPacketThatCameTooLateLeavesNetworkLoss() throws IOException {
        stream.talk(0, 10, 0, 0);
        stream.talk(11, 140, 11, 220); // packet 10 missing
        assertEquals(PacketOutcome.LATE, stream.audio(10, 10, 3_000));
        stream.finish(3_100);

        assertEquals(List.of(gap(10 * PACKET, PACKET, GapCause.NETWORK_LOSS)), stream.gaps());
        StreamStatistics statistics = stream.pipeline.statistics();
        assertEquals(1, statistics.packetsLate());
        assertEquals(0, statistics.packetsLost(), "it was received");
    }

    @Test
    void aLostPacketAtTheEdgeOfSilenceIsOnlyItsOwnLengthOfLoss() throws IOException {
        stream.talk(0, 10, 0, 0);
        stream.talk(11, 10, 200, 4_000); // 10 lost, then silence suppression until timestamp 200
        stream.finish(4_300);

        assertEquals(List.of(gap(10 * PACKET, PACKET, GapCause.NETWORK_LOSS),
                gap(11 * PACKET, 189 * PACKET, GapCause.QUIET_SENDER)), stream.gaps());
    }

    @Test
    void comfortNoiseIsCountedAsTheSenderBeingThereAndNeverWrittenAsAudio() throws IOException {
        stream.talk(0, 10, 0, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(PacketOutcome.ACCEPTED, stream.accept(comfortNoise(10 + i, FIRST_TS + (10 + 50 * i) * PACKET),
                    stream.sender, (10 + 50 * i) * 20));
        }
        stream.talk(13, 10, 200, 4_000);
        stream.finish(4_300);

        StreamStatistics statistics = stream.pipeline.statistics();
        assertEquals(3, statistics.comfortNoisePackets());
        assertEquals(20, statistics.packetsReceived());
        assertEquals(23, statistics.packetsExpected());
        assertEquals(0, statistics.packetsLost());
        assertEquals(0, statistics.packetsMalformed());
        assertEquals(20L * PACKET, stream.sink.nonZeroSamples());
        assertEquals(List.of(gap(10 * PACKET, 190 * PACKET, GapCause.QUIET_SENDER)), stream.gaps());
    }

    @Test
    void aStreamThatStartsWithComfortNoiseStartsThere() throws IOException {
        assertEquals(PacketOutcome.FIRST_PACKET, stream.accept(comfortNoise(0, FIRST_TS), stream.sender, 0));
        stream.talk(1, 10, 50, 1_000);
        stream.finish(1_300);

        assertEquals(60 * PACKET, stream.pipeline.statistics().samplesWritten());
        assertEquals(List.of(gap(0, 50 * PACKET, GapCause.QUIET_SENDER)), stream.gaps());
    }

    @Test
    void aTelephoneEventIsRecordedOnceWithItsTimeAndNeverInTheAudio() throws IOException {
        stream.talk(0, 10, 0, 0);
        long eventTs = FIRST_TS + 10 * PACKET;
        int seq = 10;
        for (int update = 1; update <= 7; update++) {
            stream.accept(telephoneEvent(seq++, eventTs, 5, false, update * PACKET), stream.sender, 200 + update * 20);
        }
        for (int copy = 0; copy < 3; copy++) { // the end packet, three times (RFC 4733 2.5.1.4)
            stream.accept(telephoneEvent(seq++, eventTs, 5, true, 7 * PACKET), stream.sender, 360 + copy * 20);
        }
        stream.talk(seq, 10, 20, 400);
        stream.finish(700);

        StreamTimeline timeline = stream.pipeline.timeline();
        assertEquals(List.of(new DtmfEvent(10 * PACKET, 5, 7 * PACKET, 10, true)), timeline.dtmf());
        assertEquals('5', timeline.dtmf().get(0).digit());
        assertEquals(List.of(gap(10 * PACKET, 10 * PACKET, GapCause.QUIET_SENDER)), timeline.gaps(),
                "the audio gap during a digit is an ordinary gap");
        StreamStatistics statistics = stream.pipeline.statistics();
        assertEquals(10, statistics.telephoneEventPackets());
        assertEquals(0, statistics.packetsLost());
        assertEquals(30, statistics.packetsExpected());
        assertEquals(20L * PACKET, stream.sink.nonZeroSamples());
    }

    @Test
    void anEventWhoseEndNeverCameIsRecordedWithItsLongestDuration() throws IOException {
        stream.talk(0, 10, 0, 0);
        stream.accept(telephoneEvent(10, FIRST_TS + 10 * PACKET, 1, false, 160), stream.sender, 220);
        stream.accept(telephoneEvent(11, FIRST_TS + 10 * PACKET, 1, false, 480), stream.sender, 260);
        stream.accept(telephoneEvent(12, FIRST_TS + 30 * PACKET, 11, false, 160), stream.sender, 620);
        stream.finish(700);

        assertEquals(List.of(new DtmfEvent(10 * PACKET, 1, 480, 10, false),
                new DtmfEvent(30 * PACKET, 11, 160, 10, false)), stream.pipeline.timeline().dtmf());
    }

    @Test
    void telephoneEventsNotNegotiatedAreMalformed() {
        StreamPipeline plain = new StreamPipeline(StreamHarness.PT, org.activerecorder.rtp.api.AudioCodec.PCMU,
                AllowedPeers.parse("127.0.0.1"), new MemorySink());

        assertEquals(PacketOutcome.MALFORMED, plain.accept(telephoneEvent(0, 0, 1, false, 160), stream.sender,
                nanos(0), new short[65_536]));
    }

    @Test
    void aPauseIsOneSignalledGapAndSilencesWhatArrivesDuringIt() throws IOException {
        stream.talk(0, 50, 0, 0);
        stream.pipeline.pause(nanos(500));  // reaches back into the window: 500 ms of audio in memory is silenced
        assertTrue(stream.pipeline.paused());
        stream.talk(50, 100, 50, 1_000);
        stream.audio(151, 151, 3_020);       // a loss inside the pause is no separate gap
        stream.pipeline.resume(nanos(3_040));
        assertFalse(stream.pipeline.paused());
        stream.talk(152, 48, 152, 3_040);
        stream.finish(4_000);

        stream.expectPacketAt(24 * PACKET, 24);
        stream.expectSilence(4_000, 3_040 * 8);
        stream.expectPacketAt(152 * PACKET, 152);
        assertEquals(List.of(gap(4_000, 3_040 * 8 - 4_000, GapCause.SIGNALLED_PAUSE)), stream.gaps());
        assertEquals(199, stream.pipeline.statistics().packetsReceived(), "packets are received while paused");
        assertEquals(4_000 + 48L * PACKET, stream.sink.nonZeroSamples());
    }

    @Test
    void aPauseBeforeTheFirstPacketSilencesEverythingUntilTheResume() throws IOException {
        stream.pipeline.pause(nanos(-1_000));
        stream.talk(0, 30, 0, 0);
        stream.pipeline.resume(nanos(600));
        stream.talk(30, 30, 30, 600);
        stream.finish(1_300);

        stream.expectSilence(0, 4_800);
        stream.expectPacketAt(30 * PACKET, 30);
        assertEquals(List.of(gap(0, 4_800, GapCause.SIGNALLED_PAUSE)), stream.gaps());
    }

    @Test
    void pausingTwiceAndResumingUnpausedDoNothing() throws IOException {
        stream.talk(0, 10, 0, 0);
        stream.pipeline.resume(nanos(100));
        stream.pipeline.pause(nanos(100));
        stream.pipeline.pause(nanos(150));
        stream.talk(10, 5, 10, 200);
        stream.pipeline.resume(nanos(300));
        stream.pipeline.resume(nanos(350));
        stream.talk(15, 15, 15, 300);
        stream.finish(700);

        assertEquals(List.of(gap(800, 2_400 - 800, GapCause.SIGNALLED_PAUSE)), stream.gaps());
    }

    @Test
    void aResumeThatTravelledKeepsTheAudioFromItsInstantThatCameMeanwhile() throws IOException {
        stream.talk(0, 10, 0, 0);
        stream.pipeline.pause(nanos(100));
        stream.talk(10, 10, 10, 200);          // up to 3_200, still in memory
        stream.pipeline.resume(nanos(300));    // the request travelled: it says 2_400
        stream.talk(20, 10, 20, 400);
        stream.finish(700);

        assertEquals(List.of(gap(800, 2_400 - 800, GapCause.SIGNALLED_PAUSE)), stream.gaps());
        stream.expectSilence(800, 2_400);
        for (int seq = 15; seq < 30; seq++) {
            stream.expectPacketAt(seq * PACKET, seq);
        }
    }

    @Test
    void aResumeLaterThanTheReorderHoldEndsThePauseWhereTheWrittenSilenceEnds() throws IOException {
        stream.talk(0, 10, 0, 0);
        stream.pipeline.pause(nanos(100));
        stream.talk(10, 100, 10, 200);         // up to 17_600: the window wrote out up to 12_544 as silence
        stream.pipeline.resume(nanos(300));    // says 2_400, more than a second late
        stream.finish(2_300);

        // the window (8_192 samples) writes out when the next packet does not fit, up to 4_096 before the newest:
        // at 8_160, 12_160, and last at 16_160
        long written = 16_160 - 4_096;
        assertEquals(List.of(gap(800, written - 800, GapCause.SIGNALLED_PAUSE)), stream.gaps(),
                "the timeline tells what the file holds");
        stream.expectSilence(800, written);
        stream.expectPacketAt(79 * PACKET, 79);
        assertEquals(level(75), stream.sink.sample(written), "audio again right after the written silence");
    }

    /**
     * A sender whose timestamps stood still during a signalled hold resumes with its first packets close together
     * (jitter, or a busy machine reading them late): on its own, that looks like a backlog being caught up, but a
     * resume was signalled, so the first packet after it ends a hold and lands where the wall clock puts it.
     */
    @Test
    void theFirstPacketsAfterASignalledResumeEndAHoldEvenWhenTheyComeInABurst() throws IOException {
        stream.talk(0, 50, 0, 0);
        stream.pipeline.pause(nanos(1_000));
        stream.pipeline.resume(nanos(4_000));  // the resume is applied before the answer lets the sender send
        stream.audio(50, 50, 4_010);           // frozen timestamps: they go on from packet 50
        stream.audio(51, 51, 4_011);           // 1 ms later: a burst
        stream.talk(52, 48, 52, 4_050);
        stream.finish(5_100);

        stream.expectSilence(8_000, 4_010 * 8);
        stream.expectPacketAt(4_010 * 8, 50);
        stream.expectPacketAt(4_010 * 8 + PACKET, 51);
        assertEquals(gap(8_000, 4_000 * 8 - 8_000, GapCause.SIGNALLED_PAUSE), stream.gaps().get(0),
                "the hold is a signalled pause of its real length");
        assertEquals(100L * PACKET, stream.sink.nonZeroSamples(), "every packet is in the file");
        assertTrue(stream.pipeline.diagnostics().contains(
                " reanchoredBy=SIGNALLED_RESUME:1 lastReanchor=SIGNALLED_RESUME@4010ms moved=+3010ms run=1"),
                stream.pipeline.diagnostics());
    }

    @Test
    void aStreamThatEndsPausedIsAsLongAsTheWallClockSays() throws IOException {
        stream.talk(0, 50, 0, 0);
        stream.pipeline.pause(nanos(1_000)); // a hold signalled by re-INVITE: the sender stops
        stream.finish(5_000);

        assertEquals(5 * 8000, stream.pipeline.statistics().samplesWritten());
        assertEquals(5 * 8000, stream.sink.size());
        assertEquals(List.of(gap(8_000, 4 * 8000, GapCause.SIGNALLED_PAUSE)), stream.gaps());
    }

    @Test
    void aQuietSendersStreamEndsAtItsLastPacket() throws IOException {
        stream.talk(0, 50, 0, 0);
        stream.finish(5_000);

        assertEquals(8_000, stream.sink.size());
        assertEquals(List.of(), stream.gaps());
    }

    @Test
    void theTapHearsTheAudioAsItIsPlacedButNothingWhilePaused() throws IOException {
        List<long[]> heard = new ArrayList<>();
        stream.pipeline.tap((id, position, samples, offset, count) -> {
            assertEquals("s", id);
            heard.add(new long[] {position, count, samples[offset]});
        });
        stream.talk(0, 3, 0, 0);
        stream.pipeline.pause(nanos(60));
        stream.talk(3, 2, 3, 60);
        stream.pipeline.resume(nanos(100));
        stream.talk(5, 1, 5, 100);
        stream.pipeline.tap(null);
        stream.talk(6, 1, 6, 120);

        assertEquals(4, heard.size());
        assertEquals(List.of(0L, 160L, 320L, 800L), heard.stream().map(h -> h[0]).toList());
        assertEquals((long) level(5), heard.get(3)[2]);
    }

    @Test
    void aFailingTapIsCountedAndTheRecordingGoesOn() throws IOException {
        stream.pipeline.tap((id, position, samples, offset, count) -> {
            throw new IllegalStateException("listener gone");
        });
        stream.talk(0, 10, 0, 0);
        stream.finish(300);

        assertEquals(10 * PACKET, stream.pipeline.statistics().samplesWritten());
        assertTrue(stream.pipeline.diagnostics().contains("tapFailures=10"), stream.pipeline.diagnostics());
    }

    @Test
    void everyCounterOfTheCompletenessRecordIsFilled() throws IOException {
        java.net.InetSocketAddress moved = new java.net.InetSocketAddress("127.0.0.1", 40_002);
        long base = 0x5000_0000L;
        stream.talk(0, 10, 0, 0);
        stream.audio(5, 5, 200);                                               // a duplicate
        stream.talk(11, 10, 11, 220);                                          // 10 lost
        stream.accept(comfortNoise(21, FIRST_TS + 21 * PACKET), stream.sender, 420);
        stream.accept(telephoneEvent(22, FIRST_TS + 22 * PACKET, 3, true, 160), stream.sender, 440);
        feed(23, base, stream.sender, 460);                                    // a new source
        assertEquals(PacketOutcome.HELD, feed(9_000, base + PACKET, stream.sender, 480));
        feed(9_001, base + 2 * PACKET, stream.sender, 500);                    // a restart
        stream.accept(java.nio.ByteBuffer.wrap(new byte[] {1}), stream.sender, 510); // malformed
        long reset = base - 100_000;
        feed(9_002, reset, stream.sender, 520);                                // a timestamp jump
        for (int k = 1; k <= 3; k++) {
            feed(9_002 + k, reset + k * PACKET, moved, 520 + 20 * k);          // a source move
        }
        feed(9_006, reset + 4 * PACKET, moved, 3_000);                         // a hold with a frozen clock,
        feed(9_007, reset + 5 * PACKET, moved, 3_020);                         // its sender paced after it
        stream.accept(StreamHarness.audioPacket(1, 0, 1), new java.net.InetSocketAddress("192.0.2.9", 1), 3_030);
        assertEquals(PacketOutcome.HELD, feed(9_008, reset + 6 * PACKET, stream.sender, 3_040)); // forgotten
        stream.finish(3_100);

        StreamStatistics statistics = stream.pipeline.statistics();
        assertEquals(new StreamStatistics(10 + 10 + 1 + 2 + 1 + 3 + 2, 1, 2, 0, 1, 1, 3_000 * 8 + 2 * PACKET,
                23 + 1 + 8, 1, 1, 1, 1, 1, 2), statistics);
    }

    private PacketOutcome feed(int seq, long timestamp, java.net.InetSocketAddress from, double atMs) {
        return stream.accept(StreamHarness.audioPacket(seq, timestamp, 0xFEEDL), from, atMs);
    }
}
