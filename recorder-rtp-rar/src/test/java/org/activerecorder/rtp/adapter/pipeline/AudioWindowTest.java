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
    void writesOutOnceASecondWaitsKeepingTheNewestHalfSecondInOneWrite() throws IOException {
        assertEquals(16_384, window.capacity());
        int filled = 0;
        while (filled + PACKET < 8_192) {
            put(filled, filled);
            filled += PACKET;
        }
        assertEquals(0, sink.size(), "nothing is written before a second of audio waits");

        put(filled, filled); // 8_320 samples wait: all but the newest 4_096 go to the sink
        put(filled + PACKET, filled + PACKET);

        assertEquals(List.of(4_224), sink.appends(), "one batched write");
        assertEquals(1, sink.commits(), "one header update per batch");
        assertEquals(4_224, window.flushedSamples());
        for (int i = 0; i < 4_224; i++) {
            assertEquals(marker(i), sink.sample(i));
        }
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
    void aFailingSinkSurfacesAsIOException() {
        sink.failFromNowOn();

        assertThrows(IOException.class, () -> {
            for (int position = 0; position < 20_000; position += PACKET) {
                put(position, position);
            }
        });
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

    /** A non-zero value that identifies a sample position. */
    private static short marker(int position) {
        return (short) (position % 30_000 + 1);
    }
}
