package org.activerecorder.application;

import org.activerecorder.domain.model.recording.StreamEnd;

import java.time.Instant;

/**
 * What the media plane reports about a stream it receives: its first packet and its end. Each report is applied in
 * its own transaction; a report about a stream the recorder does not know is taken and ignored, and a report applied
 * twice changes nothing, so the media plane may deliver at least once. A report that cannot be applied now (the
 * database is busy) throws, and the media plane delivers it again.
 */
public interface StreamReports {

    void firstPacket(String streamId, Instant arrival);

    /**
     * The instant of the stream's sample 0 is settled, a few seconds into the stream: it is the instant its end will
     * report ({@link StreamEnd#firstSample()}), so the recording's file can be built while the call goes on.
     */
    void firstSampleSettled(String streamId, Instant firstSample);

    /** The media plane finished the stream's file. Ending an unknown or already ended stream changes nothing. */
    void streamClosed(String streamId, StreamEnd end);
}
