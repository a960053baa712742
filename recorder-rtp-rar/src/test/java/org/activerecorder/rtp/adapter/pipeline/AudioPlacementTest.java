package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.AudioTap;
import org.activerecorder.testsupport.ToneSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The placing stage alone, fed PCMU payloads at decided positions: window, tap, quiet flush and failures. */
class AudioPlacementTest {

    private static final int PACKET = 160;
    private static final int PACKETS = 10;
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final MemorySink sink = new MemorySink();
    private final AudioWindow window = new AudioWindow(8000, sink);
    private final PauseSpans pauses = new PauseSpans();
    private final AudioPlacement placement = placement(AudioCodec.PCMU);
    private final byte[] tone = ToneSource.encoded(440, PACKETS * PACKET, true);
    private final short[] heard = new short[PACKETS * PACKET];

    @Test
    void eachPayloadIsDecodedAtItsPositionWithOrWithoutTheLoopsArrayAndTheTapHearsItThere() throws IOException {
        placement.tap((id, position, samples, offset, count) ->
                System.arraycopy(samples, offset, heard, (int) position, count));
        short[] loopScratch = new short[PACKET];

        for (int i = PACKETS - 1; i >= 0; i--) { // newest first: the position, not the order, decides
            assertTrue(placement.put(ByteBuffer.wrap(tone), i * PACKET, PACKET, (long) i * PACKET, i, 0,
                    i % 2 == 0 ? loopScratch : null));
        }
        placement.finish(System.nanoTime());

        short[] expected = ToneSource.decodeWithJdk(tone, true);
        assertArrayEquals(expected, written(), "the file holds the tone, each packet in its place");
        assertArrayEquals(expected, heard, "the tap hears what the file gets, at the same positions");
        assertNull(placement.failure());
    }

    @Test
    void aTapThatThrowsIsCountedAndTheAudioIsPlacedAllTheSame() throws IOException {
        AudioTap broken = (id, position, samples, offset, count) -> {
            throw new IllegalStateException("someone else's bug (test)");
        };
        placement.tap(broken);

        for (int i = 0; i < PACKETS; i++) {
            assertTrue(placement.put(ByteBuffer.wrap(tone), i * PACKET, PACKET, (long) i * PACKET, i, 0, null));
        }
        placement.finish(System.nanoTime());

        assertEquals(PACKETS, placement.tapFailures());
        assertArrayEquals(ToneSource.decodeWithJdk(tone, true), written());
    }

    @Test
    void aPausedSpanIsNotHeard() throws IOException {
        placement.tap((id, position, samples, offset, count) ->
                System.arraycopy(samples, offset, heard, (int) position, count));
        pauses.pause(0);

        assertTrue(placement.put(ByteBuffer.wrap(tone), 0, PACKET, 0, 0, 0, null));

        assertArrayEquals(new short[PACKET], Arrays.copyOf(heard, PACKET), "nothing heard while paused");
    }

    @Test
    void aQuietStreamIsWrittenOutOnceNothingWasPutForTheQuietTime() {
        long arrival = 1_000_000_000L;
        assertTrue(placement.put(ByteBuffer.wrap(tone), 0, PACKET, 0, 0, arrival, null));

        assertTrue(placement.flushIfQuiet(arrival + QUIET_NANOS - 1, QUIET_NANOS));
        assertEquals(0, sink.size(), "not quiet long enough: still in memory");

        assertTrue(placement.flushIfQuiet(arrival + QUIET_NANOS, QUIET_NANOS));
        assertEquals(PACKET, sink.size(), "quiet: on disk");
    }

    @Test
    void aFailedWriteIsKeptAndAnsweredWithFalse() {
        assertTrue(placement.put(ByteBuffer.wrap(tone), 0, PACKET, 0, 0, 0, null));
        sink.failFromNowOn();

        assertFalse(placement.flushIfQuiet(QUIET_NANOS, QUIET_NANOS));
        assertNotNull(placement.failure());
    }

    @Test
    void aCodecDecodedOffTheLoopNeedsTheLoopsDecodeWorker() {
        assertThrows(IllegalArgumentException.class, () -> placement(AudioCodec.OPUS));
    }

    private AudioPlacement placement(AudioCodec codec) {
        window.silenceOnWrite(pauses);
        return new AudioPlacement("s", codec, AudioDecoder.forCodec(codec), null, window, pauses,
                new GapTimeline(pauses));
    }

    private short[] written() {
        short[] samples = new short[(int) sink.size()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = sink.sample(i);
        }
        return samples;
    }
}
