package org.activerecorder.rtp.adapter.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class RingPoolTest {

    @Test
    void aRingGivenBackIsHandedOutAgainZeroed() {
        RingPool pool = new RingPool(1 << 20);
        byte[] ring = pool.take(16_384);
        Arrays.fill(ring, (byte) 7);

        pool.give(ring);
        byte[] again = pool.take(16_384);

        assertSame(ring, again);
        assertArrayEquals(new byte[16_384], again);
        assertEquals(0, pool.idleBytes());
        assertArrayEquals(new long[] {2, 1}, pool.counts());
    }

    @Test
    void ringsOfOneSizeAreNotHandedOutForAnother() {
        RingPool pool = new RingPool(1 << 20);
        byte[] narrowband = pool.take(16_384);
        pool.give(narrowband);

        byte[] wideband = pool.take(32_768);

        assertEquals(32_768, wideband.length);
        assertEquals(16_384, pool.idleBytes());
        assertSame(narrowband, pool.take(16_384));
    }

    @Test
    void idleRingsBeyondTheLimitAreLeftToTheCollector() {
        RingPool pool = new RingPool(40_000);
        byte[] one = pool.take(16_384);
        byte[] two = pool.take(16_384);
        byte[] three = pool.take(16_384);

        pool.give(one);
        pool.give(two);
        pool.give(three);

        assertEquals(32_768, pool.idleBytes());
        assertSame(two, pool.take(16_384));
        assertSame(one, pool.take(16_384));
        assertNotSame(three, pool.take(16_384));
    }

    @Test
    void withoutAPoolEveryRingIsNew() {
        byte[] ring = RingPool.NONE.take(16_384);
        RingPool.NONE.give(ring);

        assertNotSame(ring, RingPool.NONE.take(16_384));
        assertEquals(0, RingPool.NONE.idleBytes());
    }
}
