package org.activerecorder.rtp.adapter.pipeline;

import java.nio.ByteBuffer;

/**
 * The packet a big sequence jump put on probation ({@link SequenceTracker.Verdict#PROBATION}), kept aside until the
 * packets after it say what it was: the first of a restarted numbering, which then goes first ({@link #release}), or
 * a very late packet or a stray jump, which is dropped and counted as such ({@link #drop}). Kept rather than dropped
 * at once because it is audio. At most one is held: a newer jump drops the one before.
 *
 * <p>On the stream's receive loop thread only; the copy's array is made on first use ({@link PacketCopy}).
 */
final class ProbationPacket {

    /** What a dropped packet on probation turned out to be. */
    enum Dropped {
        /** Nothing was held. */
        NONE,
        /** Behind the stream: a very late packet, whose place was written long ago. */
        LATE,
        /** Ahead of the stream and never confirmed: a timestamp or sequence not to be believed. */
        JUMP
    }

    private final PacketCopy copy = new PacketCopy();
    private boolean held;
    private boolean behind;

    /**
     * Keeps the datagram (between its position and limit) on probation, dropping the one held before.
     *
     * @param behind whether its number is behind the stream's ({@link SequenceTracker#probationBehind()})
     * @return what the one held before turned out to be
     */
    Dropped hold(ByteBuffer datagram, long arrivalNanos, boolean behind) {
        Dropped before = drop();
        copy.store(datagram, arrivalNanos);
        this.held = true;
        this.behind = behind;
        return before;
    }

    boolean held() {
        return held;
    }

    /** Drops the packet held, if any: no restart confirmed it. */
    Dropped drop() {
        if (!held) {
            return Dropped.NONE;
        }
        held = false;
        return behind ? Dropped.LATE : Dropped.JUMP;
    }

    /** A restart confirmed the packet held: it is handed over (valid until the next {@link #hold}), no longer held. */
    PacketCopy release() {
        held = false;
        return copy;
    }
}
