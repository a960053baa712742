package org.activerecorder.infrastructure.audio;

import java.io.IOException;

/**
 * Raises a narrowband party's samples to the recording's rate by an integer factor (8 kHz to 16 kHz when the other
 * party is wideband), streaming: a block in, a block out, never the whole file in memory.
 *
 * <p>A polyphase windowed-sinc interpolator: output {@code k * factor + p} is the input's band-limited value at
 * {@code k + p / factor}, from the {@value #HALF_TAPS} input samples on either side (a Blackman-windowed sinc cut
 * at the input's Nyquist frequency, each phase normalised to unity gain at 0 Hz). Phase 0 is the input sample
 * itself, so input sample {@code k} lands exactly on output {@code k * factor}: the filter is symmetric and has no
 * delay, which is what keeps the two channels aligned to the sample (the recorder's whole point). With 16 taps a
 * side the pass band is flat through telephone speech (300-3,400 Hz) and images above 4 kHz are strongly attenuated.
 * The output is exactly {@code factor} times as long as the input.
 *
 * <p>Why by hand: the one resampler on the classpath, the JDK's {@code javax.sound.sampled} format conversion,
 * delays and lengthens its output by a few samples that depend on the interpolation chosen (measured: 4 to 34 at
 * 8 to 16 kHz), which would misalign the channels; no kept library in the build does an exact-length, zero-delay
 * integer up-sampling, and this one is forty lines.
 */
final class Upsampler implements SampleReader {

    /** Input samples on each side of the interpolated point. */
    static final int HALF_TAPS = 16;

    private static final int BLOCK = 4096;

    private final SampleReader input;
    private final int factor;
    /** {@code taps[p][j]}: the weight of input {@code k - HALF_TAPS + 1 + j} for output {@code k * factor + p}. */
    private final float[][] taps;
    /** Input samples {@code k - HALF_TAPS + 1 .. k + HALF_TAPS}, at {@code history[0 .. 2 * HALF_TAPS)}. */
    private final float[] history = new float[2 * HALF_TAPS];
    private final short[] block = new short[BLOCK];
    private int blockAt;
    private int blockLength;
    private boolean inputEnded;
    /** Input samples still to come out as centres. */
    private long centresLeft;
    private int phase;

    /**
     * @param input        the narrowband samples
     * @param inputSamples how many there are (the output is {@code factor} times as many)
     * @param factor       the output rate over the input rate, at least 2
     */
    Upsampler(SampleReader input, long inputSamples, int factor) throws IOException {
        this.input = input;
        this.factor = factor;
        this.taps = taps(factor);
        this.centresLeft = inputSamples;
        for (int i = HALF_TAPS - 1; i < history.length; i++) {
            history[i] = next(); // the first centre and the samples after it; those before the start are silence
        }
    }

    @Override
    public int read(short[] into, int count) throws IOException {
        int written = 0;
        while (written < count && centresLeft > 0) {
            into[written++] = interpolate(phase);
            if (++phase == factor) {
                phase = 0;
                centresLeft--;
                System.arraycopy(history, 1, history, 0, history.length - 1);
                history[history.length - 1] = next();
            }
        }
        return written;
    }

    private short interpolate(int p) {
        if (p == 0) {
            return (short) history[HALF_TAPS - 1];
        }
        float[] weights = taps[p];
        float sum = 0;
        for (int j = 0; j < weights.length; j++) {
            sum += weights[j] * history[j];
        }
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
    }

    /** The next input sample, or silence past the end. */
    private float next() throws IOException {
        if (blockAt == blockLength) {
            if (inputEnded) {
                return 0;
            }
            blockLength = input.read(block, BLOCK);
            blockAt = 0;
            if (blockLength < BLOCK) {
                inputEnded = true;
            }
            if (blockLength == 0) {
                return 0;
            }
        }
        return block[blockAt++];
    }

    private static float[][] taps(int factor) {
        float[][] taps = new float[factor][2 * HALF_TAPS];
        for (int p = 1; p < factor; p++) {
            double sum = 0;
            for (int j = 0; j < 2 * HALF_TAPS; j++) {
                double t = j - (HALF_TAPS - 1) - (double) p / factor; // distance from the point, in input samples
                double sinc = Math.sin(Math.PI * t) / (Math.PI * t);
                double x = t / HALF_TAPS; // within (-1, 1)
                double blackman = 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
                taps[p][j] = (float) (sinc * blackman);
                sum += taps[p][j];
            }
            for (int j = 0; j < 2 * HALF_TAPS; j++) {
                taps[p][j] /= (float) sum;
            }
        }
        return taps;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
