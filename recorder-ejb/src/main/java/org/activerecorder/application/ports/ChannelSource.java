package org.activerecorder.application.ports;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One channel's input to the stereo file: a mono 16-bit PCM WAV whose first sample was heard at
 * {@code firstSample}. A party that sent no media has neither, and is silence.
 */
public record ChannelSource(Path monoWav, Instant firstSample) {

    public static final ChannelSource SILENCE = new ChannelSource(null, null);

    public boolean isSilent() {
        return monoWav == null || firstSample == null;
    }
}
