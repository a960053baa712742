package org.activerecorder.rtp.adapter.receive;

/**
 * The receive loop's round in which a socket was last found ready (or registered), for {@link SeenEmpty} and for
 * telling a socket ready in consecutive rounds: a stream's own socket, or a port group's. The loop's thread only.
 */
final class ReadyRounds {

    private long last = Long.MIN_VALUE;

    /** The round in which the socket was last ready (or registered). */
    long last() {
        return last;
    }

    /**
     * Notes that the socket is ready in {@code round}, and says whether it was ready in the round before too: then
     * datagrams are waiting faster than one a round (a burst, a sender catching up).
     */
    boolean readyAgain(long round) {
        boolean again = last == round - 1;
        last = round;
        return again;
    }
}
