package org.activerecorder.rtp.adapter.pipeline;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AudioWindowTest {

    private static final int PACKET = 160;

    private final MemorySink sink = new MemorySink();
    private final AudioWindow window = new AudioWindow(8000, sink);

    @Test
    void writesOutWhenThePacketNoLongerFitsKeepingTheNewestHalfSecondInOneWrite() throws IOException {
        assertEquals(8_192, window.capacity());
        int filled = 0;
        while (filled + PACKET <= 8_192) {
            put(filled, filled);
            filled += PACKET;
        }
        assertEquals(0, sink.size(), "nothing is written while the ring has room: " + filled + " samples wait");

        put(filled, filled); // does not fit: all but the 4_096 before it go to the sink first
        put(filled + PACKET, filled + PACKET);

        assertEquals(List.of(filled - 4_096), sink.appends(), "one batched write");
        assertEquals(1, sink.commits(), "one commit per batch");
        assertEquals(filled - 4_096, window.flushedSamples());
        for (int i = 0; i < filled - 4_096; i++) {
            assertEquals(marker(i), sink.sample(i));
        }
    }

    @Test
    void writesAboutTwiceASecondOfAudio() throws IOException {
        for (int position = 0; position < 8000 * 60; position += PACKET) {
            put(position, position);
        }

        // a batch is one append, or two where it crosses the ring's end; one header update each
        assertEquals(118, sink.commits(), "a minute of audio in batches of about half a second");
        assertTrue(sink.appends().size() <= 2 * 118, "appends: " + sink.appends().size());
        assertEquals(8_160 - 4_096 + 117 * 4_000, sink.size(), "each batch but the first is 4_000 samples");
    }

    @Test
    void aBatchThatWrapsTheRingIsOneGatheredAppendWithItsSamplesInOrder() throws IOException {
        for (int position = 0; position < 8000 * 60; position += PACKET) {
            put(position, position);
        }
        window.flushAll();

        assertEquals(119, sink.commits(), "118 batches and the final flush");
        assertEquals(sink.commits(), sink.appendCalls(), "one call to the sink per batch, wrapped or not");
        assertTrue(sink.gatheredAppends() >= 50, "about half the batches wrap: " + sink.gatheredAppends());
        assertEquals(8000 * 60, sink.size());
        for (int i = 0; i < 8000 * 60; i++) {
            assertEquals(marker(i), sink.sample(i), "at " + i);
        }
    }

    @Test
    void aPacketAsLongAsTheRingFitsBehindTheAudioWithoutOverwritingIt() throws IOException {
        for (int position = 0; position < 8_000; position += PACKET) {
            put(position, position);
        }
        short[] second = markers(new short[8_000], 8_000, 8_000);
        assertEquals(8_192, window.maxPacketSamples());

        window.put(8_000, second, 8_000);
        window.flushAll();

        assertEquals(16_000, sink.size());
        for (int i = 0; i < 16_000; i++) {
            assertEquals(marker(i), sink.sample(i), "at " + i);
        }
    }

    @Test
    void aWidebandRingHoldsTheSameTimeAtTwiceTheSamples() {
        AudioWindow wideband = new AudioWindow(16_000, sink);

        assertEquals(16_384, wideband.capacity());
        assertTrue(wideband.maxPacketSamples() >= 16_000, "a second of 16 kHz audio fits in one packet");
    }

    @Test
    void aGapIsSilenceOfExactlyItsLength() throws IOException {
        put(0, 0);
        put(480, 480); // 320 samples missing

        window.flushAll();

        assertEquals(640, sink.size());
        for (int i = 160; i < 480; i++) {
            assertEquals(0, sink.sample(i), "silence at " + i);
        }
        assertNotEquals(0, sink.sample(159));
        assertNotEquals(0, sink.sample(480));
    }

    @Test
    void aReorderedPacketFillsItsPlaceInTheSilence() throws IOException {
        put(0, 0);
        put(320, 320);
        assertEquals(0, window.sampleAt(200));

        put(160, 160);

        for (int i = 0; i < 480; i++) {
            assertEquals(marker(i), window.sampleAt(i));
        }
    }

    @Test
    void aPacketBeforeTheFlushedRegionIsLate() throws IOException {
        for (int position = 0; position <= 16_384; position += PACKET) {
            put(position, position);
        }
        long flushed = window.flushedSamples();
        assertTrue(flushed >= 8_192, "more than a second was written out: " + flushed);

        assertEquals(AudioWindow.Placement.LATE, window.check(flushed - 1));
        assertEquals(AudioWindow.Placement.FITS, window.check(flushed));
        assertEquals(AudioWindow.Placement.FITS, window.check(200_000));
    }

    @Test
    void keepsHalfASecondForReorderingAndNeverMoreThanASecondOnlyInMemory() throws IOException {
        for (int position = 0; position < 8000 * 20; position += PACKET) {
            put(position, position);
            assertTrue(window.end() - window.flushedSamples() <= 8_192,
                    "a crash loses at most the last second: " + (window.end() - window.flushedSamples()));
            if (window.end() < 4000) {
                continue;
            }
            assertEquals(AudioWindow.Placement.FITS, window.check(window.end() - 4000),
                    "a packet half a second older than the newest must still fit");
        }
    }

    @Test
    void reusedRingSpaceStartsSilentAgain() throws IOException {
        for (int position = 0; position < 24_000; position += PACKET) {
            put(position, position);
        }
        put(24_160, 24_160); // 24_000..24_160 missing, in ring space used before

        window.flushAll();

        for (int i = 24_000; i < 24_160; i++) {
            assertEquals(0, sink.sample(i), "stale audio at " + i);
        }
    }

    @Test
    void flushAllWritesTheRestAcrossTheRingsEnd() throws IOException {
        for (int position = 0; position < 20_000; position += PACKET) {
            put(position, position);
        }

        window.flushAll();

        assertEquals(20_000, sink.size());
        for (int i = 0; i < sink.size(); i++) {
            assertEquals(marker(i), sink.sample(i));
        }
        assertEquals(window.end(), window.flushedSamples());
    }

    @Test
    void aLongGapIsWrittenAsSilenceInBatches() throws IOException {
        put(0, 0);
        put(240_000, 240_000); // 30 s later

        window.flushAll();

        assertEquals(240_160, sink.size());
        assertEquals(0, sink.sample(120_000));
        assertEquals(marker(240_000), sink.sample(240_000));
    }

    @Test
    void aPacketMoreThanTheRingAheadAfterAQuietFlushLandsInItsPlace() throws IOException {
        for (int position = 0; position < 12_000; position += PACKET) {
            put(position, position);
        }
        window.flushAll(); // the stream went quiet: the ring's read point is now mid-ring
        long resumed = 12_000 + 16_400; // 2.05 s later

        put(resumed, 7);
        window.flushAll();

        assertEquals(resumed + PACKET, sink.size());
        assertEquals(marker(11_999), sink.sample(11_999));
        assertEquals(0, sink.sample(12_000));
        assertEquals(0, sink.sample(resumed - 1));
        assertEquals(marker(7), sink.sample(resumed));
    }

    /**
     * A gap starting at every ring position (stepping by a prime, after the ring has wrapped once), from one packet to
     * two hours long, with or without a quiet flush before it: the sink holds exactly the audio before, silence of
     * the gap's length, then the audio after, and a long gap is skipped, not written.
     */
    @Test
    void aGapOfAnyLengthAtAnyRingPositionIsSilenceOfExactlyItsLength() throws IOException {
        long[] gaps = {PACKET, 161, 4_096, 8_192 - PACKET, 8_193, 16_385, 3 * 8_192 + 17, 2L * 3600 * 8000};
        for (int offset = 0; offset < 8_192; offset += 31) {
            for (long gap : gaps) {
                for (boolean quietFlush : new boolean[] {false, true}) {
                    gapAt(16_384 + offset, gap, quietFlush);
                }
            }
        }
    }

    private static void gapAt(int start, long gap, boolean quietFlush) throws IOException {
        String where = "gap of " + gap + " at " + start + (quietFlush ? " after a quiet flush" : "");
        MemorySink sink = new MemorySink();
        AudioWindow window = new AudioWindow(8000, sink);
        short[] samples = new short[PACKET];
        for (int position = 0; position < start; position += PACKET) {
            int count = Math.min(PACKET, start - position);
            window.put(position, markers(samples, position, count), count);
        }
        if (quietFlush) {
            window.flushAll();
        }
        long resumed = start + gap;
        window.put(resumed + PACKET, markers(samples, 1, PACKET), PACKET); // reordered around the gap's end
        window.put(resumed, markers(samples, 2, PACKET), PACKET);
        window.flushAll();

        assertEquals(resumed + 2 * PACKET, sink.size(), where);
        assertEquals(start + 2L * PACKET, sink.nonZeroSamples(), "only the audio is not silence: " + where);
        for (int i = 0; i < start; i++) {
            assertEquals(marker(i), sink.sample(i), where);
        }
        for (int i = 0; i < PACKET; i++) {
            assertEquals(marker(2 + i), sink.sample(resumed + i), where);
            assertEquals(marker(1 + i), sink.sample(resumed + PACKET + i), where);
        }
        if (gap > 4 * 16_384) {
            assertTrue(sink.skipped() > gap - 16_384, "a long gap is skipped, not written: " + where);
        }
    }

    @Test
    void extendingSkipsToTheGivenLengthAfterTheAudio() throws IOException {
        put(0, 0);

        window.extendTo(8000 * 60);

        assertEquals(8000 * 60, sink.size());
        assertEquals(8000 * 60, window.flushedSamples());
        assertEquals(marker(159), sink.sample(159));
        assertEquals(PACKET, sink.nonZeroSamples());
    }

    @Test
    void silencingZeroesOnlyWhatIsStillInMemoryAcrossTheRingsEnd() throws IOException {
        for (int position = 0; position < 36_000; position += PACKET) {
            put(position, position);
        }
        long from = 32_000; // the ring's end is at 32_768
        assertTrue(window.flushedSamples() < from, "still in memory");

        window.silence(from, 33_000);
        window.silence(0, 100); // already on disk: stays
        window.flushAll();

        for (int i = 0; i < 36_000; i++) {
            assertEquals(i >= from && i < 33_000 ? 0 : marker(i), sink.sample(i), "at " + i);
        }
    }

    @Test
    void aFailingSinkSurfacesAsIOException() {
        sink.failFromNowOn();

        assertThrows(IOException.class, () -> {
            for (int position = 0; position < 20_000; position += PACKET) {
                put(position, position);
            }
        });
    }

    @Test
    void aReleasedWindowGivesItsRingBackOnceAndTakesNoMoreAudio() throws IOException {
        RingPool pool = new RingPool(1 << 20);
        AudioWindow pooled = new AudioWindow(8000, sink, pool);
        pooled.put(0, new short[PACKET], PACKET);
        pooled.flushAll();

        pooled.release();
        pooled.release();

        assertEquals(16_384, pool.idleBytes(), "given back once");
        assertEquals(PACKET, pooled.flushedSamples(), "what it wrote stays readable");
        assertThrows(IllegalStateException.class, () -> pooled.put(PACKET, new short[PACKET], PACKET));
        assertThrows(IllegalStateException.class, () -> pooled.reserve(PACKET, PACKET));
    }

    @Test
    void aWindowOnARingThatHeldAnotherStreamsAudioStartsSilent() throws IOException {
        RingPool pool = new RingPool(1 << 20);
        AudioWindow earlier = new AudioWindow(8000, new MemorySink(), pool);
        for (int position = 0; position < 4 * PACKET; position += PACKET) {
            earlier.put(position, markers(new short[PACKET], position, PACKET), PACKET);
        }
        earlier.release(); // its audio never written out: a stream whose file failed

        AudioWindow later = new AudioWindow(8000, sink, pool);
        later.put(2 * PACKET, markers(new short[PACKET], 2 * PACKET, PACKET), PACKET);
        later.flushAll();

        assertEquals(1, pool.counts()[1], "the ring was reused");
        for (int i = 0; i < 3 * PACKET; i++) {
            assertEquals(i < 2 * PACKET ? 0 : marker(i), sink.sample(i), "sample " + i);
        }
    }

    /** Writes one packet whose samples are their own position's marker, so misplacement shows. */
    private void put(long position, int markerBase) throws IOException {
        short[] samples = new short[PACKET];
        for (int i = 0; i < PACKET; i++) {
            samples[i] = marker(markerBase + i);
        }
        assertEquals(AudioWindow.Placement.FITS, window.check(position));
        window.put(position, samples, PACKET);
    }

    private static short[] markers(short[] samples, int base, int count) {
        for (int i = 0; i < count; i++) {
            samples[i] = marker(base + i);
        }
        return samples;
    }

    /** A non-zero value that identifies a sample position. */
    private static short marker(long position) {
        return (short) (position % 30_000 + 1);
    }
}
