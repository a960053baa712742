package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.Gap;
import org.activerecorder.rtp.api.GapCause;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GapTimelineTest {

    private final PauseSpans pauses = new PauseSpans();
    private final GapTimeline timeline = new GapTimeline(pauses);

    @Test
    void aHoleIsSettledOnlyOnceTheAudioAfterItIsWritten() {
        timeline.covered(0, 160, 0);
        timeline.covered(480, 160, 3);
        timeline.settle(400);
        assertEquals(List.of(), timeline.gaps(), "a reordered packet may still land in it");

        timeline.settle(480);

        assertEquals(List.of(new Gap(160, 320, GapCause.NETWORK_LOSS)), timeline.gaps());
    }

    @Test
    void aHoleWithNoNumberMissingIsAQuietSender() {
        timeline.covered(0, 160, 0);
        timeline.covered(8_000, 160, 1);
        timeline.finish(8_160);

        assertEquals(List.of(new Gap(160, 7_840, GapCause.QUIET_SENDER)), timeline.gaps());
    }

    @Test
    void packetsWithoutAudioAreNotMissing() {
        timeline.covered(0, 160, 0);
        timeline.present(1, 160);
        timeline.present(2, 4_000);
        timeline.covered(8_000, 160, 3);
        timeline.finish(8_160);

        assertEquals(List.of(new Gap(160, 7_840, GapCause.QUIET_SENDER)), timeline.gaps());
    }

    @Test
    void overlappingAndAdjacentPacketsMergeIntoOneStretch() {
        timeline.covered(0, 160, 0);
        timeline.covered(320, 160, 2);
        timeline.covered(100, 300, 1); // overlaps both
        timeline.covered(480, 160, 3);
        timeline.finish(640);

        assertEquals(List.of(), timeline.gaps());
    }

    @Test
    void pausesCoverHolesAndAudioAsOneGapAndClipTheOthers() {
        timeline.covered(0, 160, 0);
        timeline.covered(800, 160, 5);    // 1-4 lost: 640 samples of loss
        pauses.pause(400);
        pauses.resume(1_200);
        timeline.covered(1_600, 160, 6);
        timeline.finish(1_760);

        assertEquals(List.of(new Gap(160, 240, GapCause.NETWORK_LOSS), new Gap(400, 800, GapCause.SIGNALLED_PAUSE),
                new Gap(1_200, 400, GapCause.QUIET_SENDER)), timeline.gaps());
    }

    @Test
    void anOpenPauseRunsToTheEndOfTheFile() {
        timeline.covered(0, 160, 0);
        pauses.pause(160);
        timeline.finish(80_000);

        assertEquals(List.of(new Gap(160, 79_840, GapCause.SIGNALLED_PAUSE)), timeline.gaps());
    }

    @Test
    void theListIsBoundedAndCountsWhatDidNotFit() {
        for (int i = 0; i <= GapList.CAPACITY + 10; i++) {
            timeline.covered(i * 320L, 160, i * 2L);
            timeline.settle(i * 320L);
        }
        timeline.finish((GapList.CAPACITY + 10) * 320L + 160);

        assertEquals(GapList.CAPACITY, timeline.gaps().size());
        assertEquals(10, timeline.omitted());
    }

    @Test
    void whenIntervalsRunOutAPacketWidensItsNeighbourAndTheHoleIsCountedAsOmitted() {
        for (int i = 0; i < GapTimeline.INTERVALS; i++) {
            timeline.covered(i * 320L, 160, i * 2L);
        }
        timeline.covered(GapTimeline.INTERVALS * 320L, 160, GapTimeline.INTERVALS * 2L);
        timeline.finish(GapTimeline.INTERVALS * 320L + 160);

        assertEquals(GapTimeline.INTERVALS - 1, timeline.gaps().size());
        assertEquals(1, timeline.omitted());
    }

    @Test
    void failedDecodesHeldAtOnceAreEachAGapUpToTheBound() {
        timeline.covered(0, (GapTimeline.FAILURES + 1) * 320, 0);
        for (int i = 0; i < GapTimeline.FAILURES; i++) {
            timeline.failed(i * 320L, 160);
        }
        timeline.failed(GapTimeline.FAILURES * 320L, 160); // one more than fit: the newest widens over it
        timeline.finish((GapTimeline.FAILURES + 1) * 320L);

        List<Gap> gaps = timeline.gaps();
        assertEquals(GapTimeline.FAILURES, gaps.size());
        for (int i = 0; i < GapTimeline.FAILURES - 1; i++) {
            assertEquals(new Gap(i * 320L, 160, GapCause.RECORDER_FAILURE), gaps.get(i));
        }
        int last = GapTimeline.FAILURES - 1;
        assertEquals(new Gap(last * 320L, 320 + 160, GapCause.RECORDER_FAILURE), gaps.get(last),
                "never less silence called a failure than there is");
    }

    /**
     * Runs of failed packets, each longer than the bound, told out of order (a worker's refusals first, its late
     * answers after): each run is one gap, and the packets decoded between them are not called failures. Before runs
     * were joined, the bound widened a failure over the good packets between.
     */
    @Test
    void runsOfFailedPacketsAreOneGapEachWhateverTheirLengthAndOrder() {
        timeline.covered(0, 200 * 320, 0);
        for (int packet = 120; packet < 200; packet++) {
            timeline.failed(packet * 320L, 320);
        }
        for (int packet = 100; packet >= 3; packet--) {
            if (packet != 50) {
                timeline.failed(packet * 320L, 320);
            }
        }
        timeline.failed(110 * 320L, 320);
        timeline.failed(101 * 320L, 320); // joins 3-100 and stays apart from 110
        timeline.finish(200 * 320L);

        assertEquals(List.of(new Gap(3 * 320L, 47 * 320, GapCause.RECORDER_FAILURE),
                new Gap(51 * 320L, 51 * 320, GapCause.RECORDER_FAILURE),
                new Gap(110 * 320L, 320, GapCause.RECORDER_FAILURE),
                new Gap(120 * 320L, 80 * 320, GapCause.RECORDER_FAILURE)), timeline.gaps(),
                "runs of 47, 51 and 80 packets against a bound of " + GapTimeline.FAILURES + " records");
    }
}
