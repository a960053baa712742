package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.Gap;
import org.activerecorder.rtp.api.GapCause;
import org.activerecorder.rtp.api.StreamStatistics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.activerecorder.rtp.adapter.fixtures.RtpPacketBuilder.rtp;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.FIRST_TS;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.MS;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.PACKET;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.SSRC;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.audioPacket;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.gap;
import static org.activerecorder.rtp.adapter.pipeline.StreamHarness.nanos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RTP discontinuities of issue 11, fed as bytes through a whole {@link StreamPipeline}. */
class StreamPipelineDiscontinuityTest {

    private final StreamHarness stream = new StreamHarness();

    @Test
    void theIssuesCaseAGapOfTwoSecondsAfterAQuietFlushIsSilenceNotAFailure() throws IOException {
        stream.talk(0, 50, 0, 0);
        assertTrue(stream.pipeline.flushIfQuiet(nanos(1_500), 500 * MS));

        assertEquals(PacketOutcome.ACCEPTED, stream.audio(50, 50 + 103, 1_000 + 2_060)); // 2.06 s later
        stream.talk(51, 10, 50 + 104, 3_080);
        stream.finish(3_300);

        assertEquals((50 + 103 + 11) * PACKET, stream.pipeline.statistics().samplesWritten());
        stream.expectSilence(50 * PACKET, 153 * PACKET);
        stream.expectPacketAt(153 * PACKET, 50);
        assertEquals(List.of(gap(50 * PACKET, 103 * PACKET, GapCause.QUIET_SENDER)), stream.gaps());
    }

    @Test
    void aGapOfTwoHoursTheWallClockConfirmsIsSkippedNotWrittenNorRefused() throws IOException {
        stream.talk(0, 10, 0, 0);
        long hours = 2L * 3600 * 50; // packets

        assertEquals(PacketOutcome.ACCEPTED, stream.audio(10, 10 + hours, 200 + hours * 20));
        stream.finish(200 + hours * 20 + 20);

        assertEquals((11 + hours) * PACKET, stream.sink.size());
        assertTrue(stream.sink.skipped() > (hours - 100) * PACKET, "skipped: " + stream.sink.skipped());
        stream.expectPacketAt((10 + hours) * PACKET, 10);
        assertEquals(11 * PACKET, stream.sink.nonZeroSamples());
        assertEquals(List.of(gap(10 * PACKET, hours * PACKET, GapCause.QUIET_SENDER)), stream.gaps());
    }

    /**
     * Talk spurts and gaps of random lengths (one packet to an hour), each gap possibly after a quiet flush: the file
     * has each packet in its place, silence elsewhere, and the timeline lists each gap exactly.
     */
    @Test
    void silenceSuppressionOfAnyLengthIsPlacedByTheTimestampsWithExactGaps() throws IOException {
        Random random = new Random(11);
        long[] gapChoices = {1, 2, 24, 25, 50, 101, 102, 103, 400, 3_000, 180_000};
        for (int trial = 0; trial < 40; trial++) {
            StreamHarness harness = new StreamHarness();
            List<Gap> expected = new ArrayList<>();
            List<long[]> spurts = new ArrayList<>();
            int seq = 60_000 + random.nextInt(5_000); // wraps in some trials
            long ts = 0;
            for (int spurt = 0; spurt < 8; spurt++) {
                int count = 1 + random.nextInt(60);
                harness.talk(seq, count, ts, ts * 20.0);
                spurts.add(new long[] {ts * PACKET, seq, count});
                seq += count;
                ts += count;
                if (spurt == 7) {
                    break;
                }
                long gap = gapChoices[random.nextInt(gapChoices.length)];
                if (random.nextBoolean()) {
                    assertTrue(harness.pipeline.flushIfQuiet(nanos(ts * 20.0 + 10), MS));
                }
                expected.add(gap(ts * PACKET, gap * PACKET, GapCause.QUIET_SENDER));
                ts += gap;
            }
            harness.finish(ts * 20.0);

            String trialName = "trial " + trial;
            assertEquals(expected, harness.gaps(), trialName);
            assertEquals(ts * PACKET, harness.sink.size(), trialName);
            long audio = 0;
            for (long[] spurt : spurts) {
                harness.expectPacketAt(spurt[0], (int) spurt[1]);
                harness.expectPacketAt(spurt[0] + (spurt[2] - 1) * PACKET, (int) (spurt[1] + spurt[2] - 1));
                audio += spurt[2] * PACKET;
            }
            assertEquals(audio, harness.sink.nonZeroSamples(), trialName);
            StreamStatistics statistics = harness.pipeline.statistics();
            assertEquals(0, statistics.packetsLost(), trialName);
            assertEquals(0, statistics.timestampJumps(), trialName);
        }
    }

    @Test
    void aSequenceRestartWithTheSameSourceLosesNotEvenThePacketOnProbation() throws IOException {
        stream.talk(40_000, 50, 0, 0);

        assertEquals(PacketOutcome.HELD, stream.audio(7, 50, 1_000));
        assertEquals(PacketOutcome.ACCEPTED, stream.audio(8, 51, 1_020));
        stream.talk(9, 48, 52, 1_040);
        stream.finish(2_000);

        StreamStatistics statistics = stream.pipeline.statistics();
        assertEquals(100, statistics.packetsReceived());
        assertEquals(100, statistics.packetsExpected());
        assertEquals(0, statistics.packetsLost());
        assertEquals(0, statistics.packetsLate());
        assertEquals(1, statistics.sequenceRestarts());
        assertEquals(100 * PACKET, statistics.samplesWritten());
        stream.expectPacketAt(49 * PACKET, 40_049);
        stream.expectPacketAt(50 * PACKET, 7);
        stream.expectPacketAt(51 * PACKET, 8);
        assertEquals(100L * PACKET, stream.sink.nonZeroSamples());
        assertEquals(List.of(), stream.gaps());
    }

    @Test
    void aSequenceRestartWithNewTimestampsFollowsTheAudioBefore() throws IOException {
        stream.talk(40_000, 50, 0, 0);
        long newBase = 0x4000_0000L;

        assertEquals(PacketOutcome.HELD, stream.accept(audioPacket(0, newBase, SSRC), stream.sender, 1_000));
        assertEquals(PacketOutcome.ACCEPTED,
                stream.accept(audioPacket(1, newBase + PACKET, SSRC), stream.sender, 1_020));
        stream.finish(1_100);

        assertEquals(52 * PACKET, stream.pipeline.statistics().samplesWritten());
        stream.expectPacketAt(50 * PACKET, 0);
        stream.expectPacketAt(51 * PACKET, 1);
        assertEquals(1, stream.pipeline.statistics().timestampJumps());
    }

    @Test
    void aStrayJumpInTheNumberingIsDroppedAndTheStreamGoesOn() throws IOException {
        stream.talk(100, 10, 0, 0);

        assertEquals(PacketOutcome.HELD, stream.audio(30_000, 10, 200));
        stream.talk(110, 10, 10, 200);
        stream.finish(500);

        StreamStatistics statistics = stream.pipeline.statistics();
        assertEquals(1, statistics.packetsMalformed());
        assertEquals(0, statistics.sequenceRestarts());
        assertEquals(20, statistics.packetsExpected());
        stream.expectPacketAt(10 * PACKET, 110);
    }

    @Test
    void aPacketFarBehindTheHorizonIsLate() throws IOException {
        stream.talk(0, 300, 0, 0);

        assertEquals(PacketOutcome.HELD, stream.audio(10, 10, 6_000));
        stream.talk(300, 2, 300, 6_000);
        stream.finish(6_100);

        assertEquals(1, stream.pipeline.statistics().packetsLate());
        assertEquals(302, stream.pipeline.statistics().packetsReceived());
    }

