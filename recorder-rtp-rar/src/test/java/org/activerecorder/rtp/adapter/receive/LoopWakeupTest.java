package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A loop is woken for a command only while it sleeps in its select, and then always (over real sockets on
 * 127.0.0.1: see {@link ReceiverFixture}). A loop with nothing to read sleeps for up to half a second; a command
 * posted to it then must not wait for that timeout.
 */
class LoopWakeupTest {

    @RegisterExtension
    final ReceiverFixture fixture = new ReceiverFixture(4);

    @Test
    void aCommandPostedToASleepingLoopRunsAtOnce() throws Exception {
        RtpReceiver receiver = fixture.start(1);
        receiver.open(new StreamSpec("a", AudioCodec.PCMU, 0, null, fixture.folder().resolve("a.wav")));
        for (int i = 0; i < 5; i++) {
            Thread.sleep(60); // nothing to read: the loop is asleep in its select again, with ~440 ms of it left
            long asked = System.nanoTime();
            assertTrue(receiver.statistics("a").isPresent(), "the loop answered");
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
            assertTrue(tookMillis < 150, "a statistics request to a sleeping loop was answered after " + tookMillis
                    + " ms: it must wake the loop, not wait for its select's timeout");
        }
    }
}
