package org.activerecorder.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.activerecorder.application.ports.LiveStream;
import org.activerecorder.application.ports.ProgressiveAssembly;
import org.activerecorder.domain.model.recording.ChannelLayout;
import org.activerecorder.domain.model.recording.Recording;
import org.activerecorder.domain.model.recording.RecordingState;
import org.activerecorder.domain.model.recording.RecordingStream;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells the file built ahead ({@link ProgressiveAssembly}) a recording's streams as they now are, the recording
 * locked: when a session opens streams, so that each first packet after it is told by its stream alone without the
 * recording read (series BM), and when a first packet or an end was not taken that way.
 */
@ApplicationScoped
public class BuiltAheadStreams {

    @Inject
    private StreamFiles files;

    @Inject
    private ProgressiveAssembly progressive;

    /** For CDI. */
    public BuiltAheadStreams() {
    }

    /** For tests. */
    BuiltAheadStreams(StreamFiles files, ProgressiveAssembly progressive) {
        this.files = files;
        this.progressive = progressive;
    }

    /** Only while the recording is active: one that is finished or given up is built no further. */
    public void tell(Recording recording) {
        if (recording.state() != RecordingState.ACTIVE) {
            return;
        }
        ChannelLayout layout = recording.channelLayout();
        List<LiveStream> streams = new ArrayList<>();
        for (RecordingStream stream : recording.streams()) {
            streams.add(new LiveStream(stream.id(), files.path(stream.audioFile()), layout.left().contains(stream),
                    stream.sampleRate(), stream.firstPacketAt(), stream.isEnded() ? stream.firstSampleAt() : null,
                    stream.isEnded()));
        }
        progressive.streamsNow(recording.id(), streams);
    }
}
