package org.activerecorder.rtp.adapter.receive;

import org.activerecorder.rtp.adapter.pipeline.StreamPipeline;

/**
 * When the receive loop last saw a stream's socket empty: the earliest a datagram read from it now can have arrived.
 *
 * <p>The loop reads a datagram when it gets to it, which on a busy machine is long after the datagram arrived: a loop
 * that stalls for half a second (a garbage collector's allocation stall, two overbooked cores) reads every socket's
 * packets half a second late, and its read times then show a quiet spell in every stream that the senders never
 * had. Java reads no kernel receive timestamp, so what the loop knows is the other bound: a socket the selector did not
 * report ready was empty when the selector looked, and whatever is read from it later came after that. A socket's
 * data only grows between two reads, so "empty when the selector looked" also holds at any moment before the look
 * since the last read: the moment taken just before the select call is a safe lower bound whatever the thread was
 * doing inside it.
 *
 * <p>Only a complete round says so: the JDK's epoll selector asks the kernel for at most 1,024 events per select
 * ({@code sun.nio.ch.EPollSelectorImpl.NUM_EPOLLEVENTS}, the minimum of 1,024 and the file limit, its own wakeup
 * among them), so a round that reports about that many may have left ready sockets unreported: a loop that is behind
 * learns nothing from its rounds, which is what should happen. A socket served in the last complete round, or in
 * none since its stream was registered, has no known empty moment.
 *
 * <p>The loop's thread only; no allocation.
 */
final class SeenEmpty {

    /** No moment is known at which the socket was empty since its last read: what the pipeline takes as such. */
    static final long UNKNOWN = StreamPipeline.UNKNOWN_EMPTY;
    /** Events per select at most (see the class comment). */
    static final int SELECT_EVENTS = 1_024;
    /** Fewer keys than this in a round and every ready socket was reported: a margin for the selector's own wakeup. */
    static final int COMPLETE_BELOW = SELECT_EVENTS - 16;

    private long completeRound = Long.MIN_VALUE;
    private long lookedAtNanos = UNKNOWN;

    /**
     * The loop's round {@code round} reported {@code reported} ready keys from a select called at {@code calledNanos}.
     */
    void polled(long round, int reported, long calledNanos) {
        if (reported < COMPLETE_BELOW) {
            completeRound = round;
            lookedAtNanos = calledNanos;
        }
    }

    /**
     * The latest moment a socket last ready in round {@code readyRound} (or registered then) is known to have been
     * empty, or {@link #UNKNOWN}.
     */
    long since(long readyRound) {
        return readyRound < completeRound ? lookedAtNanos : UNKNOWN;
    }
}
