package org.activerecorder.rtp.adapter.receive;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands out RTP/RTCP port pairs from the configured range and binds them.
 *
 * <p>Ports are tried in rotation, starting after the last one handed out, rather than lowest-free-first: a port
 * released by one call is not reused by the next, so late packets of the old call cannot be latched on to by a new
 * stream. Ports other programs hold are skipped (the bind fails and the next pair is tried). Binding happens here,
 * on the caller's thread, so the port is known and a failure reported before the caller answers its SDP. A bind that
 * fails because the process is out of file descriptors is not a port taken: the scan stops at once and the open is
 * refused with {@link DescriptorsExhausted}.
 *
 * <p>Every RTP socket gets the configured receive buffer ({@code SO_RCVBUF}): what the kernel holds while a receive
 * loop is busy elsewhere. The kernel caps it at {@code net.core.rmem_max}; the first socket it capped is logged.
 *
 * <p>Only the choice of a pair is synchronized: the pair is reserved under the lock, then bound outside it, and given
 * back if its bind fails. Binding takes microseconds, but it is several system calls (two sockets made, bound, set
 * and read back), and on two full cores a thread that held the lock across them was preempted inside: in series BG
 * the threads that open streams waited 10 ms or more for that lock 33–60 times in each 12 s of 100 new calls a
 * second (four runs), the longest wait on the INVITE's path.
 */
final class PortAllocator {

    private static final Logger LOG = Logger.getLogger(PortAllocator.class.getName());

    /** Opens an unbound channel; the JDK's, or a failing one in tests. */
    @FunctionalInterface
    interface ChannelSource {
        DatagramChannel open(ProtocolFamily family) throws IOException;
    }

    private final InetAddress bindAddress;
    private final ProtocolFamily family;
    private final int firstPort;
    private final int pairs;
    private final BitSet inUse;
    private final int receiveBufferBytes;
    private final ChannelSource channels;
    private int cursor;
    private volatile int grantedReceiveBuffer;
    private final AtomicBoolean capLogged = new AtomicBoolean();

    PortAllocator(InetAddress bindAddress, int firstRtpPort, int portMax) {
        this(bindAddress, firstRtpPort, portMax, ReceiverSettings.DEFAULT_RECEIVE_BUFFER_BYTES, DatagramChannel::open);
    }

    /**
     * @param receiveBufferBytes {@code SO_RCVBUF} asked for on every RTP socket
     * @param channels           where unbound channels come from
     */
    PortAllocator(InetAddress bindAddress, int firstRtpPort, int portMax, int receiveBufferBytes,
                  ChannelSource channels) {
        this.bindAddress = bindAddress;
        this.family = bindAddress instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        this.firstPort = firstRtpPort;
        this.pairs = (portMax - firstRtpPort + 1) / 2;
        this.inUse = new BitSet(pairs);
        this.receiveBufferBytes = receiveBufferBytes;
        this.channels = channels;
    }

    /**
     * Binds the next free pair.
     *
     * @throws DescriptorsExhausted when the process (or host) is out of file descriptors: nothing more was tried
     * @throws IOException           when every pair of the range is in use, by us or by others
     */
    PortPair allocate() throws IOException {
        return allocate(false);
    }

    /**
     * Binds the next free pair, or only its RTP port when the sender multiplexes RTCP on it (RFC 5761): the odd port
     * stays unbound but is not handed to another stream, so pairs keep their shape.
     *
     * @throws DescriptorsExhausted when the process (or host) is out of file descriptors: nothing more was tried
     * @throws IOException           when every pair of the range is in use, by us or by others
     */
    PortPair allocate(boolean rtcpMux) throws IOException {
        return allocate(rtcpMux, receiveBufferBytes);
    }