    @Test
    void sequenceAndTimestampWrapTogetherWithoutAHitch() throws IOException {
        stream.talk(65_520, 40, 0, 0); // sequence wraps after 16 packets, timestamps after 26

        stream.finish(1_000);
        StreamStatistics statistics = stream.pipeline.statistics();
        assertEquals(40, statistics.packetsExpected());
        assertEquals(0, statistics.packetsLost());
        assertEquals(0, statistics.timestampJumps());
        assertEquals(40 * PACKET, statistics.samplesWritten());
        stream.expectPacketAt(16 * PACKET, 65_536); // sequence number 0
        stream.expectPacketAt(39 * PACKET, 65_559);
    }

    @Test
    void aHoldWhereTheTimestampStoodStillBecomesSilenceOfItsRealLength() throws IOException {
        // the issue's call: 14 s, of which 7 s on hold; the sender's clock stopped during the hold
        stream.talk(0, 175, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audio(175, 175, 10_500), "a hold, or a backlog: the next ones say");
        for (int seq = 176; seq < 175 + QuietReturn.WATCHED; seq++) {
            assertEquals(PacketOutcome.HELD, stream.audio(seq, seq, 10_500 + (seq - 175) * 20), "watched: " + seq);
        }
        stream.talk(175 + QuietReturn.WATCHED, 175 - QuietReturn.WATCHED, 175 + QuietReturn.WATCHED,
                10_500 + QuietReturn.WATCHED * 20); // paced all along: a hold
        stream.finish(14_000);

        assertEquals(14 * 8000, stream.pipeline.statistics().samplesWritten());
        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        stream.expectPacketAt(174 * PACKET, 174);
        stream.expectSilence(175 * PACKET, 10_500 * 8);
        stream.expectPacketAt(10_500 * 8, 175);
        assertEquals(List.of(gap(175 * PACKET, 7 * 8000, GapCause.QUIET_SENDER)), stream.gaps());
        assertReanchored("QUIET_RETURN:1 lastReanchor=QUIET_RETURN@10500ms moved=+7000ms run=" + QuietReturn.WATCHED
                + " lag=7000ms");
    }

    /**
     * Series AG's and AV's pattern (docs/performance.md): a sender starved on an overbooked machine falls seconds
     * behind, its packets read as they come and placed by their timestamps; then nothing for 600 ms (the loop looking
     * at the socket all along), then its last packet alone, and the call ends. That packet looks like the end of a
     * 600 ms hold with a frozen clock, but a hold ends in paced packets, and nothing followed it: it is placed by its
     * timestamp. Before series AG it was re-anchored by the sender's whole lag (3.6 s of silence inserted); after it,
     * by the spell (0.6 s); in series AV, where the lag before the spell was not provable, by 0.8-1.2 s.
     */
    @Test
    void aLateSendersLastPacketAloneAfterAQuietSpellGetsNoSilence() throws IOException {
        int last = 1_750;
        for (int seq = 0; seq < last; seq++) {
            // on time for 5 s, then each packet 2 ms later than paced: 3 s behind at packet 1,749
            PacketOutcome outcome = stream.audio(seq, seq, lateSender(seq));
            assertTrue(outcome == PacketOutcome.ACCEPTED || outcome == PacketOutcome.FIRST_PACKET, seq + ": " + outcome);
        }
        assertEquals(PacketOutcome.HELD, stream.audio(last, last, lateSender(last - 1) + 620));
        stream.finish(lateSender(last - 1) + 700);

        assertPlacedByTheirTimestamps(last + 1);
        assertTrue(stream.pipeline.diagnostics().contains(" reanchors=0 "), stream.pipeline.diagnostics());
        assertTrue(stream.pipeline.diagnostics().contains(" lone=1"), stream.pipeline.diagnostics());
    }

    /** The same when the wait for its successors runs out before the end comes: the end may come seconds later. */
    @Test
    void aLateSendersLastPacketAloneIsPlacedByItsTimestampWhenTheWaitRunsOutBeforeTheEnd() throws IOException {
        int last = 1_750;
        for (int seq = 0; seq < last; seq++) {
            stream.audio(seq, seq, lateSender(seq));
        }
        double alone = lateSender(last - 1) + 620;
        assertEquals(PacketOutcome.HELD, stream.audio(last, last, alone));
        assertTrue(stream.pipeline.flushIfQuiet(nanos(alone + 120), 500 * MS));
        assertEquals(last, stream.pipeline.statistics().packetsReceived(), "still waiting: a hold's paced packets "
                + "would have come, a late one may still");
        assertTrue(stream.pipeline.flushIfQuiet(nanos(alone + QuietReturn.LONE_DECIDE_MILLIS), 500 * MS));
        assertEquals(last + 1, stream.pipeline.statistics().packetsReceived(), "alone for a quiet spell: decided");
        stream.finish(alone + 2_000);

        assertPlacedByTheirTimestamps(last + 1);
    }

    /** A real hold with a frozen clock by a sender already a second late: silence of the hold's length, 2 s, not 3. */
    @Test
    void aHoldWithAFrozenClockByASenderAlreadyLateIsSilenceOfTheHoldsLengthAlone() throws IOException {
        int hold = 750; // the first packet after the hold
        for (int seq = 0; seq < hold; seq++) {
            stream.audio(seq, seq, lateSender(seq)); // 1 s behind at packet 749
        }
        resumePacedAfterATwoSecondHold(hold);
        assertReanchored("QUIET_RETURN:1 lastReanchor=QUIET_RETURN@17000ms moved=+2000ms run=" + QuietReturn.WATCHED
                + " lag=2998ms provenLag=2998ms lagBefore=998ms");
    }

    /**
     * The same hold by the same late sender, its packets before the hold read where no look at the socket timed them
     * (series BP's BP1 in docs/performance.md: on shared ports, streams 6-16 s late had the whole lag inserted as
     * silence): their lag as read stands for the lag the sender had before, and the hold is silence of its own
     * length, 2 s, not 3.
     */
    @Test
    void aHoldByASenderAlreadyLateWhoseLagNoLookToldIsSilenceOfTheHoldsLengthAlone() throws IOException {
        int hold = 750;
        for (int seq = 0; seq < hold; seq++) {
            stream.audioRead(seq, seq, lateSender(seq), null); // 1 s behind at packet 749, no look behind any
        }
        resumePacedAfterATwoSecondHold(hold);
        assertTrue(stream.pipeline.diagnostics().contains("moved=+2000ms"), stream.pipeline.diagnostics());
    }

    /**
     * The late sender's 2 s hold with a frozen clock from packet {@code hold} on, then 100 packets paced as late as
     * before; each in its place after silence of the hold's length, 2 s.
     */
    private void resumePacedAfterATwoSecondHold(int hold) throws IOException {
        double resumedAt = resumePaced(hold, 2_000);
        stream.finish(resumedAt + 2_100);

        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        stream.expectPacketAt((hold - 1) * PACKET, hold - 1);
        stream.expectSilence((long) hold * PACKET, (long) hold * PACKET + 2_000 * 8);
        for (int i = 0; i < 100; i++) {
            stream.expectPacketAt((long) (hold + i) * PACKET + 2_000 * 8, hold + i);
        }
        assertEquals(List.of(gap((long) hold * PACKET, 2_000 * 8, GapCause.QUIET_SENDER)), stream.gaps());
    }

