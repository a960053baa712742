package org.activerecorder.rtp.adapter.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A {@link SampleSink} in memory: remembers the samples, each append's size, and the commits; can be made to fail. */
final class MemorySink implements SampleSink {

    private final List<Short> samples = new ArrayList<>();
    private final List<Integer> appends = new ArrayList<>();
    private int commits;
    private boolean failing;

    @Override
    public void append(ByteBuffer buffer) throws IOException {
        if (failing) {
            throw new IOException("disk full (test)");
        }
        ByteBuffer littleEndian = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        appends.add(littleEndian.remaining() / 2);
        while (littleEndian.hasRemaining()) {
            samples.add(littleEndian.getShort());
        }
        buffer.position(buffer.limit());
    }

    @Override
    public void skip(long count) throws IOException {
        if (failing) {
            throw new IOException("disk full (test)");
        }
        for (long i = 0; i < count; i++) {
            samples.add((short) 0);
        }
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

    int size() {
        return samples.size();
    }

    short sample(int index) {
        return samples.get(index);
    }

    List<Integer> appends() {
        return appends;
    }

    int commits() {
        return commits;
    }
}
