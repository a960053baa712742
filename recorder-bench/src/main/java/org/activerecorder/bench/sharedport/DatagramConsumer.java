package org.activerecorder.bench.sharedport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** What a shared-port receive loop hands each datagram to: the demultiplexer and the streams behind it. */
interface DatagramConsumer {

    /** Takes the datagram between position and limit (it may be consumed); called on the receive thread only. */
    void accept(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) throws IOException;

    /** Flushes and closes every stream; returns the counters for the report line. */
    Totals finish() throws IOException;

    /** A variant's counters at the end, in the anchor's words (received, bytes, expected and lost by sequence). */
    record Totals(int streams, int seen, long received, long bytes, long expected, long lost, long bad,
                  long unknownSsrc) {
    }
}