    /**
     * The same hold, its end unseen by a stalled loop ({@link #aHoldsEndTheLoopDidNotSeeIsProvenByPacketsThatArriveAfterALookAndStillLag}):
     * the steady lag that proves it is the hold's and the second the sender lagged before; only the hold is re-anchored.
     */
    @Test
    void aHoldProvenBySteadyLagByASenderAlreadyLateMovesTheAudioByTheHoldAlone() throws IOException {
        int hold = 750;
        for (int seq = 0; seq < hold; seq++) {
            stream.audio(seq, seq, lateSender(seq));
        }
        double lastLook = lateSender(hold - 1) + 10; // then the loop stalls
        double resumedAt = lateSender(hold - 1) + 20 + 2_000;
        for (int seq = hold; seq < hold + 5; seq++) {
            assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(seq, seq, resumedAt + 100 + (seq - hold) * 0.01,
                    lastLook), "" + seq);
        }
        int proven = hold + 5;
        while (stream.pipeline.statistics().timestampJumps() == 0) {
            double read = resumedAt + (proven - hold) * 20;
            assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(proven, proven, read, read - 15), "" + proven);
            proven++;
        }
        proven--;
        stream.finish(resumedAt + 2_000);

        assertEquals(hold + 55, proven, "a second of looks");
        stream.expectPacketAt((proven - 1) * PACKET, proven - 1); // placed by its timestamp: LagWatch's known limit
        stream.expectPacketAt((long) proven * PACKET + 2_000 * 8, proven);
        assertReanchored("FROZEN_CLOCK_PROVEN:1 lastReanchor=FROZEN_CLOCK_PROVEN@18100ms moved=+2000ms run=1"
                + " lag=2998ms lagBefore=998ms");
    }

    /**
     * Series BR's BR2 (docs/performance.md): a sender already 2 s late by stalls placed by their timestamps stalls once
     * more, 600 ms, and comes back paced, as late as the stall left it. A frozen-clock hold of 600 ms looks the same;
     * it adds less lag than the sender had, so it is taken for one more stall: nothing inserted, nothing moved.
     */
    @Test
    void aStallOfASenderAlreadyLateThatComesBackPacedIsPlacedByItsTimestamps() throws IOException {
        int stall = 1_250; // the first packet after it; packet 1,249 came 1,998 ms late
        playLateSender(stall);
        double resumedAt = resumePaced(stall, 600);
        stream.finish(resumedAt + 2_100);

        assertPlacedByTheirTimestamps(stall + 100);
        assertTrue(stream.pipeline.diagnostics().contains(" reanchors=0 "), stream.pipeline.diagnostics());
        assertTrue(stream.pipeline.diagnostics().contains(" lateStalls=1"), stream.pipeline.diagnostics());
    }

    /**
     * The same stall, its end unseen by a stalled loop: the second of steady lag that would prove a frozen clock adds
     * 600 ms to the sender's 2 s, so it proves one more stall instead.
     */
    @Test
    void steadyLagAfterAStallOfASenderAlreadyLateIsNoFrozenClock() throws IOException {
        int stall = 1_250;
        playLateSender(stall);
        double lastLook = lateSender(stall - 1) + 10; // then the loop stalls
        double resumedAt = lateSender(stall - 1) + 20 + 600;
        for (int seq = stall; seq < stall + 5; seq++) {
            assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(seq, seq, resumedAt + 100 + (seq - stall) * 0.01,
                    lastLook), "" + seq);
        }
        for (int seq = stall + 5; seq < stall + 100; seq++) {
            double read = resumedAt + (seq - stall) * 20;
            assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(seq, seq, read, read - 15), "" + seq);
        }
        stream.finish(resumedAt + 2_100);

        assertPlacedByTheirTimestamps(stall + 100);
        assertTrue(stream.pipeline.diagnostics().contains(" lateStalls=1"), stream.pipeline.diagnostics());
    }

    /** A hold longer than the lag the late sender had is still a hold: 2.5 s of silence after 2 s of lag. */
    @Test
    void aHoldLongerThanTheLagOfASenderAlreadyLateIsStillSilenceOfItsLength() throws IOException {
        int hold = 1_250;
        playLateSender(hold);
        double resumedAt = resumePaced(hold, 2_500);
        stream.finish(resumedAt + 2_100);

        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        stream.expectSilence((long) hold * PACKET, (long) hold * PACKET + 2_500 * 8);
        stream.expectPacketAt((long) hold * PACKET + 2_500 * 8, hold);
        assertTrue(stream.pipeline.diagnostics().contains(" lateStalls=0"), stream.pipeline.diagnostics());
        assertTrue(stream.pipeline.diagnostics().contains("moved=+2500ms"), stream.pipeline.diagnostics());
    }

    /**
     * The late sender ({@link #lateSender}) quiet for {@code quietMillis} after packet {@code first - 1}, then 100
     * packets paced from {@code first}, as late as the spell left it: the first {@value QuietReturn#WATCHED} kept
     * aside while the run is judged. Returns when packet {@code first} came.
     */
    private double resumePaced(int first, double quietMillis) throws IOException {
        double resumedAt = lateSender(first - 1) + 20 + quietMillis;
        for (int i = 0; i < 100; i++) {
            PacketOutcome outcome = stream.audio(first + i, first + i, resumedAt + 20.0 * i);
            assertTrue(i < QuietReturn.WATCHED ? outcome == PacketOutcome.HELD : outcome == PacketOutcome.ACCEPTED,
                    i + ": " + outcome);
        }
        return resumedAt;
    }

    /** Packets 0 to {@code packets - 1} of the late sender ({@link #lateSender}), each read as it came. */
    private void playLateSender(int packets) throws IOException {
        for (int seq = 0; seq < packets; seq++) {
            stream.audio(seq, seq, lateSender(seq));
        }
    }

    /** When a starved sender's packet {@code seq} comes: on time for 5 s, then 2 ms later than paced each. */
    private static double lateSender(int seq) {
        return 20.0 * seq + 2.0 * Math.max(0, seq - 250);
    }

    @Test
    void packetsReadLateFromABacklogArePlacedByTheirTimestampsNotShiftedByTheDelay() throws IOException {
        // the receive loop fell 600 ms behind (all cores busy): packets 100-129 queued, then read one after the other
        stream.talk(0, 100, 0, 0);
        for (int seq = 100; seq < 130; seq++) {
            PacketOutcome outcome = stream.audio(seq, seq, 2_600 + (seq - 100) * 0.02);
            assertEquals(seq == 100 ? PacketOutcome.HELD : PacketOutcome.ACCEPTED, outcome, "packet " + seq);
        }
        stream.talk(130, 20, 130, 2_600);
        stream.finish(3_000);

        assertEquals(0, stream.pipeline.statistics().timestampJumps());
        assertTrue(stream.pipeline.diagnostics().contains(" backlogs=1"), stream.pipeline.diagnostics());
        assertEquals(150 * PACKET, stream.pipeline.statistics().samplesWritten());
        stream.expectPacketAt(100 * PACKET, 100);
        stream.expectPacketAt(149 * PACKET, 149);
        assertEquals(List.of(), stream.gaps());
    }

    @Test
    void aBacklogReadOverSeveralTurnsOfTheLoopIsKnownByItsCatchingUp() throws IOException {
        // the packet after the first comes 8 ms later (the loop served other streams between), 12 ms less behind
        stream.talk(0, 100, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audio(100, 100, 2_600));
        stream.talk(101, 49, 101, 2_608);
        stream.finish(3_600);

        assertEquals(0, stream.pipeline.statistics().timestampJumps());
        stream.expectPacketAt(100 * PACKET, 100);
        assertEquals(List.of(), stream.gaps());
    }

    @Test
    void aBacklogReadALittleFasterThanPacedIsKnownOverItsNextPackets() throws IOException {
        // a loop serving a thousand backlogged sockets reads this stream's next packets 15 ms apart: each closes the
        // lag by only 5 ms, less than a jitter's worth, but three of them close it by 15
        stream.talk(0, 100, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audio(100, 100, 2_600));
        assertEquals(PacketOutcome.HELD, stream.audio(101, 101, 2_615), "5 ms closer: not yet a backlog");
        assertEquals(PacketOutcome.ACCEPTED, stream.audio(102, 102, 2_630), "10 ms closer: a backlog");
        stream.talk(103, 47, 103, 2_645);
        stream.finish(3_600);

        assertEquals(0, stream.pipeline.statistics().timestampJumps());
        assertTrue(stream.pipeline.diagnostics().contains(" backlogs=1"), stream.pipeline.diagnostics());
        assertEquals(150 * PACKET, stream.pipeline.statistics().samplesWritten(), "no silence put in");
        for (int seq = 99; seq <= 103; seq++) {
            stream.expectPacketAt(seq * PACKET, seq);
        }
        assertEquals(List.of(), stream.gaps());
    }

    @Test
    void aBacklogReadOnlyAfterTheDecisionsWaitIsKnownByMoreAudioThanItsTimeCouldBring() throws IOException {
        // the loop read the first packet 600 ms late, then its own round outlasted the decision's wait: everything
        // behind it is read in one go 700 ms later, right behind each other, as paced packets after a hold would be
        stream.talk(0, 100, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audio(100, 100, 2_600));
        assertTrue(stream.pipeline.successorsOverdue(nanos(3_300)));
        stream.pipeline.readingLate(true);
        for (int seq = 101; seq < 165; seq++) {
            PacketOutcome outcome = stream.audio(seq, seq, 3_300 + (seq - 101) * 0.01);
            // from packet 138 on, 40 ms less behind the wall clock than the first packet was when it arrived: more
            // audio than the time since could bring, so a backlog (back on the wall clock only from packet 156 on)
            assertEquals(seq < 138 ? PacketOutcome.HELD : PacketOutcome.ACCEPTED, outcome, "packet " + seq);
        }
        stream.pipeline.readingLate(false);
        assertTrue(stream.pipeline.flushIfQuiet(nanos(3_300), 500 * MS));
        stream.talk(165, 20, 165, 3_300);
        stream.finish(3_800);

        assertEquals(0, stream.pipeline.statistics().timestampJumps());
        assertTrue(stream.pipeline.diagnostics().contains(" backlogs=1"), stream.pipeline.diagnostics());
        assertEquals(185 * PACKET, stream.pipeline.statistics().samplesWritten(), "no silence put in");
        for (int seq = 99; seq <= 184; seq++) {
            stream.expectPacketAt(seq * PACKET, seq);
        }
        assertEquals(List.of(), stream.gaps());
    }

    @Test
    void aQuietSpellTheLoopNeverSawIsPlacedByTheTimestampsThoughThePacketsStayBehindTheWallClock() throws IOException {
        // series AA's W17 and its reproduction: the loop stalls (a collector's allocation stall, starved cores) and
        // the sender on the same machine is late too. The first packet after the stall is read 645 ms behind, eleven
        // more right behind it, the next 32 only 461 ms later in the loop's next slow round, still 246 ms behind;
        // the loop looked at this socket at no moment in between (it was ready in every round it saw)
        stream.talk(0, 100, 0, 0);
        assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(100, 100, 2_645, null), "placed at once, kept by none");
        for (int seq = 101; seq < 112; seq++) {
            assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(seq, seq, 2_645 + (seq - 100) * 0.01, null), "" + seq);
        }
        for (int seq = 112; seq < 144; seq++) {
            assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(seq, seq, 3_106 + (seq - 112) * 0.01, null), "" + seq);
        }
        stream.talk(144, 20, 144, 3_120);
        stream.finish(3_600);

        assertEquals(0, stream.pipeline.statistics().timestampJumps(), "placed by the timestamps");
        assertTrue(stream.pipeline.diagnostics().contains(" backlogs=1"), stream.pipeline.diagnostics());
        assertEquals(164 * PACKET, stream.pipeline.statistics().samplesWritten(), "no silence put in");
        for (int seq = 99; seq < 164; seq++) {
            stream.expectPacketAt(seq * PACKET, seq);
        }
        assertEquals(List.of(), stream.gaps());
    }

    @Test
    void aHoldsEndTheLoopDidNotSeeIsProvenByPacketsThatArriveAfterALookAndStillLag() throws IOException {
        // a hold of 2 s with a frozen clock whose end the loop did not see: it last found the socket empty 10 ms
        // after packet 49, then stalled; packet 50 and the four queued behind it are read 100 ms after the hold
        // ended, and placed by their timestamps. The packets after them each arrive after a look that found the
        // socket empty, 15 ms before their read, and all lag by the hold: proven over a second of looks, at packet 105
        stream.talk(0, 50, 0, 0);
        for (int seq = 50; seq < 55; seq++) {
            assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(seq, seq, 3_100 + (seq - 50) * 0.01, 990.0), "" + seq);
        }
        for (int seq = 55; seq < 105; seq++) {
            double read = 3_020 + (seq - 50) * 20;
            assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(seq, seq, read, read - 15), "" + seq);
        }
        assertEquals(0, stream.pipeline.statistics().timestampJumps(), "not proven yet");
        assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(105, 105, 4_120, 4_105.0), "proven: a frozen clock");
        stream.talk(106, 20, 106, 4_140);
        stream.finish(4_600);

        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        assertEquals(126, stream.pipeline.statistics().packetsReceived());
        stream.expectPacketAt(104 * PACKET, 104);
        stream.expectSilence(105 * PACKET, 4_120 * 8);
        stream.expectPacketAt(4_120 * 8, 105);
        stream.expectPacketAt(4_120 * 8 + 20 * PACKET, 125);
    }

    @Test
    void aLateSenderWhoseLagMovesAfterAQuietSpellTheLoopDidNotSeeIsNeverTakenForAHold() throws IOException {
        // the loop did not see the quiet spell; the sender, starved, stays about 500 ms late for seconds, catching up
        // in bursts: every read is precise and provably behind, but the lag moves by 30 ms, so no frozen clock
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(50, 50, 1_600, 990.0));
        for (int seq = 51; seq < 250; seq++) {
            double read = seq * 20 + 500 + (seq % 10) * 3; // late by 500-527 ms, in a saw tooth
            assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(seq, seq, read, read - 2), "" + seq);
        }
        stream.finish(5_600);

        assertEquals(0, stream.pipeline.statistics().timestampJumps());
        assertEquals(250 * PACKET, stream.pipeline.statistics().samplesWritten(), "no silence put in");
    }

    @Test
    void aQuietSpellTheLoopDidNotSeeFollowedByACatchUpIsNeverTakenForAHold() throws IOException {
        // the same start, but the sender catches up at twice its pace, each packet read 5 ms after a look that found
        // the socket empty: packet 56 is 40 ms less behind than packet 51 provably was, never so after a frozen clock
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(50, 50, 3_100, 990.0));
        for (int seq = 51; seq < 100; seq++) {
            double read = Math.max(3_101 + (seq - 50) * 10, seq * 20 + 5);
            assertEquals(PacketOutcome.ACCEPTED, stream.audioRead(seq, seq, read, read - 5), "" + seq);
        }
        stream.finish(3_700);

        assertEquals(0, stream.pipeline.statistics().timestampJumps());
        assertEquals(100 * PACKET, stream.pipeline.statistics().samplesWritten(), "no silence put in");
        stream.expectPacketAt(50 * PACKET, 50);
        stream.expectPacketAt(99 * PACKET, 99);
    }

    @Test
    void aHoldReadOnlyFromTheQueueIsPlacedByItsTimestampsUntilASecondOfSteadyLagProvesIt() throws IOException {
        // a hold of 2 s with a frozen clock, the loop's round slowed past the wait: the paced packets after the
        // first are read in one go, right behind each other, and every one lags the wall clock by the hold. So
        // would a sender still late after a stall (series AC in docs/performance.md): the timestamps stand until a
        // second of paced packets, each read on time, lags by the same 2 s (LagWatch)
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audio(50, 50, 3_000));
        heldWhileReadLate(51, 86, 3_700);
        assertTrue(stream.pipeline.flushIfQuiet(nanos(3_700), 500 * MS), "overdue: no backlog proven");
        assertEquals(0, stream.pipeline.statistics().timestampJumps(), "no hold proven either");
        stream.talk(86, 60, 86, 3_720);
        stream.finish(4_920);

        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        assertEquals(146, stream.pipeline.statistics().packetsReceived());
        int proven = 86 + 50; // ten reads on time, the first and the last a second apart
        for (int seq = 0; seq < proven; seq++) {
            stream.expectPacketAt(seq * PACKET, seq);
        }
        stream.expectSilence(proven * PACKET, proven * PACKET + 2_000 * 8);
        for (int seq = proven; seq < 146; seq++) {
            stream.expectPacketAt(2_000 * 8 + seq * PACKET, seq);
        }
        assertEquals(List.of(gap(proven * PACKET, 2_000 * 8, GapCause.QUIET_SENDER)), stream.gaps());
        assertReanchored("FROZEN_CLOCK_PROVEN:1 lastReanchor=FROZEN_CLOCK_PROVEN@4720ms moved=+2000ms run=1");
    }

    @Test
    void aSenderStillLateAfterAStallThatASlowLoopReadFromTheQueueIsPlacedByItsTimestamps() throws IOException {
        // series AC's D6 (docs/performance.md): the sender stalled 1.4 s and sends late; the loop, slow, last saw the
        // socket empty at 1,700 ms, then read 43 packets at once at 3,250, the newest still 1.4 s behind: no more
        // audio than 1,550 ms could bring, nor back on the wall clock. A hold's paced packets read from a slow loop's
        // queue look the same, so nothing is proven: the timestamps stand. Then the sender catches up at once.
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audioRead(50, 50, 3_250, 1_700.0), "a quiet spell the loop saw");
        heldWhileReadLate(51, 93, 3_250.01);
        assertTrue(stream.pipeline.flushIfQuiet(nanos(3_350), 500 * MS), "the wait ran out");
        for (int seq = 93; seq < 170; seq++) {
            assertEquals(PacketOutcome.ACCEPTED, stream.audio(seq, seq, 3_400 + (seq - 93) * 0.01), "caught up");
        }
        stream.talk(170, 50, 170, 3_420);
        stream.finish(4_500);

        assertPlacedByTheirTimestamps(220);
    }

    @Test
    void aLonePacketReadLongAfterTheBusyLoopLastSawItsSocketEmptyIsPlacedByItsTimestamps() throws IOException {
        // series AC's N7 (docs/performance.md): the sender stalled and comes back late. The loop, busy, last saw the
        // socket empty 528 ms before it read the first packet back, alone, and nothing followed for 641 ms: when in
        // those 528 ms the packet arrived is not known, so its lag as read proves no hold, and the timestamps stand.
        // Then the sender sends what it owed at once, and paced from there.
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audioRead(50, 50, 3_250, 2_722.0), "a quiet spell the loop saw");
        assertTrue(stream.pipeline.flushIfQuiet(nanos(3_250 + QuietReturn.LONE_DECIDE_MILLIS), 500 * MS), "waited");
        assertEquals(PacketOutcome.HELD, stream.audio(51, 51, 3_891), "after a quiet spell of its own");
        for (int seq = 52; seq < 195; seq++) {
            assertEquals(PacketOutcome.ACCEPTED, stream.audio(seq, seq, 3_891 + (seq - 51) * 0.01), "owed: " + seq);
        }
        stream.talk(195, 50, 195, 3_900);
        stream.finish(5_000);

        assertPlacedByTheirTimestamps(245);
    }

    @Test
    void aHoldsFirstPacketThatWokeTheIdleLoopEndsTheHoldThoughTheLookBeforeItsSleepWasLongBefore() throws IOException {
        // a loop with nothing else to do sleeps in its selector, watching the socket, up to half a second at a time:
        // the 2 s hold (a frozen clock) ends 400 ms into such a sleep. The packet that woke the loop was read as it
        // arrived, though the look before the sleep was 400 ms earlier; its paced successors say a hold, at once
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audioWoken(50, 50, 3_000, 2_600.0), "a quiet spell the loop saw");
        for (int seq = 51; seq < 54; seq++) {
            assertEquals(PacketOutcome.HELD, stream.audio(seq, seq, 3_000 + (seq - 50) * 20), "paced: " + seq);
        }
        assertEquals(PacketOutcome.ACCEPTED, stream.audio(54, 54, 3_080), "the fourth successor decides");
        stream.talk(55, 21, 55, 3_100);
        stream.finish(3_600);

        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        stream.expectPacketAt(49 * PACKET, 49);
        stream.expectSilence(50 * PACKET, 3_000 * 8);
        stream.expectPacketAt(3_000 * 8, 50);
        stream.expectPacketAt(3_000 * 8 + 25 * PACKET, 75);
        assertEquals(List.of(gap(50 * PACKET, 2_000 * 8, GapCause.QUIET_SENDER)), stream.gaps());
    }

    @Test
    void theSameHoldsFirstPacketReadByABusyLoopLongAfterItsLookIsProvenAHoldOnlyBySteadyLag() throws IOException {
        // the same hold, its first packet read as long after the last look by a loop that was busy, not asleep: it
        // may have waited in the socket all that time, so the timestamps stand until a second of packets read on
        // time and steadily behind proves the frozen clock (LagWatch's known limit: the silence comes that late)
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audioRead(50, 50, 3_000, 2_600.0), "a quiet spell the loop saw");
        for (int seq = 51; seq < 55; seq++) {
            assertEquals(PacketOutcome.HELD, stream.audio(seq, seq, 3_000 + (seq - 50) * 20), "paced: " + seq);
        }
        assertTrue(stream.pipeline.flushIfQuiet(nanos(3_100), 500 * MS), "the wait ran out");
        stream.talk(55, 70, 55, 3_100);
        stream.finish(4_600);

        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        int proven = 55 + LagWatch.EVIDENCE_SPAN_MILLIS / 20;
        stream.expectPacketAt((proven - 1) * PACKET, proven - 1);
        stream.expectSilence(proven * PACKET, proven * PACKET + 2_000 * 8);
        stream.expectPacketAt(2_000 * 8 + proven * PACKET, proven);
        assertEquals(List.of(gap(proven * PACKET, 2_000 * 8, GapCause.QUIET_SENDER)), stream.gaps());
    }

    @Test
    void aHoldsPacketsReadFromTheQueueRightBehindTheFirstThenPacedAreProvenAHoldBySteadyLag() throws IOException {
        // the loop was 78 ms late when the hold ended: the first packet and the three after it waited in the socket
        // and are read one right behind the other; the next come paced, 2 ms after the read and 18 ms closer to
        // the wall clock than the last one read (which waited 18 ms): neither says a thing after a read of the
        // queue, so the timestamps stand until a second of reads on time proves the frozen clock
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audioRead(50, 50, 3_078, 2_990.0), "last seen empty 10 ms before");
        heldWhileReadLate(51, 54, 3_078.01);
        for (int seq = 54; seq < 59; seq++) {
            assertEquals(PacketOutcome.HELD, stream.audio(seq, seq, 3_080 + (seq - 54) * 20), "paced: " + seq);
        }
        assertTrue(stream.pipeline.flushIfQuiet(nanos(3_178), 500 * MS), "the wait ran out");
        stream.talk(59, 60, 59, 3_180);
        stream.finish(4_400);

        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        assertEquals(0, stream.pipeline.statistics().packetsLost());
        int proven = 59 + 50;
        stream.expectPacketAt((proven - 1) * PACKET, proven - 1);
        stream.expectSilence(proven * PACKET, proven * PACKET + 2_000 * 8);
        stream.expectPacketAt(2_000 * 8 + proven * PACKET, proven);
        assertEquals(List.of(gap(proven * PACKET, 2_000 * 8, GapCause.QUIET_SENDER)), stream.gaps());
    }

    /** Packets 0 to {@code packets - 1}, each placed by its timestamp: no re-anchor, no silence, no gap. */
    private void assertPlacedByTheirTimestamps(int packets) {
        assertEquals(0, stream.pipeline.statistics().timestampJumps(), () -> stream.pipeline.statistics().toString());
        assertEquals(packets, stream.pipeline.statistics().packetsReceived());
        assertEquals((long) packets * PACKET, stream.pipeline.statistics().samplesWritten(), "no silence inserted");
        for (int seq = 0; seq < packets; seq++) {
            stream.expectPacketAt(seq * PACKET, seq);
        }
        assertEquals(List.of(), stream.gaps());
    }

    /**
     * Packets {@code from} to {@code to - 1} read from the socket's queue right behind each other (10 µs apart, the
     * first at {@code firstMillis}), each kept aside with the held one: a read of the queue says nothing by spacing.
     */
    private void heldWhileReadLate(int from, int to, double firstMillis) throws IOException {
        stream.pipeline.readingLate(true);
        for (int seq = from; seq < to; seq++) {
            assertEquals(PacketOutcome.HELD, stream.audio(seq, seq, firstMillis + (seq - from) * 0.01),
                    "packet " + seq);
        }
        stream.pipeline.readingLate(false);
    }

    @Test
    void aBacklogLongerThanTheLateWatchIsKnownByItsCatchingUp() throws IOException {
        // 8 s behind: the packets kept for the late read run out before the queue is back on the wall clock, and the
        // last of them, read far faster than paced, has closed the lag by seconds. The loop last saw the socket
        // empty 500 ms after packet 99, so the first packet provably lagged by no more than 500 ms
        stream.talk(0, 100, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audioRead(100, 100, 10_000, 2_480.0));
        stream.pipeline.readingLate(true);
        int last = 100 + QuietReturn.LATE_WATCHED;
        for (int seq = 101; seq <= last; seq++) {
            PacketOutcome outcome = stream.audio(seq, seq, 10_200 + (seq - 101) * 0.01);
            assertEquals(seq < last ? PacketOutcome.HELD : PacketOutcome.ACCEPTED, outcome, "packet " + seq);
        }
        stream.pipeline.readingLate(false);
        stream.finish(10_300);

        assertEquals(0, stream.pipeline.statistics().timestampJumps());
        assertEquals((last + 1) * PACKET, stream.pipeline.statistics().samplesWritten(), "no silence put in");
        stream.expectPacketAt(100 * PACKET, 100);
        stream.expectPacketAt((long) last * PACKET, last);
    }

    @Test
    void aBurstAfterASendersStallWithPacketsLostInItIsPlacedByItsTimestamps() throws IOException {
        // the sender stalled 600 ms (the loop saw its socket empty), then sent what it owed at once, and the socket
        // overflowed: packets 101 and 102 are gone. Packet 103 comes right behind 100, 60 ms of audio later within
        // half a millisecond: more audio than the time could bring, a burst, not the paced end of a hold
        stream.talk(0, 100, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audio(100, 100, 2_600));
        assertEquals(PacketOutcome.ACCEPTED, stream.audio(103, 103, 2_600.5), "past the loss, 60 ms less behind");
        stream.talk(104, 46, 104, 2_620);
        stream.finish(3_600);

        assertEquals(0, stream.pipeline.statistics().timestampJumps(), "placed by the timestamps");
        assertEquals(2, stream.pipeline.statistics().packetsLost());
        assertEquals(150 * PACKET, stream.pipeline.statistics().samplesWritten(), "no silence put in");
        stream.expectPacketAt(100 * PACKET, 100);
        stream.expectPacketAt(103 * PACKET, 103);
    }

    @Test
    void aRunAfterAQuietSpellCutShortByAnotherPacketEndsAHoldAndLosesNoPacket() throws IOException {
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audio(50, 50, 3_000));    // timestamp frozen over 2 s
        assertEquals(PacketOutcome.HELD, stream.audio(51, 51, 3_020));
        assertEquals(PacketOutcome.ACCEPTED, stream.audio(53, 53, 3_060), "not the next one (52 lost): decides");
        stream.finish(3_100);

        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        assertEquals(53, stream.pipeline.statistics().packetsReceived(), "the run and the decider");
        stream.expectPacketAt(3_000 * 8, 50);
        stream.expectPacketAt(3_000 * 8 + PACKET, 51);
        stream.expectPacketAt(3_000 * 8 + 3 * PACKET, 53);
    }

    @Test
    void aPacketAfterAQuietSpellThatNothingFollowsIsPlacedByItsTimestamp() throws IOException {
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audio(50, 50, 3_000));    // timestamp 2 s behind the wall clock
        assertTrue(stream.pipeline.flushIfQuiet(nanos(3_100), 500 * MS), "a run's wait, not a lone packet's");
        assertEquals(50, stream.pipeline.statistics().packetsReceived());

        assertTrue(stream.pipeline.flushIfQuiet(nanos(3_000 + QuietReturn.LONE_DECIDE_MILLIS), 500 * MS));
        assertEquals(51, stream.pipeline.statistics().packetsReceived(), "alone for a quiet spell's length");
        stream.finish(3_600);
        assertPlacedByTheirTimestamps(51);
    }

    @Test
    void aPacketAfterAQuietSpellStillAloneAtTheEndIsPlacedByItsTimestamp() throws IOException {
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audio(50, 50, 3_000));
        stream.finish(3_010);

        assertPlacedByTheirTimestamps(51);
    }

    /**
     * A hold with a frozen clock during which the sender sends one packet every 4 s (a keep-alive, longer apart than
     * {@link LagWatch} watches): each is placed by its timestamp, none is taken for the sender's lag before the hold,
     * and the hold's end gets the whole hold as silence, the audio after it where the wall clock put it.
     */
    @Test
    void aFrozenClockHoldWithAKeepAliveEveryFourSecondsGetsTheWholeHoldAtItsEnd() throws IOException {
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audio(50, 50, 5_000));
        assertTrue(stream.pipeline.flushIfQuiet(nanos(5_000 + QuietReturn.LONE_DECIDE_MILLIS), 500 * MS));
        assertEquals(PacketOutcome.HELD, stream.audio(51, 51, 9_000));
        assertTrue(stream.pipeline.flushIfQuiet(nanos(9_000 + QuietReturn.LONE_DECIDE_MILLIS), 500 * MS));
        for (int i = 0; i < 50; i++) {
            PacketOutcome outcome = stream.audio(52 + i, 52 + i, 13_000 + 20.0 * i); // the hold ends at 13 s
            assertTrue(i < QuietReturn.WATCHED ? outcome == PacketOutcome.HELD : outcome == PacketOutcome.ACCEPTED,
                    i + ": " + outcome);
        }
        stream.finish(14_100);

        stream.expectPacketAt(50 * PACKET, 50); // the keep-alives by their timestamps
        stream.expectPacketAt(51 * PACKET, 51);
        stream.expectSilence(52 * PACKET, 13_000 * 8);
        for (int seq = 52; seq < 102; seq++) {
            stream.expectPacketAt(13_000 * 8 + (seq - 52) * PACKET, seq);
        }
        assertEquals(List.of(gap(52 * PACKET, 13_000 * 8 - 52 * PACKET, GapCause.QUIET_SENDER)), stream.gaps());
    }

    /**
     * A frozen-clock hold whose first packet's successor the network delayed by 300 ms: the wait for a lone packet
     * lets it come and decide, and the paced packets after it say a hold, as if it had come on time.
     */
    @Test
    void aHoldWhoseSecondPacketCameLateIsStillAHold() throws IOException {
        stream.talk(0, 50, 0, 0);
        assertEquals(PacketOutcome.HELD, stream.audio(50, 50, 3_000));    // timestamp frozen over 2 s
        assertTrue(stream.pipeline.flushIfQuiet(nanos(3_100), 500 * MS));
        assertEquals(PacketOutcome.HELD, stream.audio(51, 51, 3_300), "a successor decides with the first");
        assertTrue(stream.pipeline.flushIfQuiet(nanos(3_310), 500 * MS));
        assertEquals(50, stream.pipeline.statistics().packetsReceived(), "the pace after the successor decides, "
                + "not its delay after the first");
        for (int seq = 52; seq < 54; seq++) {
            assertEquals(PacketOutcome.HELD, stream.audio(seq, seq, 3_300 + (seq - 51) * 20), "paced: " + seq);
        }
        assertEquals(PacketOutcome.ACCEPTED, stream.audio(54, 54, 3_360), "the fourth successor decides");
        stream.talk(55, 45, 55, 3_380);
        stream.finish(4_400);

        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        assertEquals(3_000 * 8 + 50 * PACKET, stream.pipeline.statistics().samplesWritten());
        stream.expectPacketAt(49 * PACKET, 49);
        stream.expectSilence(50 * PACKET, 3_000 * 8);
        for (int seq = 50; seq < 100; seq++) {
            stream.expectPacketAt(3_000 * 8 + (seq - 50) * PACKET, seq);
        }
        assertEquals(List.of(gap(50 * PACKET, 2_000 * 8, GapCause.QUIET_SENDER)), stream.gaps());
        assertTrue(stream.pipeline.diagnostics().contains(" lone=0"), stream.pipeline.diagnostics());
    }

    /**
     * Series BO's BO7 (docs/performance.md): the load tool's sender, starved on the two overbooked cores, stalls for
     * 600 ms, then sends a packet now and then, one every 60 ms, its timestamps running on. The first and one
     * successor, then nothing for 100 ms: before, the end of a hold, and 600 ms of silence inserted. Packets slower
     * than paced end no hold: they are placed by their timestamps.
     */
    @Test
    void aStarvedSendersPacketsAfterAStallThatComeSlowerThanPacedGetNoSilence() throws IOException {
        stream.talk(0, 250, 0, 0);
        double resumed = 250 * 20 + 600;
        assertEquals(PacketOutcome.HELD, stream.audio(250, 250, resumed), "a hold, or a stall: the next ones say");
        assertEquals(PacketOutcome.HELD, stream.audio(251, 251, resumed + 60), "watched");
        assertTrue(stream.pipeline.flushIfQuiet(nanos(resumed + 100), 500 * MS));
        assertEquals(250, stream.pipeline.statistics().packetsReceived(), "100 ms from the first successor, not the "
                + "first packet");
        assertTrue(stream.pipeline.flushIfQuiet(nanos(resumed + 165), 500 * MS));
        assertEquals(252, stream.pipeline.statistics().packetsReceived(), "decided: one successor in 105 ms");
        for (int seq = 252; seq < 300; seq++) {
            assertEquals(PacketOutcome.ACCEPTED, stream.audio(seq, seq, resumed + 60 * (seq - 250)), "" + seq);
        }
        stream.finish(resumed + 60 * 50 + 20);

        assertPlacedByTheirTimestamps(300);
        assertTrue(stream.pipeline.diagnostics().contains(" reanchors=0 "), stream.pipeline.diagnostics());
        assertTrue(stream.pipeline.diagnostics().contains(" slow=1"), stream.pipeline.diagnostics());
    }

    /** The same sender a little faster, one packet every 45 ms: the successor after the watched run decides. */
    @Test
    void aStarvedSendersRunWatchedToItsEndSlowerThanPacedGetsNoSilence() throws IOException {
        stream.talk(0, 250, 0, 0);
        double resumed = 250 * 20 + 600;
        for (int seq = 250; seq < 250 + QuietReturn.WATCHED; seq++) {
            assertEquals(PacketOutcome.HELD, stream.audio(seq, seq, resumed + 45 * (seq - 250)), "watched: " + seq);
        }
        for (int seq = 250 + QuietReturn.WATCHED; seq < 300; seq++) {
            assertEquals(PacketOutcome.ACCEPTED, stream.audio(seq, seq, resumed + 45 * (seq - 250)), "" + seq);
        }
        stream.finish(resumed + 45 * 50 + 20);

        assertPlacedByTheirTimestamps(300);
        assertTrue(stream.pipeline.diagnostics().contains(" slow=1"), stream.pipeline.diagnostics());
    }

    /**
     * The rule's other side: a hold's end whose successors the network spread, 30 ms apart instead of 20, is still
     * paced within twice the audio they carry, and still a hold of its real length.
     */
    @Test
    void aHoldsEndWhosePacketsCameWithJitterIsStillAHold() throws IOException {
        stream.talk(0, 250, 0, 0);
        double resumed = 250 * 20 + 2_000; // the clock frozen for 2 s
        for (int seq = 250; seq < 250 + QuietReturn.WATCHED; seq++) {
            assertEquals(PacketOutcome.HELD, stream.audio(seq, seq, resumed + 30 * (seq - 250)), "watched: " + seq);
        }
        assertTrue(stream.pipeline.flushIfQuiet(nanos(resumed + 30 * QuietReturn.WATCHED - 5), 500 * MS));
        for (int seq = 250 + QuietReturn.WATCHED; seq < 300; seq++) {
            assertEquals(PacketOutcome.ACCEPTED, stream.audio(seq, seq, resumed + 20 * (seq - 250) + 30), "" + seq);
        }
        stream.finish(resumed + 20 * 50 + 100);

        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        stream.expectPacketAt(249 * PACKET, 249);
        stream.expectSilence(250 * PACKET, 250 * PACKET + 2_000 * 8);
        stream.expectPacketAt(250 * PACKET + 2_000 * 8, 250);
        assertEquals(List.of(gap(250 * PACKET, 2_000 * 8, GapCause.QUIET_SENDER)), stream.gaps());
        assertTrue(stream.pipeline.diagnostics().contains(" slow=0"), stream.pipeline.diagnostics());
    }

    /**
     * A hold's end whose first successor the network duplicated, the copy coming 10 ms later: a copy carries no audio
     * of its own, so it says nothing of the pace, and the paced packets after it say a hold.
     */
    @Test
    void aHoldsEndWithItsFirstSuccessorDuplicatedIsStillAHold() throws IOException {
        stream.talk(0, 250, 0, 0);
        double resumed = 250 * 20 + 2_000;
        assertEquals(PacketOutcome.HELD, stream.audio(250, 250, resumed));
        assertEquals(PacketOutcome.HELD, stream.audio(251, 251, resumed + 20));
        stream.audio(251, 251, resumed + 30); // the copy decides the run: a hold, not a starved sender
        stream.talk(252, 48, 252, resumed + 40);
        stream.finish(resumed + 20 * 50 + 100);

        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        stream.expectPacketAt(250 * PACKET + 2_000 * 8, 250);
        stream.expectPacketAt(299 * PACKET + 2_000 * 8, 299);
        assertEquals(List.of(gap(250 * PACKET, 2_000 * 8, GapCause.QUIET_SENDER)), stream.gaps());
        assertTrue(stream.pipeline.diagnostics().contains(" slow=0"), stream.pipeline.diagnostics());
    }

    @Test
    void silenceSuppressionWhoseTimestampRanOnIsPlacedByItWithOrWithoutMarker() throws IOException {
        stream.talk(0, 50, 0, 0);
        ByteBuffer marked = rtp().payloadType(StreamHarness.PT).marker(true).sequence(50)
                .timestamp(FIRST_TS + 200 * PACKET).ssrc(SSRC).payload(new byte[PACKET]).buffer();
        stream.accept(marked, stream.sender, 200 * 20 + 7); // the loop read it 7 ms late: no reason to move it
        stream.talk(51, 10, 201, 201 * 20);
        stream.talk(61, 10, 400, 400 * 20);                 // and without a marker
        stream.finish(500 * 20);

        assertEquals(0, stream.pipeline.statistics().timestampJumps());
        assertEquals(410 * PACKET, stream.pipeline.statistics().samplesWritten());
        stream.expectPacketAt(201 * PACKET, 51);
        stream.expectPacketAt(400 * PACKET, 61);
    }

    @Test
    void aBackwardTimestampJumpInSequenceContinuesRightAfterTheAudio() throws IOException {
        stream.talk(0, 100, 0, 0);
        ByteBuffer back = rtp().payloadType(StreamHarness.PT).marker(true).sequence(100).timestamp(FIRST_TS + 40 * PACKET)
                .ssrc(SSRC).payload(new byte[PACKET]).buffer();

        assertEquals(PacketOutcome.ACCEPTED, stream.accept(back, stream.sender, 2_000));
        assertEquals(PacketOutcome.ACCEPTED,
                stream.accept(audioPacket(101, FIRST_TS + 41 * PACKET, SSRC), stream.sender, 2_020));
        stream.finish(3_700);

        assertEquals(1, stream.pipeline.statistics().timestampJumps());
        assertEquals(102 * PACKET, stream.pipeline.statistics().samplesWritten());
        stream.expectPacketAt(101 * PACKET, 101);
        stream.expectPacketAt(40 * PACKET, 40);
        assertReanchored("TIMESTAMP_JUMP:1 lastReanchor=TIMESTAMP_JUMP@2000ms moved=+1200ms run=1");
    }

    @Test
    void aNewSynchronisationSourceIsCountedAndItsGapIsAQuietSender() throws IOException {
        stream.talk(0, 10, 0, 0);

        assertEquals(PacketOutcome.ACCEPTED, stream.accept(audioPacket(30_000, 123, 0xCAFE), stream.sender, 1_200));
        stream.finish(1_300);

        StreamStatistics statistics = stream.pipeline.statistics();
        assertEquals(1, statistics.ssrcChanges());
        assertEquals(11, statistics.packetsExpected());
        assertEquals(0, statistics.timestampJumps());
        stream.expectPacketAt(1_200 * 8, 30_000);
        assertEquals(List.of(gap(10 * PACKET, 1_200 * 8 - 10 * PACKET, GapCause.QUIET_SENDER)), stream.gaps());
        assertReanchored("NEW_SOURCE:1 lastReanchor=NEW_SOURCE@1200ms run=1");
    }

    @Test
    void aFirstPacketReadLateUnderLoadIsCorrectedFromTheArrivalsThatFollow() throws IOException {
        // the loop was busy for 80 ms: packets 0-4 are read in one burst, then on time
        for (int seq = 0; seq < 5; seq++) {
            stream.audio(seq, seq, 0);
        }
        for (int seq = 5; seq < 150; seq++) {
            stream.audio(seq, seq, seq * 20 - 80);
        }

        assertEquals(80 * MS, stream.pipeline.startCorrectionNanos(), 0.5 * MS);
        // the wall clock counts from the corrected sample 0: a new source 80 ms "early" by the first arrival
        stream.accept(audioPacket(9_000, 1, 0xBEEF), stream.sender, 5_000 - 80);
        stream.finish(5_100);
        stream.expectPacketAt(5_000 * 8, 9_000);
    }

    @Test
    void aSenderWhoseJitterDipsLateInTheEstimateWindowKeepsItsCorrection() throws IOException {
        // the arrivals of a SIPp stream at 1,000 calls (docs/alignment.md): up to 3 ms after the first packet's
        // timeline, one packet 17 ms before it early on and one 20.5 ms before it 4.5 s in; sent 20.5 ms before
        // its first packet arrived, sample 0 is placed there (before the fix: at the first arrival, 20.5 ms late)
        for (int seq = 0; seq < 300; seq++) {
            double late = seq == 0 ? 0 : seq == 3 ? -17 : seq == 225 ? -20.5 : seq % 4;
            PacketOutcome outcome = stream.audio(seq, seq, seq * 20 + late);
            assertTrue(outcome == PacketOutcome.ACCEPTED || outcome == PacketOutcome.FIRST_PACKET, "packet " + seq);
        }
        stream.finish(6_000);

        assertEquals(20_500_000, stream.pipeline.startCorrectionNanos());
        assertEquals(300, stream.pipeline.statistics().packetsReceived());
    }

    @Test
    void aSenderFasterThanRealTimeIsNoLateFirstRead() {
        for (int seq = 0; seq < 150; seq++) {
            stream.audio(seq, seq, seq); // 3 s of audio in 150 ms
        }

        assertEquals(0, stream.pipeline.startCorrectionNanos());
    }

    @Test
    void theStartCorrectionIsBoundedByASecond() {
        // first read 3 s late: the 3 s of packets queued meanwhile are read in one burst, then the rest on time
        for (int seq = 0; seq < 250; seq++) {
            stream.audio(seq, seq, seq < 150 ? 0 : seq * 20 - 3_000);
        }

        assertEquals(ArrivalClock.MAX_CORRECTION_MILLIS * MS, stream.pipeline.startCorrectionNanos());
    }

    /** The stream's closing line names the rule that re-anchored it and what it saw ({@link Reanchors}). */
    private void assertReanchored(String byRuleAndLast) {
        String line = stream.pipeline.diagnostics();
        assertTrue(line.contains(" reanchoredBy=" + byRuleAndLast), line);
    }
}
