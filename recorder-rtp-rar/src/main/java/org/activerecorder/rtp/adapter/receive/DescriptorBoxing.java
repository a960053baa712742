package org.activerecorder.rtp.adapter.receive;

import java.util.Optional;

/**
 * Whether the JVM was started so that the JDK's Selector allocates nothing per ready socket.
 *
 * <p>The Linux epoll Selector of JDK 17 looks each ready channel up by its file descriptor in a
 * {@code HashMap<Integer, SelectionKey>} ({@code sun.nio.ch.EPollSelectorImpl.processEvents}): the descriptor number
 * is boxed with {@link Integer#valueOf}, which allocates 16 bytes for every number above the Integer cache (127 by
 * default). A recorder's sockets are numbered in the thousands, so that is about one allocation per packet, the one
 * thing the receive loop must not do. Nothing in the adapter can avoid it; the JVM option
 * {@value #JVM_OPTION} can, by making the cache cover every descriptor the process will have (about 4 per call).
 * {@code ReceiveLoopAllocationTest} measures the effect.
 */
final class DescriptorBoxing {

    /** The JVM option that makes descriptors up to 65535 boxing-free (65,536 cached Integers: about 1.3 MB of heap). */
    static final String JVM_OPTION = "-XX:AutoBoxCacheMax=65536";

    /** The highest descriptor that must box without allocating: 16,000 calls' sockets, past the adapter's budget. */
    static final int HIGHEST_DESCRIPTOR = 65_535;

    private DescriptorBoxing() {
    }

    /** Whether boxing {@code number} returns a cached Integer (no allocation). */
    static boolean cached(int number) {
        return Integer.valueOf(number) == Integer.valueOf(number);
    }

    /** A warning for the log if the JVM was started without {@link #JVM_OPTION} (or an equivalent). */
    static Optional<String> warning() {
        if (cached(HIGHEST_DESCRIPTOR)) {
            return Optional.empty();
        }
        return Optional.of("the JVM's Integer cache does not cover socket descriptors up to " + HIGHEST_DESCRIPTOR
                + ": the JDK's Selector then allocates 16 bytes per ready RTP socket (about one per packet), which"
                + " costs garbage collection under load; start the server with " + JVM_OPTION);
    }
}
