package org.activerecorder.rtp.adapter.receive;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.BitSet;

/**
 * Hands out RTP/RTCP port pairs from the configured range and binds them.
 *
 * <p>Ports are tried in rotation, starting after the last one handed out, rather than lowest-free-first: a port
 * released by one call is not reused by the next, so late packets of the old call cannot be latched on to by a new
 * stream. Ports other programs hold are skipped (the bind fails and the next pair is tried). Binding happens here,
 * on the caller's thread, so the port is known and a failure reported before the caller answers its SDP.
 *
 * <p>Synchronized: opens are rare compared with packets, and binding two sockets takes microseconds.
 */
final class PortAllocator {

    private final InetAddress bindAddress;
    private final ProtocolFamily family;
    private final int firstPort;
    private final int pairs;
    private final BitSet inUse;
    private int cursor;

    PortAllocator(InetAddress bindAddress, int firstRtpPort, int portMax) {
        this.bindAddress = bindAddress;
        this.family = bindAddress instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        this.firstPort = firstRtpPort;
        this.pairs = (portMax - firstRtpPort + 1) / 2;
        this.inUse = new BitSet(pairs);
    }

    /**
     * Binds the next free pair.
     *
     * @throws IOException when every pair of the range is in use, by us or by others
     */
    synchronized PortPair allocate() throws IOException {
        IOException lastFailure = null;
        for (int attempt = 0; attempt < pairs; attempt++) {
            int index = cursor;
            cursor = (cursor + 1) % pairs;
            if (inUse.get(index)) {
                continue;
            }
            int port = firstPort + 2 * index;
            DatagramChannel rtp = null;
            try {
                rtp = bind(port);
                DatagramChannel rtcp = bind(port + 1);
                inUse.set(index);
                return new PortPair(port, rtp, rtcp);
            } catch (IOException e) {
                PortPair.closeQuietly(rtp);
                lastFailure = e;
            }
        }
        throw new IOException("no free RTP/RTCP port pair in " + firstPort + "-" + (firstPort + 2 * pairs - 1)
                + " on " + bindAddress.getHostAddress() + " (" + inUseCount() + " pairs held by open streams)",
                lastFailure);
    }

    /** Makes the pair at {@code rtpPort} available again; its channels must be closed. */
    synchronized void release(int rtpPort) {
        inUse.clear((rtpPort - firstPort) / 2);
    }

    /** Pairs currently handed out. */
    synchronized int inUseCount() {
        return inUse.cardinality();
    }

    private DatagramChannel bind(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            channel.bind(new InetSocketAddress(bindAddress, port));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }
}
