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
 */
public final class TimestampPositioner {

    private long referenceTimestamp;
    private long referencePosition;

    /** Maps {@code timestamp} to {@code position} from now on. */
    public void anchor(long timestamp, long position) {
        referenceTimestamp = timestamp & 0xFFFFFFFFL;
        referencePosition = position;
    }

    /** The sample position of the packet stamped {@code timestamp}; negative means before the anchor. */
    public long position(long timestamp) {
        int distance = (int) (timestamp - referenceTimestamp);
        return referencePosition + distance;
    }

    /** Records that the packet stamped {@code timestamp} was placed at {@code position}. */
    public void accepted(long timestamp, long position) {
        if (position > referencePosition) {
            referenceTimestamp = timestamp & 0xFFFFFFFFL;
            referencePosition = position;
        }
    }
}
