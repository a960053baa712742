package org.activerecorder.rtp.adapter.pipeline;

/**
 * Maps RTP timestamps to sample positions in the stream's file.
 *
 * <p>The first packet is anchored at position 0, so a packet's position is its timestamp minus the first
 * timestamp, modulo 2^32. The difference is taken from the newest accepted packet and read as a signed 32-bit
 * number: that handles the wrap at 2^32 for any length of recording, and a packet stamped before its
 * predecessor (reordered) gets a smaller position instead of one four billion samples ahead.
 *
 * <p>Pure arithmetic: {@link #position} does not change state; {@link #accepted} moves the reference once
 * the packet has been written, so a packet rejected downstream (late, absurd jump) leaves no trace.
 * {@link #anchor} restarts the mapping, for the first packet and after a change of synchronisation source.
 *
 * <p>Timestamps count the codec's RTP clock, positions the samples of its decoded audio, and the two rates differ for
 * some codecs (G.722: 2 samples per tick; Opus decoded at 16 kHz would be 1 per 3 ticks): distances are taken in ticks, where the
 * 32-bit arithmetic holds, and only then turned into samples ({@link #samples}). Everything downstream of this class
 * counts samples of the file.
 */
public final class TimestampPositioner {

    private final int clockRate;
    private final int sampleRate;
    private long referenceTimestamp;
    private long referencePosition;

    /** Timestamps and positions at the same rate (G.711, L16). */
    public TimestampPositioner() {
        this(1, 1);
    }

    /** Timestamps ticking at {@code clockRate} Hz, positions of audio at {@code sampleRate} Hz. */
    public TimestampPositioner(int clockRate, int sampleRate) {
        this.clockRate = clockRate;
        this.sampleRate = sampleRate;
    }

    /** The samples of audio {@code ticks} of the RTP clock span (rounded down). */
    public long samples(long ticks) {
        return clockRate == sampleRate ? ticks : Math.floorDiv(ticks * sampleRate, clockRate);
    }

    /** Maps {@code timestamp} to {@code position} from now on. */
    public void anchor(long timestamp, long position) {
        referenceTimestamp = timestamp & 0xFFFFFFFFL;
        referencePosition = position;
    }

    /** The sample position of the packet stamped {@code timestamp}; negative means before the anchor. */
    public long position(long timestamp) {
        int distance = (int) (timestamp - referenceTimestamp);
        return referencePosition + samples(distance);
    }

    /** Records that the packet stamped {@code timestamp} was placed at {@code position}. */
    public void accepted(long timestamp, long position) {
        if (position > referencePosition) {
            referenceTimestamp = timestamp & 0xFFFFFFFFL;
            referencePosition = position;
        }
    }
}
