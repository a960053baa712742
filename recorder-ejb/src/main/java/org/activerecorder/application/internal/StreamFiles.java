package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.application.ports.RecordingFolder;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * What is on disk of a stream, for streams the media plane could not report on (the server crashed, or the media
 * plane lost the stream). The adapter rewrites its WAV header after every batch it writes, so the header says how
 * many samples reached the file.
 */
@ApplicationScoped
public class StreamFiles {

    private static final Logger LOG = Logger.getLogger(StreamFiles.class.getName());

    @Inject
    private RecordingFolder storage;

    /** For CDI. */
    public StreamFiles() {
    }

    /** The files under {@code storage}: for tests. */
    StreamFiles(RecordingFolder storage) {
        this.storage = storage;
    }

    public Path path(String relative) {
        return storage.resolve(relative);
    }

    public boolean exists(String relative) {
        return Files.isRegularFile(path(relative));
    }

    /** Samples in the stream's file, or 0 if it is missing or not a WAV file (then it is reported missing at assembly). */
    public long samplesIn(String relative) {
        Path file = path(relative);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            long frames = AudioSystem.getAudioFileFormat(file.toFile()).getFrameLength();
            return Math.max(0, frames);
        } catch (UnsupportedAudioFileException | IOException e) {
            LOG.warning(() -> "Cannot read the length of stream file " + file + ": " + e.getMessage());
            return 0;
        }
    }
}
