package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.adapter.metrics.LoopFigures;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamEvent;
import org.activerecorder.rtp.api.StreamSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receiver hands each new stream to the loop with the fewest, over real sockets on 127.0.0.1, ports
 * 31300-31339 (outside the adapter's default range and the ephemeral range).
 */
class LoopBalanceTest {

    @TempDir
    Path folder;

    private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private RtpReceiver receiver;

    @AfterEach
    void stopReceiver() throws InterruptedException {
        if (receiver != null) {
            receiver.stop(Duration.ofSeconds(5));
        }
        threads.shutdown();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS), "receive loops must end with the receiver");
    }

    @Test
    void streamsOpenedAfterOthersEndedGoToTheLoopThatLostThem() throws Exception {
        receiver = new RtpReceiver(ReceiverSettings.parse("127.0.0.1", 31300, 31339, 2, "127.0.0.1"), events::add,
                Clock.systemUTC());
        receiver.start(threads);
        for (String id : List.of("a", "b", "c", "d")) { // a, c on loop 0; b, d on loop 1
            receiver.open(spec(id));
        }
        assertStreamsPerLoop(2, 2);

        receiver.close("a");
        receiver.close("c");
        Await.until(() -> Arrays.equals(receiver.loopShares(), new int[] {0, 2}), "loop 0's streams counted gone");
        assertStreamsPerLoop(0, 2);

        receiver.open(spec("e"));
        receiver.open(spec("f"));

        assertStreamsPerLoop(2, 2); // round robin would have made it 1 and 3
        assertArrayEquals(new int[] {2, 2}, receiver.loopShares());
    }

    @Test
    void aFailedOpenIsNotCountedOnAnyLoop() throws Exception {
        receiver = new RtpReceiver(ReceiverSettings.parse("127.0.0.1", 31300, 31339, 2, "127.0.0.1"), events::add,
                Clock.systemUTC());
        receiver.start(threads);
        Path existing = folder.resolve("x.wav");
        Files.write(existing, new byte[] {42}); // a stream file is never written over

        assertThrows(StreamOpenRefused.class,
                () -> receiver.open(new StreamSpec("x", AudioCodec.PCMU, 0, null, existing)));
        receiver.open(spec("y"));
        receiver.open(spec("z"));

        assertStreamsPerLoop(1, 1);

        assertArrayEquals(new int[] {1, 1}, receiver.loopShares());
    }

    private void assertStreamsPerLoop(int... expected) {
        int[] actual = receiver.loopFigures().stream().mapToInt(LoopFigures::streamsOpen).toArray();
        assertArrayEquals(expected, actual, "streams open on each loop");
        assertEquals(Arrays.stream(expected).sum(), receiver.openStreams());
    }

    private StreamSpec spec(String id) {
        return new StreamSpec(id, AudioCodec.PCMU, 0, null, folder.resolve(id + ".wav"));
    }
}
