package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.adapter.pipeline.TimestampJumpRule.Judgement;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimestampJumpRuleTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 8_000;

    private final TimestampJumpRule rule = new TimestampJumpRule(8000);

    @Test
    void aTimestampThatAgreesWithTheSequenceAndTheWallClockPlaces() {
        assertEquals(Judgement.PLACE, rule.judge(true, true, 20 * MS, 8_000, 4_000, 8_000, 8_000));
        assertEquals(Judgement.PLACE, rule.judge(false, false, 20 * MS, 6_000, 4_000, 8_000, 8_000), "reordered");
    }

    @Test
    void afterAQuietSpellALaggingTimestampMeansTheSendersClockStoodStill() {
        long lagging = 8_000;
        long wall = 8_000 + 3 * SECOND;

        assertEquals(Judgement.HOLD_OR_BACKLOG, rule.judge(true, true, 3_000 * MS, lagging, 8_000, 8_000, wall),
                "the packet after it decides (QuietReturn)");
        assertEquals(Judgement.PLACE, rule.judge(true, true, 499 * MS, lagging, 8_000, 8_000, wall),
                "not quiet: the loop read a burst late");
        assertEquals(Judgement.PLACE, rule.judge(true, true, 3_000 * MS, wall - 1_600, 8_000, 8_000, wall),
                "within the tolerance");
        assertEquals(Judgement.PLACE, rule.judge(true, true, 3_000 * MS, wall, 8_000, 8_000, wall),
                "silence suppression whose timestamp ran on");
    }

    @Test
    void beforeTheWrittenAudioAContinuousPacketReanchorsAndAnyOtherIsLate() {
        assertEquals(Judgement.REANCHOR, rule.judge(true, true, 20 * MS, 100, 4_000, 8_000, 8_000));
        assertEquals(Judgement.LATE, rule.judge(true, false, 20 * MS, 100, 4_000, 8_000, 8_000));
        assertEquals(Judgement.LATE, rule.judge(false, false, 20 * MS, 100, 4_000, 8_000, 8_000));
    }

    @Test
    void overTheAudioAlreadyPlacedIsABackwardJump() {
        assertEquals(Judgement.REANCHOR, rule.judge(true, true, 20 * MS, 6_000, 4_000, 8_000, 8_000));
        assertEquals(Judgement.JUMP, rule.judge(true, false, 20 * MS, 6_000, 4_000, 8_000, 8_000));
        assertEquals(Judgement.PLACE, rule.judge(true, true, 20 * MS, 7_990, 4_000, 8_000, 8_000),
                "a rounding overlap");
    }

    @Test
    void farAheadOfTheWallClockIsNotBelievedButAGapItConfirmsIs() {
        long hours = 2 * 3600 * SECOND;
        assertEquals(Judgement.PLACE, rule.judge(true, true, hours, 8_000 + hours, 4_000, 8_000, 8_000 + hours));
        long tooFar = 8_000 + 61 * SECOND;
        assertEquals(Judgement.REANCHOR, rule.judge(true, true, 20 * MS, tooFar, 4_000, 8_000, 8_000));
        assertEquals(Judgement.JUMP, rule.judge(true, false, 20 * MS, tooFar, 4_000, 8_000, 8_000));
        assertEquals(Judgement.JUMP, rule.judge(false, false, 20 * MS, 8_000 + 1_601, 4_000, 8_000, 8_000),
                "a reordered packet cannot be ahead of the newest");
    }

    @Test
    void aRunOfRefusedPacketsReanchorsAndAPlacedOneEndsIt() {
        for (int i = 1; i < TimestampJumpRule.REANCHOR_AFTER; i++) {
            assertEquals(Judgement.LATE, rule.judge(true, false, 20 * MS, 100, 4_000, 8_000, 8_000));
        }
        assertEquals(Judgement.REANCHOR, rule.judge(true, false, 20 * MS, 100, 4_000, 8_000, 8_000));

        assertEquals(Judgement.LATE, rule.judge(true, false, 20 * MS, 100, 4_000, 8_000, 8_000));
        assertEquals(Judgement.PLACE, rule.judge(true, false, 20 * MS, 8_000, 4_000, 8_000, 8_000));
        for (int i = 1; i < TimestampJumpRule.REANCHOR_AFTER; i++) {
            assertEquals(Judgement.LATE, rule.judge(true, false, 20 * MS, 100, 4_000, 8_000, 8_000));
        }
    }

    @Test
    void aReanchoredPacketFollowsTheAudioUnlessTheWallClockIsClearlyLater() {
        assertEquals(8_000, rule.anchor(8_000, 9_000), "within 200 ms: the loop's delay");
        assertEquals(20_000, rule.anchor(8_000, 20_000));
        assertEquals(8_000, rule.anchor(8_000, 2_000), "never over the audio");
    }
}
