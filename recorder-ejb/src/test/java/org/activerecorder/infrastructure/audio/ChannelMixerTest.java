package org.activerecorder.infrastructure.audio;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A channel of one stream is copied rather than summed ({@link PlacedStream#copyTo}): it must give, block by block,
 * exactly what the sum of that one stream gives, wherever the stream starts and ends against the blocks, and when its
 * file holds fewer samples than its header said.
 */
class ChannelMixerTest {

    @Test
    void aChannelOfOneStreamIsWhatTheSumOfThatStreamWouldBe() throws IOException {
        int[] starts = {0, 1, 159, 160, 1000, 5000};
        int[] lengths = {1, 160, 999, 4000};
        int[] blocks = {1, 7, 160, 1024, 8192};
        for (int start : starts) {
            for (int length : lengths) {
                for (int held : new int[] {length, length / 2, 0}) { // a file cut short holds fewer than said
                    for (int block : blocks) {
                        for (int from : new int[] {0, start + length / 3}) {
                            assertSameBlocks(start, length, held, from, block);
                        }
                    }
                }
            }
        }
    }

    private static void assertSameBlocks(int start, int length, int held, int from, int block) throws IOException {
        ChannelMixer copied = new ChannelMixer(List.of(stream(start, length, held, from)));
        PlacedStream summed = stream(start, length, held, from);
        short[] out = new short[block];
        int[] sum = new int[block];
        short[] expected = new short[block];
        for (long at = from; at < start + length + 2L * block; at += block) {
            java.util.Arrays.fill(out, (short) 0x5A5A); // whatever the block held before is overwritten
            copied.mix(at, block, out);
            java.util.Arrays.fill(sum, 0);
            summed.addTo(sum, at, block);
            for (int i = 0; i < block; i++) {
                expected[i] = (short) sum[i];
            }
            long blockAt = at;
            assertArrayEquals(expected, out, () -> "stream at " + start + " of " + length + " (" + held
                    + " in its file), from " + from + ", block of " + block + " at " + blockAt);
        }
    }

    /** A stream whose sample {@code n} (from the first not yet mixed) is {@code n + 1}: never 0, so a hole shows. */
    private static PlacedStream stream(int start, int length, int held, int from) {
        int first = Math.max(0, from - start);
        SampleReader samples = new SampleReader() {
            private int next = first;

            @Override
            public int read(short[] into, int count) {
                int read = Math.max(0, Math.min(count, held - next));
                for (int i = 0; i < read; i++) {
                    into[i] = (short) (next + i + 1);
                }
                next += read;
                return read;
            }

            @Override
            public void close() {
            }
        };
        return PlacedStream.resumed(samples, start, length, from);
    }
}
