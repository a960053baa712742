package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.application.events.RecordingCompleted;
import org.activerecorder.application.events.RecordingFailed;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.StreamSide;
import org.activerecorder.infrastructure.audio.AssembledFile;
import org.activerecorder.infrastructure.audio.ChannelSource;
import org.activerecorder.infrastructure.audio.StereoAssembler;
import org.activerecorder.infrastructure.messaging.jms.RecordingEventPublisher;
import org.activerecorder.infrastructure.storage.RecordingStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finishes a recording whose streams have all ended: assembles the stereo file (recorded party left,
 * other party right), completes the recording with its duration and checksum, and publishes the event.
 * Runs inside the caller's transaction; the event goes out only if it commits, and the stream files are
 * removed only after it commits (set {@code recorder.keep-stream-files=true} to keep them).
 */
@ApplicationScoped
public class RecordingAssembly {

    private static final Logger LOG = Logger.getLogger(RecordingAssembly.class.getName());
    private static final int SAMPLE_RATE = 8000;

    @Inject
    private RecordingStorage storage;

    @Inject
    private RecordingEventPublisher events;

    @Inject
    private TransactionCallbacks transaction;

    private final StereoAssembler assembler = new StereoAssembler();

    void finish(Recording recording) {
        List<RecordingStream> channels = channels(recording);
        String callUuid = recording.call().callUuid().value();
        String file = storage.recordingFile(recording.startedAt(), callUuid, recording.id());
        Instant now = Instant.now();
        try {
            AssembledFile assembled = assembler.assemble(source(channels.get(0)), source(channels.get(1)),
                    storage.resolve(file), SAMPLE_RATE);
            recording.complete(file, assembled.duration(), assembled.sha256(), now);
            events.publish(new RecordingCompleted(RecordingCompleted.TYPE, recording.id(), callUuid,
                    recording.requestId().value(), recording.recordDn().value(), dns(channels, recording),
                    assembled.file().toString(), "/api/recordings/" + recording.id() + "/audio",
                    assembled.duration().toMillis(), assembled.sha256(), recording.startedAt(), now));
            LOG.info(() -> "Recording " + recording.id() + " of call " + callUuid + " completed: " + assembled.file()
                    + ", " + assembled.duration().toMillis() + " ms, sha256 " + assembled.sha256());
            removeStreamFilesAfterCommit(recording);
        } catch (IOException | UncheckedIOException e) {
            String reason = "cannot assemble the stereo file: " + e.getMessage();
            LOG.log(Level.SEVERE, "Recording " + recording.id() + " failed; stream files kept", e);
            recording.fail(reason, now);
            events.publish(new RecordingFailed(RecordingFailed.TYPE, recording.id(), callUuid,
                    recording.recordDn().value(), reason, now));
        }
    }

    /**
     * The left and right channel streams, in order of opening: the recorded party's first stream left,
     * the other party's first stream right. If every stream claims to be the recorded party (both sessions
     * named dn=recordDN), the second of them goes right. A missing party is {@code null}: silence.
     */
    private static List<RecordingStream> channels(Recording recording) {
        List<RecordingStream> ordered = new ArrayList<>(recording.streams());
        ordered.sort(Comparator.comparing(RecordingStream::openedAt));
        List<RecordingStream> recorded = ordered.stream().filter(s -> s.side() == StreamSide.RECORDED_PARTY).toList();
        List<RecordingStream> other = ordered.stream().filter(s -> s.side() == StreamSide.OTHER_PARTY).toList();
        List<RecordingStream> pair = new ArrayList<>(2);
        pair.add(recorded.isEmpty() ? null : recorded.get(0));
        pair.add(!other.isEmpty() ? other.get(0) : recorded.size() > 1 ? recorded.get(1) : null);
        return pair;
    }

    private ChannelSource source(RecordingStream stream) {
        if (stream == null) {
            return ChannelSource.SILENCE;
        }
        Path file = storage.resolve(stream.audioFile());
        Instant firstSample = stream.firstPacketAt();
        if (firstSample == null && Files.exists(file)) {
            // Audio was written but its first-packet report never arrived (the server stopped first): place
            // it at the session's answer, the closest instant known, rather than lose it.
            firstSample = stream.openedAt();
        }
        return new ChannelSource(file, firstSample);
    }

    private static List<String> dns(List<RecordingStream> channels, Recording recording) {
        List<String> dns = new ArrayList<>();
        for (RecordingStream stream : channels) {
            if (stream != null) {
                dns.add(stream.dn().value());
            }
        }
        for (RecordingStream stream : recording.streams()) {
            if (!dns.contains(stream.dn().value())) {
                dns.add(stream.dn().value());
            }
        }
        return dns;
    }

    private void removeStreamFilesAfterCommit(Recording recording) {
        if (Boolean.getBoolean("recorder.keep-stream-files")) {
            return;
        }
        List<Path> files = recording.streams().stream().map(s -> storage.resolve(s.audioFile())).toList();
        transaction.afterCommit(() -> {
            for (Path file : files) {
                try {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(file.getParent());
                } catch (IOException e) {
                    LOG.fine(() -> "Stream file " + file + " stays: " + e.getMessage());
                }
            }
        });
    }
}