    /**
     * As {@link #allocate(boolean)}, asking {@code receiveBufferBytes} of the RTP socket's receive buffer (a port that
     * a group of streams shares asks for theirs together).
     */
    PortPair allocate(boolean rtcpMux, int receiveBufferBytes) throws IOException {
        IOException lastFailure = null;
        for (int attempt = 0; attempt < pairs; attempt++) {
            int index = reserveNext();
            if (index < 0) {
                break; // every pair is held (by open streams, or reserved by opens under way)
            }
            int port = firstPort + 2 * index;
            DatagramChannel rtp = null;
            try {
                rtp = bind(port);
                receiveBuffer(rtp, receiveBufferBytes);
                DatagramChannel rtcp = rtcpMux ? null : bind(port + 1);
                return new PortPair(port, rtp, rtcp);
            } catch (IOException e) {
                PortPair.closeQuietly(rtp);
                boolean outOfDescriptors = DescriptorsExhausted.isCause(e);
                giveBack(index, outOfDescriptors);
                if (outOfDescriptors) {
                    throw new DescriptorsExhausted("out of file descriptors (" + e.getMessage() + ") with "
                            + inUseCount() + " port pairs held by open streams: the process's open-files limit is"
                            + " too low for the port range; raise it (ulimit -n, systemd LimitNOFILE)", e);
                }
                lastFailure = e;
            }
        }
        throw new IOException("no free RTP/RTCP port pair in " + firstPort + "-" + (firstPort + 2 * pairs - 1)
                + " on " + bindAddress.getHostAddress() + " (" + inUseCount() + " pairs held by open streams)",
                lastFailure);
    }

    /**
     * Reserves the next pair in rotation that is neither held nor reserved, and moves the rotation past it.
     *
     * @return its index, or -1 if there is none
     */
    private synchronized int reserveNext() {
        for (int looked = 0; looked < pairs; looked++) {
            int index = cursor;
            cursor = (cursor + 1) % pairs;
            if (!inUse.get(index)) {
                inUse.set(index);
                return index;
            }
        }
        return -1;
    }

    /**
     * Gives back a reserved pair whose bind failed; when it failed for want of file descriptors the pair was not
     * tried for real, and the rotation goes back to it so that the next open tries it again.
     */
    private synchronized void giveBack(int index, boolean untried) {
        inUse.clear(index);
        if (untried) {
            cursor = index;
        }
    }

    /** Makes the pair at {@code rtpPort} available again; its channels must be closed. */
    synchronized void release(int rtpPort) {
        inUse.clear((rtpPort - firstPort) / 2);
    }

    /** Pairs currently handed out. */
    synchronized int inUseCount() {
        return inUse.cardinality();
    }

    /** The receive buffer the kernel gave the last RTP socket (0 before the first), in bytes. */
    int grantedReceiveBuffer() {
        return grantedReceiveBuffer;
    }

    /**
     * Asks for the configured receive buffer and reads back what the kernel gave. The JDK reports on Linux the size
     * asked for, not the kernel's doubled bookkeeping figure, so a smaller answer means the kernel capped it.
     */
    private void receiveBuffer(DatagramChannel rtp, int receiveBufferBytes) throws IOException {
        rtp.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
        int granted = rtp.getOption(StandardSocketOptions.SO_RCVBUF);
        grantedReceiveBuffer = granted;
        if (granted < receiveBufferBytes && receiveBufferBytes == this.receiveBufferBytes
                && capLogged.compareAndSet(false, true)) {
            // the default meets a stock kernel's cap (212,992) on most hosts: worth knowing, not a fault
            LOG.log(receiveBufferBytes == ReceiverSettings.DEFAULT_RECEIVE_BUFFER_BYTES ? Level.INFO : Level.WARNING,
                    "the kernel gave the RTP sockets a receive buffer of " + granted + " bytes, not the "
                    + receiveBufferBytes + " asked for (recorder.rtp.receive-buffer-bytes): it is capped by"
                    + " net.core.rmem_max; raise that (sysctl -w net.core.rmem_max=" + receiveBufferBytes
                    + ") or ask for less. Logged once.");
        }
    }

    private DatagramChannel bind(int port) throws IOException {
        DatagramChannel channel = channels.open(family);
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
