package org.activerecorder.infrastructure.audio;

import java.io.IOException;
import java.util.List;

/**
 * One channel of the stereo recording: the sum of the streams of one side, each at its place, saturated to 16
 * bits. Overlap is rare (a second stream of the same party usually follows the first), but when it happens both
 * are heard rather than one silently dropped.
 */
final class ChannelMixer {

    /** The largest block {@link #mix} is asked for. */
    static final int MAX_BLOCK_FRAMES = 8192;

    private final List<PlacedStream> streams;
    /** Sized to the largest block asked for: a pass over a call in progress asks for small ones. */
    private int[] sum = new int[0];

    ChannelMixer(List<PlacedStream> streams) {
        this.streams = List.copyOf(streams);
    }

    /** Writes the channel's samples for frames {@code [blockStart, blockStart + frames)} into {@code out}. */
    void mix(long blockStart, int frames, short[] out) throws IOException {
        if (streams.size() == 1) {
            // a channel of one stream, as most are: its samples as they are (nothing to sum, nothing to saturate)
            streams.get(0).copyTo(out, blockStart, frames);
            return;
        }
        if (sum.length < frames) {
            sum = new int[frames];
        }
        java.util.Arrays.fill(sum, 0, frames, 0);
        for (PlacedStream stream : streams) {
            stream.addTo(sum, blockStart, frames);
        }
        for (int i = 0; i < frames; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum[i]));
        }
    }
}
