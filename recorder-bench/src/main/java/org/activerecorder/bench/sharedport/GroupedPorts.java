package org.activerecorder.bench.sharedport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * Variant "ports shared by groups of streams": between one socket per stream (the anchor {@code FloorNio.java}) and
 * one socket for all ({@link BlockingSharedPort}). {@code ceil(streams / perPort)} sockets on every second port from
 * {@code first} each carry {@code perPort} streams (the sender, {@code shared-port/run.sh}, sends stream {@code i} to
 * socket {@code i mod sockets}, so that a group's streams are spread over the 20 ms as random calls' are), told apart
 * by their SSRC as on the one shared port. One thread, one Selector; a ready socket is read until it comes back empty, at most
 * {@code batch} datagrams a turn. The question it answers (docs/performance.md, series BC): how much of the one
 * shared port's saving survives when each group keeps a receive buffer of its own, which is what gives the per-stream
 * design its slack for a stalled reader (series BB: a socket buffer per stream, seconds of audio each).
 */
final class GroupedPorts {

    private final DatagramChannel[] channels;
    private final Selector selector;
    private final int receiveBuffer;

    GroupedPorts(int streams, int perPort, int firstPort, int requestedReceiveBuffer) throws IOException {
        int sockets = (streams + perPort - 1) / perPort;
        channels = new DatagramChannel[sockets];
        selector = Selector.open();
        int granted = 0;
        for (int i = 0; i < sockets; i++) {
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, requestedReceiveBuffer);
            channel.bind(new InetSocketAddress("127.0.0.1", firstPort + 2 * i));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            channels[i] = channel;
            granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
        }
        receiveBuffer = granted;
    }

    /** Receives into {@code consumer} until no datagram came for {@code idle} s (or {@code max} s in all). */
    String run(String variant, DatagramConsumer consumer, int batch, double idleSeconds, double maxSeconds)
            throws IOException {
        System.err.println("SharedPortReceiver: ready, " + variant + " on " + channels.length + " sockets, SO_RCVBUF "
                + receiveBuffer);
        ReceiveClock clock = new ReceiveClock();
        ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
        long start = System.nanoTime();
        long reads = 0;
        long packets = 0;
        while (true) {
            selector.select(100);
            long now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                DatagramChannel channel = (DatagramChannel) key.channel();
                reads++;
                for (int i = 0; i < batch; i++) {
                    datagram.clear();
                    InetSocketAddress from = (InetSocketAddress) channel.receive(datagram);
                    if (from == null) {
                        break;
                    }
                    clock.packet(now);
                    datagram.flip();
                    consumer.accept(datagram, from, now);
                    packets++;
                }
            }
            selector.selectedKeys().clear();
            boolean idle = clock.started() && (now - clock.lastNanos()) / 1e9 > idleSeconds;
            if (idle || (now - start) / 1e9 > maxSeconds) {
                break;
            }
        }
        for (DatagramChannel channel : channels) {
            channel.close();
        }
        selector.close();
        return clock.report(variant, consumer.finish(), String.format("so_rcvbuf=%d sockets=%d packets_per_read=%.2f",
                receiveBuffer, channels.length, reads == 0 ? 0.0 : (double) packets / reads));
    }
}
