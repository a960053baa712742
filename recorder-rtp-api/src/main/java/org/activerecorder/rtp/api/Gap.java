package org.activerecorder.rtp.api;

import java.util.Objects;

/**
 * A stretch of a stream's file that is silence, and why.
 *
 * @param startSample   the first silent sample, counted from sample 0 of the stream's file
 * @param lengthSamples how many samples are silent (at the codec's sample rate, as in the file)
 * @param cause         why
 */
public record Gap(long startSample, long lengthSamples, GapCause cause) {
    public Gap {
        Objects.requireNonNull(cause, "cause");
        if (startSample < 0 || lengthSamples <= 0) {
            throw new IllegalArgumentException("gap at " + startSample + " of " + lengthSamples + " samples");
        }
    }

    /** One past the last silent sample. */
    public long endSample() {
        return startSample + lengthSamples;
    }
}
