package org.activerecorder.application.internal;

import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.activerecorder.application.StreamReports;
import org.activerecorder.application.ports.ProgressiveAssembly;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingRepository;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.RecordingStream;
import org.activerecorder.domain.model.recording.StreamEnd;
import org.activerecorder.domain.model.recording.StreamEndReason;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What is learnt about streams: their first packet and their end, as the media plane reports them, or as the
 * recorder finds them when the media plane cannot report (a crash, a stream it lost). Each call is one transaction
 * with the recording locked, so reports about the streams of one recording, arriving together on different threads
 * and in any order, are applied one at a time; a report applied twice changes nothing. The end of the last stream
 * finishes the recording (a recording of one party only waits its grace period; the sweep finishes it). A stream
 * whose session was never acknowledged and that received nothing is dropped instead ({@link UnacknowledgedSessions}).
 * The media plane sees it as {@link StreamReports}; the recorder's own services use the bean itself (the reports of
 * streams the media plane cannot report on are theirs alone). While a recording is active, what is learnt of its
 * streams (first packets, settled first samples, ends) also goes to {@link ProgressiveAssembly}, which builds its
 * stereo file as the call goes on (docs/assembly.md).
 */
@Stateless
@LocalBean
@Local(StreamReports.class)
public class StreamLifecycle implements StreamReports {

    private static final Logger LOG = Logger.getLogger(StreamLifecycle.class.getName());

    @Inject
    private RecordingRepository recordings;

    @Inject
    private RecordingAssembly assembly;

    @Inject
    private StreamFiles files;

    @Inject
    private UnacknowledgedSessions unacknowledged;

    @Inject
    private ProgressiveAssembly progressive;

    @Inject
    private BuiltAheadStreams builtAhead;

    /**
     * Only the stream's own row changes, so nothing is read (series BM): the recording is locked by its id and the
     * first packet stored by one statement. The file built ahead learns it by the stream, which the session's opening
     * listed there; where it is not listed (it forgot the recording, or was not building it then), the recording is
     * read to tell it all its streams.
     */
    @Override
    public void firstPacket(String streamId, Instant arrival) {
        Optional<Long> recordingId = recordings.lockIdByStream(streamId);
        if (recordingId.isEmpty()) {
            LOG.fine(() -> "First packet of unknown stream " + streamId);
            return;
        }
        if (!recordings.firstPacketArrived(streamId, arrival)) {
            LOG.fine(() -> "First packet of stream " + streamId + " at " + arrival
                    + " changes nothing: the stream has ended or had its first packet already");
            return;
        }
        if (!progressive.firstPacketArrived(streamId, arrival)) {
            recordings.find(recordingId.get()).ifPresent(builtAhead::tell);
        }
    }

    /**
     * Kept in memory only, for building the recording's file ahead ({@link ProgressiveAssembly}): the stream's end
     * stores the same instant; a crash before it loses nothing, since recovery assembles from the stream files.
     */
    @Override
    public void firstSampleSettled(String streamId, Instant firstSample) {
        Optional<Recording> locked = recordings.lockByStream(streamId);
        Optional<RecordingStream> stream = locked.flatMap(recording -> recording.stream(streamId));
        if (stream.isEmpty() || stream.get().isEnded() || locked.get().state() != RecordingState.ACTIVE) {
            LOG.fine(() -> "First sample of stream " + streamId + " settled at " + firstSample
                    + "; the stream is unknown or ended");
            return;
        }
        progressive.firstSampleSettled(locked.get().id(), streamId, firstSample);
        builtAhead.tell(locked.get());
    }

    @Override
    public void streamClosed(String streamId, StreamEnd end) {
        Optional<Recording> locked = recordings.lockByStream(streamId);
        if (locked.isEmpty()) {
            LOG.fine(() -> "End of unknown stream " + streamId);
            return;
        }
        apply(locked.get(), streamId, end);
    }

    /**
     * The media plane will never report the stream's end (the server stopped with it open, or the media plane no
     * longer knows it): it ends with what its file holds.
     */
    public void streamUnreported(String streamId, StreamEndReason reason) {
        Optional<Recording> locked = recordings.lockByStream(streamId);
        Optional<RecordingStream> stream = locked.flatMap(r -> r.stream(streamId));
        if (stream.isEmpty() || stream.get().isEnded()) {
            return;
        }
        long samples = files.samplesIn(stream.get().audioFile());
        apply(locked.get(), streamId, StreamEnd.unreported(reason, samples));
    }

    private void apply(Recording recording, String streamId, StreamEnd end) {
        boolean ended = recording.streamEnded(streamId, end, Instant.now());
        if (ended) {
            // A stream that ended as asked with nothing missing is told at INFO by the media plane's closing line
            // (its counters and file); this line adds the gaps and key presses, so it is INFO only when audio is
            // missing or the end was not the one asked for (series BG: twelve INFO lines a call, half of them
            // repeats, and the threads that open and end streams waiting on the log's lock).
            boolean notable = end.reason() != StreamEndReason.REQUESTED || !end.timeline().gaps().isEmpty();
            LOG.log(notable ? Level.INFO : Level.FINE, () -> "Stream " + streamId + " of recording " + recording.id()
                    + " ended (" + end.reason() + "): " + end.statistics() + ", " + end.timeline().gaps().size()
                    + " gap(s), " + end.timeline().dtmf().size() + " key press(es)");
        }
        if (ended && unacknowledged.dropSilentStreams(recording)) {
            progressive.discard(recording.id());
            return; // every session of it was given up and nothing came: there is no recording
        }
        if (ended) {
            builtAhead.tell(recording);
        }
        boolean assembled = assembly.finishIfReady(recording);
        if (ended && !assembled && recording.state() == RecordingState.ACTIVE && recording.allStreamsEnded()) {
            LOG.info(() -> "Recording " + recording.id() + " has only one party's streams; it waits for the other"
                    + " party before it is assembled");
        }
    }
}
