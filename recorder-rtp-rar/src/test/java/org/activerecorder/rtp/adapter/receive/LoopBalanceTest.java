package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.fixtures.Await;
import org.activerecorder.rtp.adapter.metrics.LoopFigures;
import org.activerecorder.rtp.api.AudioCodec;
import org.activerecorder.rtp.api.StreamSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The receiver hands each new stream to the loop with the fewest, over real sockets on 127.0.0.1 (a free range of
 * port pairs: see {@link ReceiverFixture}).
 */
class LoopBalanceTest {

    @RegisterExtension
    final ReceiverFixture fixture = new ReceiverFixture(20);

    private RtpReceiver receiver;

    @Test
    void streamsOpenedAfterOthersEndedGoToTheLoopThatLostThem() throws Exception {
        receiver = fixture.start(2);
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
        receiver = fixture.start(2);
        Path existing = fixture.folder().resolve("x.wav");
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
        return new StreamSpec(id, AudioCodec.PCMU, 0, null, fixture.folder().resolve(id + ".wav"));
    }
}
