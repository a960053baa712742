package org.activerecorder.application.ports;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A stream of a recording under way, as far as building its stereo file ahead is concerned.
 *
 * @param streamId      the stream
 * @param file          its mono file (being written while it is open)
 * @param left          whether it goes to the left channel (the recorded party's)
 * @param sampleRate    its file's rate
 * @param firstPacketAt when its first packet arrived, or {@code null} if none yet
 * @param firstSample   the instant of its sample 0 once final (it ended), else {@code null}; a settled one is
 *                      reported on its own ({@link ProgressiveAssembly#firstSampleSettled})
 * @param ended         whether its file is finished
 */
public record LiveStream(String streamId, Path file, boolean left, int sampleRate, Instant firstPacketAt,
                         Instant firstSample, boolean ended) {

    /** The same stream, its first packet arrived at {@code arrival}. */
    public LiveStream withFirstPacketAt(Instant arrival) {
        return new LiveStream(streamId, file, left, sampleRate, arrival, firstSample, ended);
    }
}
