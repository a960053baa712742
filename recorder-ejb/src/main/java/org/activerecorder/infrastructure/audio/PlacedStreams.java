package org.activerecorder.infrastructure.audio;

import org.activerecorder.application.ports.ChannelSource;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every stream of both channels opened and placed against the earliest first sample of them all: what a full
 * assembly mixes, and what a progressive one must have mixed to give the same file ({@link ProgressiveStereo}).
 * A stream whose file is missing or not readable as audio, or that has no place in time, is in {@link #missing()}.
 */
final class PlacedStreams implements Closeable {

    private static final Logger LOG = Logger.getLogger(PlacedStreams.class.getName());

    private final List<PlacedStream> left = new ArrayList<>();
    private final List<PlacedStream> right = new ArrayList<>();
    private final List<Path> missing = new ArrayList<>();
    private final List<Path> leftFiles = new ArrayList<>();
    private final List<Path> rightFiles = new ArrayList<>();

    private PlacedStreams() {
    }

    /**
     * @throws IOException when a stream is in another format than the recorder writes (nothing stays open)
     */
    static PlacedStreams open(List<ChannelSource> left, List<ChannelSource> right, int sampleRate)
            throws IOException {
        Instant origin = earliest(left, right);
        PlacedStreams placed = new PlacedStreams();
        try {
            placed.open(left, origin, sampleRate, placed.left, placed.leftFiles);
            placed.open(right, origin, sampleRate, placed.right, placed.rightFiles);
        } catch (IOException | RuntimeException e) {
            placed.close();
            throw e;
        }
        return placed;
    }

    private static Instant earliest(List<ChannelSource> left, List<ChannelSource> right) {
        Instant earliest = null;
        for (List<ChannelSource> side : List.of(left, right)) {
            for (ChannelSource source : side) {
                if (!source.isSilent() && (earliest == null || source.firstSample().isBefore(earliest))) {
                    earliest = source.firstSample();
                }
            }
        }
        return earliest;
    }

    private void open(List<ChannelSource> sources, Instant origin, int sampleRate, List<PlacedStream> opened,
                      List<Path> files) throws IOException {
        for (ChannelSource source : sources) {
            if (source.monoWav() != null && source.firstSample() == null) {
                missing.add(source.monoWav()); // audio without a place in time cannot be placed
                continue;
            }
            if (source.isSilent()) {
                continue;
            }
            PlacedStream stream = PlacedStream.open(source, origin, sampleRate);
            if (stream == null) {
                missing.add(source.monoWav());
            } else {
                opened.add(stream);
                files.add(source.monoWav());
            }
        }
    }

    List<PlacedStream> left() {
        return left;
    }

    List<PlacedStream> right() {
        return right;
    }

    /** The files of {@link #left()}, in the same order. */
    List<Path> leftFiles() {
        return leftFiles;
    }

    /** The files of {@link #right()}, in the same order. */
    List<Path> rightFiles() {
        return rightFiles;
    }

    List<Path> missing() {
        return missing;
    }

    /** The recording's length: where the last stream ends. */
    long frames() {
        long end = 0;
        for (List<PlacedStream> side : List.of(left, right)) {
            for (PlacedStream stream : side) {
                end = Math.max(end, stream.endFrame());
            }
        }
        return end;
    }

    @Override
    public void close() {
        for (List<PlacedStream> side : List.of(left, right)) {
            for (PlacedStream stream : side) {
                try {
                    stream.close();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "closing a stream file failed", e);
                }
            }
        }
    }
}
