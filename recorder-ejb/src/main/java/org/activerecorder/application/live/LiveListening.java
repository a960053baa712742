package org.activerecorder.application.live;

import java.util.ArrayList;
import java.util.List;

/**
 * One listener's hold on an active recording's streams: a {@link SampleRing} per stream, which the stream's
 * receive loop fills and {@link #drain} empties. Drained by one thread at a time (the listener's sender).
 */
public final class LiveListening {

    /** The channel a stream is heard on: the recorded party left, the other party right, as in the recording. */
    public enum Side { LEFT, RIGHT }

    /**
     * One stream heard.
     *
     * @param index      its number in this listening (frames name it)
     * @param sampleRate its samples per second
     */
    public record Heard(int index, Side side, String streamId, String dn, int sampleRate, SampleRing ring) {
    }

    /**
     * Contiguous audio of one stream: {@code samples[0]} is at {@code position} (samples) in its file, and the
     * recorder placed it {@code placedMicros} after this listening began: one clock for every stream heard, by which
     * a player lines the streams up (their positions count from each stream's own start).
     */
    public record Frame(Heard stream, long position, long placedMicros, short[] samples) {
    }

    private final long recordingId;
    private final List<Heard> streams;
    private final long startedNanos = System.nanoTime();

    public LiveListening(long recordingId, List<Heard> streams) {
        this.recordingId = recordingId;
        this.streams = List.copyOf(streams);
    }

    public long recordingId() {
        return recordingId;
    }

    public List<Heard> streams() {
        return streams;
    }

    /** The audio waiting, each stream's in runs of at most {@code maxMillis}; empty if none. */
    public List<Frame> drain(int maxMillis) {
        List<Frame> frames = new ArrayList<>();
        for (Heard stream : streams) {
            int max = Math.max(1, stream.sampleRate() * maxMillis / 1000);
            SampleRing.Chunk chunk;
            while ((chunk = stream.ring().poll(max)) != null) {
                frames.add(new Frame(stream, chunk.position(), (chunk.placedNanos() - startedNanos) / 1_000,
                        chunk.samples()));
            }
        }
        return frames;
    }

    /** Samples the listener missed because it did not keep up (the recording missed none). */
    public long dropped() {
        return streams.stream().mapToLong(stream -> stream.ring().dropped()).sum();
    }
}
