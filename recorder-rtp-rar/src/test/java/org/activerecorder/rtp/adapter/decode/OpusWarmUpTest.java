package org.activerecorder.rtp.adapter.decode;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpusWarmUpTest {

    @Test
    void decodesTwoHundredSecondsOfEachStreamUnlessInterrupted() throws Exception {
        assertEquals(2 * 50 * OpusWarmUp.ROUNDS, OpusWarmUp.run(() -> false), "every packet decoded, none refused");
        AtomicInteger asked = new AtomicInteger();
        assertEquals(30, OpusWarmUp.run(() -> asked.incrementAndGet() > 30), "stops as soon as real work waits");
    }

    @Test
    void runsOncePerJvm() {
        OpusWarmUp.once(() -> true); // whoever came first in this JVM did it, this call or an earlier one
        assertEquals(0, OpusWarmUp.once(() -> false), "the JIT is the JVM's: a second worker does not warm it again");
    }
}
