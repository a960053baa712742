package org.activerecorder.application.ports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Assembles the parties' mono streams into one stereo file, aligned in time: the recorded party's streams on the
 * left channel, the other party's on the right, each at the instant of its first sample. A stream whose file is
 * missing or unreadable is silence, named in {@link AssembledFile#missing()}; once this returns the file is durably
 * in place.
 */
public interface StereoAssembly {

    /**
     * @param left       the recorded party's streams (any number, in any order)
     * @param right      the other party's streams
     * @param target     where the stereo file goes (an existing file is replaced)
     * @param sampleRate the output's rate; every input is at it or at a rate that divides it (up-sampled)
     * @throws IOException when a stream is in another format, or the result cannot be written
     */
    AssembledFile assemble(List<ChannelSource> left, List<ChannelSource> right, Path target, int sampleRate)
            throws IOException;

    /**
     * The same, for recording {@code recordingId}, whose file may have been built while it went on
     * ({@link ProgressiveAssembly}): then only its end is left to do. The result is byte for byte the same.
     */
    default AssembledFile assemble(long recordingId, List<ChannelSource> left, List<ChannelSource> right,
                                   Path target, int sampleRate) throws IOException {
        return assemble(left, right, target, sampleRate);
    }
}
