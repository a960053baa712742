package org.activerecorder.rtp.adapter.pipeline;

/**
 * The kernel's count of datagrams dropped on one stream's RTP socket for a full receive buffer, as of the latest
 * reading: what tells a hole the recorder's kernel made from one the network made ({@link ReceiverOverflow}). Read on
 * the stream's loop without a lock or an allocation; the reading itself happens elsewhere, about once a second.
 */
public interface SocketDrops {

    /** Nothing is known (not Linux, no reading yet, or a test): every hole is judged by its sequence numbers alone. */
    SocketDrops UNKNOWN = new SocketDrops() {
        @Override
        public long drops() {
            return -1;
        }

        @Override
        public long readAtNanos() {
            return 0;
        }
    };

    /** The socket's drops as of the latest reading; -1 if unknown. */
    long drops();

    /**
     * {@link System#nanoTime()} when the latest reading began: every drop that happened before that instant is in
     * {@link #drops()}. Meaningless while {@link #drops()} is -1.
     */
    long readAtNanos();

    /**
     * Whether {@link #drops()} holds every drop until now, checked now: nothing was dropped anywhere in the network
     * namespace since the latest reading of the sockets' counts (or nothing is known: there is nothing to wait for).
     * Cheaper than a reading, but not free (it reads the namespace's counters): for a stream's end, not per packet.
     */
    default boolean current() {
        return true;
    }

    /**
     * The budget of a socket a group of streams shares ({@link DropShares}), or {@code null} for a stream's own
     * socket, whose drops are all its own.
     */
    default DropShares shares() {
        return null;
    }
}
