package org.activerecorder.application.live;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleRingTest {

    private static short[] ramp(long from, int count) {
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) ((from + i) & 0x7fff);
        }
        return samples;
    }

    @Test
    void contiguousAudioComesOutAsOneRunWithItsPosition() {
        SampleRing ring = new SampleRing(8, 160);
        ring.offer(1000, ramp(1000, 160), 0, 160, System.nanoTime());
        ring.offer(1160, ramp(1160, 160), 0, 160, System.nanoTime());

        SampleRing.Chunk chunk = ring.poll(800);
        assertEquals(1000, chunk.position());
        assertArrayEquals(ramp(1000, 320), chunk.samples());
        assertNull(ring.poll(800), "nothing left");
    }

    @Test
    void aRunCarriesWhenItsFirstSampleWasPlaced() {
        SampleRing ring = new SampleRing(8, 100);
        ring.offer(0, ramp(0, 160), 0, 160, 5_000);   // chunks of 100 and 60
        ring.offer(160, ramp(160, 160), 0, 160, 25_000);

        assertEquals(5_000, ring.poll(50).placedNanos(), "the packet's instant");
        SampleRing.Chunk rest = ring.poll(1000);
        assertEquals(100, rest.position());
        assertEquals(220, rest.samples().length);
        assertEquals(5_000, rest.placedNanos(), "a chunk split from a packet keeps the packet's instant");
        ring.offer(320, ramp(320, 100), 0, 100, 45_000);
        assertEquals(45_000, ring.poll(1000).placedNanos());
    }

    @Test
    void aRunEndsWhereThePositionsJumpOrAtTheMostAsked() {
        SampleRing ring = new SampleRing(8, 100);
        ring.offer(0, ramp(0, 250), 0, 250, System.nanoTime()); // three chunks: 100, 100, 50
        ring.offer(2000, ramp(2000, 100), 0, 100, System.nanoTime());

        SampleRing.Chunk first = ring.poll(200);
        assertEquals(0, first.position());
        assertEquals(200, first.samples().length, "at most what was asked, in whole chunks");
        SampleRing.Chunk second = ring.poll(1000);
        assertEquals(200, second.position());
        assertArrayEquals(ramp(200, 50), second.samples(), "the run ends before the jump");
        SampleRing.Chunk third = ring.poll(1000);
        assertEquals(2000, third.position());
        assertArrayEquals(ramp(2000, 100), third.samples());
    }

    @Test
    void whatDoesNotFitIsDroppedAndCountedNeverWaitedFor() {
        SampleRing ring = new SampleRing(2, 160);
        ring.offer(0, ramp(0, 160), 0, 160, System.nanoTime());
        ring.offer(160, ramp(160, 160), 0, 160, System.nanoTime());
        ring.offer(320, ramp(320, 160), 0, 160, System.nanoTime()); // full: dropped

        assertEquals(160, ring.dropped());
        SampleRing.Chunk kept = ring.poll(10_000);
        assertArrayEquals(ramp(0, 320), kept.samples(), "the oldest audio is kept whole");
        ring.offer(480, ramp(480, 160), 0, 160, System.nanoTime());
        assertEquals(480, ring.poll(10_000).position(), "after the hole, audio from where it is");
    }

    @Test
    void aProducerAndAConsumerOnTwoThreadsLoseNothingThatIsNotCounted() throws Exception {
        SampleRing ring = SampleRing.holding(8000, 200);
        int chunks = 20_000;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < chunks; i++) {
                ring.offer(i * 160L, ramp(i * 160L, 160), 0, 160, System.nanoTime());
            }
        });
        AtomicLong received = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        producer.start();
        while (producer.isAlive() || received.get() + ring.dropped() < chunks * 160L) {
            SampleRing.Chunk chunk = ring.poll(800);
            if (chunk == null) {
                Thread.onSpinWait();
                continue;
            }
            short[] expected = ramp(chunk.position(), chunk.samples().length);
            for (int i = 0; i < expected.length; i++) {
                if (expected[i] != chunk.samples()[i]) {
                    wrong.incrementAndGet();
                }
            }
            received.addAndGet(chunk.samples().length);
        }
        producer.join();
        assertEquals(0, wrong.get(), "every sample handed over is the one offered at its position");
        assertEquals(chunks * 160L, received.get() + ring.dropped(), "received + dropped = offered");
        assertTrue(received.get() > 0);
    }
}
