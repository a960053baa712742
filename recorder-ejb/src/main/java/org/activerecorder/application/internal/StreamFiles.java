package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.application.ports.RecordingFolder;
import org.activerecorder.rtp.api.WavHeader;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Logger;

/**
 * What is on disk of a stream, for streams the media plane could not report on (the server crashed, or the media
 * plane lost the stream). The adapter writes nothing after a stream file's samples, so the file's size says how many
 * reached it; its header says so only once the file is closed.
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

    /**
     * Samples in the stream's file, or 0 if it is missing or not a WAV file (then it is reported missing at assembly).
     * A file in the adapter's layout holds as many as its size says ({@link WavHeader.Canonical#dataBytesIn}): the
     * adapter writes a file's final header only when it closes it, so a file the server left open has the header it
     * was created with. That header is rewritten here with the file's real length, so that the file says it to any
     * reader.
     */
    public long samplesIn(String relative) {
        Path file = path(relative);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            long samples = canonicalSamples(file);
            if (samples >= 0) {
                return samples;
            }
            long frames = AudioSystem.getAudioFileFormat(file.toFile()).getFrameLength();
            return Math.max(0, frames);
        } catch (UnsupportedAudioFileException | IOException e) {
            LOG.warning(() -> "Cannot read the length of stream file " + file + ": " + e.getMessage());
            return 0;
        }
    }

    /** The frames of a file with the canonical header, its header repaired if it says less; -1 for any other file. */
    private static long canonicalSamples(Path file) throws IOException {
        WavHeader.Canonical header;
        long dataBytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            header = WavHeader.read(channel);
            if (header == null || header.bitsPerSample() != 16) {
                return -1;
            }
            dataBytes = header.dataBytesIn(channel.size());
        }
        if (dataBytes != header.dataBytes()) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer repaired = WavHeader.put(ByteBuffer.allocate(WavHeader.LENGTH), header.channels(),
                        header.sampleRate(), dataBytes);
                while (repaired.hasRemaining()) {
                    channel.write(repaired, repaired.position());
                }
                channel.force(false);
                long before = header.dataBytes();
                LOG.info(() -> "Stream file " + file + " was left open: its header said " + before
                        + " bytes of audio, the file holds " + dataBytes + "; header rewritten");
            } catch (IOException e) {
                // its audio is still all read: the assembly takes the length from the file's size too
                LOG.warning(() -> "Cannot rewrite the header of stream file " + file + ": " + e.getMessage());
            }
        }
        return dataBytes / (2L * header.channels());
    }
}
