package org.activerecorder.rtp.adapter.receive;

import java.util.List;

/**
 * Which receive loop takes the next stream: the one with the fewest streams on it now (the first such loop on a
 * tie). Round robin would keep handing streams to a loop whose streams happened to stay while another's ended;
 * counting the streams each loop holds keeps the loops even over hours of calls coming and going. A stream counts
 * from the moment a loop is chosen for it until its sockets are given back.
 *
 * <p>Synchronized: it is asked once per open and once per close, never per packet.
 *
 * @param <L> the loop type (the receiver's {@code ReceiveLoop}; anything in tests)
 */
final class LoopShares<L> {

    private final List<L> loops;
    private final int[] streams;

    LoopShares(List<L> loops) {
        if (loops.isEmpty()) {
            throw new IllegalArgumentException("no loop to share streams between");
        }
        this.loops = List.copyOf(loops);
        this.streams = new int[loops.size()];
    }

    /** Chooses the loop with the fewest streams and counts one more on it. */
    synchronized L take() {
        int least = 0;
        for (int i = 1; i < streams.length; i++) {
            if (streams[i] < streams[least]) {
                least = i;
            }
        }
        streams[least]++;
        return loops.get(least);
    }

    /** A stream taken on {@code loop} is gone. */
    synchronized void leave(L loop) {
        int index = loops.indexOf(loop);
        if (index < 0 || streams[index] == 0) {
            throw new IllegalStateException("no stream was taken on " + loop);
        }
        streams[index]--;
    }

    /** Streams counted on each loop now, in the loops' order. */
    synchronized int[] streams() {
        return streams.clone();
    }
}
