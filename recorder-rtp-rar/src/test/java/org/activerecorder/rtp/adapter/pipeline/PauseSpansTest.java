package org.activerecorder.rtp.adapter.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PauseSpansTest {

    private final PauseSpans pauses = new PauseSpans();

    @Test
    void silencesWhatFallsInASpanWhateverArrivesWhen() {
        pauses.pause(100);
        pauses.resume(200);
        short[] samples = new short[160];
        Arrays.fill(samples, (short) 7);

        assertEquals(100, pauses.silence(samples, 40, 160));

        short[] expected = new short[160];
        Arrays.fill(expected, (short) 7);
        Arrays.fill(expected, 60, 160, (short) 0);
        assertArrayEquals(expected, samples);
    }

    @Test
    void anOpenSpanSilencesEverythingAfterItsStart() {
        pauses.pause(100);
        assertTrue(pauses.isOpen());
        short[] samples = new short[160];
        Arrays.fill(samples, (short) 7);

        assertEquals(160, pauses.silence(samples, 1_000_000, 160));
    }

    @Test
    void aResumeAtTheStartLeavesNoSpan() {
        pauses.pause(100);
        pauses.resume(50);

        assertFalse(pauses.isOpen());
        assertEquals(0, pauses.count());
    }

    @Test
    void aPauseRightAfterAResumeReopensTheSpan() {
        pauses.pause(100);
        pauses.resume(200);

        assertEquals(100, pauses.pause(150));
        assertEquals(1, pauses.count());
        assertTrue(pauses.isOpen());
    }

    @Test
    void whenAllSpansAreTakenTheNewestIsReopenedSilencingMoreNeverLess() {
        for (int i = 0; i < PauseSpans.CAPACITY; i++) {
            pauses.pause(i * 1_000L);
            pauses.resume(i * 1_000L + 500);
        }

        long start = pauses.pause(PauseSpans.CAPACITY * 1_000L);

        assertEquals((PauseSpans.CAPACITY - 1) * 1_000L, start);
        assertEquals(PauseSpans.CAPACITY, pauses.count());
    }

    @Test
    void spansThatEndBeforeAPositionAreForgotten() {
        pauses.pause(100);
        pauses.resume(200);
        pauses.pause(300);
        pauses.resume(400);

        pauses.forgetBefore(250);

        assertEquals(1, pauses.count());
        assertEquals(300, pauses.start(0));
    }

    @Test
    void aResumeEndsTheSpanAtItsInstantUnlessTheSilenceWrittenForItReachesFurther() {
        AudioWindow window = new AudioWindow(8_000, new MemorySink());
        pauses.pause(100);
        pauses.silenceBeforeWrite(window, 0, 50);      // written out before the span: nothing of it
        pauses.resume(600);
        assertEquals(600, pauses.end(0), "the audio after the resume's instant was still in memory");

        pauses.pause(1_000);
        pauses.silenceBeforeWrite(window, 600, 1_500); // the window wrote 500 samples of the span out
        pauses.resume(1_200);
        assertEquals(1_500, pauses.end(1), "what was written as silence stays in the span");
    }
}
