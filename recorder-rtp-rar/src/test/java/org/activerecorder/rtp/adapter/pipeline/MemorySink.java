package org.activerecorder.rtp.adapter.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link SampleSink} in memory: remembers the samples, each append's size, the skips and the commits; can be made to
 * fail. Skipped stretches are kept as their length only, so a test can skip hours of silence.
 */
final class MemorySink implements SampleSink {

    /** Appended samples in runs: a skip starts a new run. */
    private final List<long[]> runStarts = new ArrayList<>();
    private final List<short[]> runs = new ArrayList<>();
    private final List<Integer> runLengths = new ArrayList<>();
    private final List<Integer> appends = new ArrayList<>();
    private final List<Long> skips = new ArrayList<>();
    private long size;
    private int commits;
    /** Appends that came as two buffers, each also in {@link #appends} as two. */
    private int gathered;
    private boolean failing;

    @Override
    public void append(ByteBuffer buffer) throws IOException {
        if (failing) {
            throw new IOException("disk full (test)");
        }
        ByteBuffer littleEndian = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        int count = littleEndian.remaining() / 2;
        appends.add(count);
        int last = runs.size() - 1;
        if (last < 0 || runStarts.get(last)[0] + runLengths.get(last) != size) {
            runStarts.add(new long[] {size});
            runs.add(new short[Math.max(count, 1024)]);
            runLengths.add(0);
            last++;
        }
        short[] run = runs.get(last);
        int length = runLengths.get(last);
        if (length + count > run.length) {
            run = Arrays.copyOf(run, Math.max(run.length * 2, length + count));
            runs.set(last, run);
        }
        littleEndian.asShortBuffer().get(run, length, count);
        runLengths.set(last, length + count);
        size += count;
        buffer.position(buffer.limit());
    }

    @Override
    public void append(ByteBuffer first, ByteBuffer second) throws IOException {
        gathered++;
        append(first);
        append(second);
    }

    @Override
    public void skip(long count) throws IOException {
        if (failing) {
            throw new IOException("disk full (test)");
        }
        skips.add(count);
        size += count;
    }

    @Override
    public void commit() throws IOException {
        if (failing) {
            throw new IOException("disk full (test)");
        }
        commits++;
    }

    void failFromNowOn() {
        failing = true;
    }

    long size() {
        return size;
    }

    /** The sample at {@code index}: zero where nothing was appended. */
    short sample(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        int low = 0;
        int high = runs.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long start = runStarts.get(middle)[0];
            if (index < start) {
                high = middle - 1;
            } else if (index >= start + runLengths.get(middle)) {
                low = middle + 1;
            } else {
                return runs.get(middle)[(int) (index - start)];
            }
        }
        return 0;
    }

    /** Appended samples that are not zero: audio, as opposed to silence. */
    long nonZeroSamples() {
        long count = 0;
        for (int i = 0; i < runs.size(); i++) {
            short[] run = runs.get(i);
            for (int j = 0; j < runLengths.get(i); j++) {
                if (run[j] != 0) {
                    count++;
                }
            }
        }
        return count;
    }

    List<Integer> appends() {
        return appends;
    }

    /** How many times either append was called (a gathered append counts once). */
    int appendCalls() {
        return appends.size() - gathered;
    }

    /** How many appends came as two buffers. */
    int gatheredAppends() {
        return gathered;
    }

    /** Samples skipped (never appended), in total. */
    long skipped() {
        long total = 0;
        for (long skip : skips) {
            total += skip;
        }
        return total;
    }

    int commits() {
        return commits;
    }
}
