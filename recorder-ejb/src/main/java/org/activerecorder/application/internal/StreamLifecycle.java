package org.activerecorder.application.internal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.StreamStatistics;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What the media plane reports about streams: their first packet and their end. The recording is locked
 * for each report, so reports about the two streams of one recording, arriving together on different
 * threads and in any order, are applied one at a time; the last stream to end finishes the recording.
 */
@Stateless
public class StreamLifecycle {

    private static final Logger LOG = Logger.getLogger(StreamLifecycle.class.getName());

    @Inject
    private RecordingRepository recordings;

    @Inject
    private RecordingAssembly assembly;

    public void firstPacket(String streamId, Instant arrival) {
        recordings.lockByStream(streamId)
                .flatMap(recording -> recording.stream(streamId))
                .ifPresentOrElse(stream -> stream.firstPacketArrived(arrival),
                        () -> LOG.fine(() -> "First packet of unknown stream " + streamId));
    }

    public void streamClosed(String streamId, Instant firstPacket, StreamStatistics statistics, String reason) {
        Optional<Recording> locked = recordings.lockByStream(streamId);
        if (locked.isEmpty()) {
            LOG.fine(() -> "End of unknown stream " + streamId);
            return;
        }
        Recording recording = locked.get();
        boolean lastStream = recording.streamEnded(streamId, firstPacket, statistics, reason, Instant.now());
        LOG.info(() -> "Stream " + streamId + " of recording " + recording.id() + " ended (" + reason + "): "
                + statistics);
        if (lastStream) {
            assembly.finish(recording);
        }
    }
}
